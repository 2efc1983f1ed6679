/** Latency samples and their percentiles. */

/** p50 / p95 / p99 and friends of a set of samples, ms (rounded to 0.1 ms). */
export interface Percentiles {
  count: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** The nearest-rank `q`-quantile (0 < q ≤ 1) of ascending `sorted`. */
export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function percentiles(samples: number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  const sum = sorted.reduce((s, x) => s + x, 0);
  return {
    count: sorted.length,
    mean: round1(sorted.length ? sum / sorted.length : NaN),
    p50: round1(quantile(sorted, 0.5)),
    p95: round1(quantile(sorted, 0.95)),
    p99: round1(quantile(sorted, 0.99)),
    max: round1(sorted[sorted.length - 1] ?? NaN),
  };
}

/** Samples grouped by a name (an endpoint, a statement). */
export class Recorder {
  private readonly samples = new Map<string, number[]>();

  add(name: string, ms: number): void {
    let list = this.samples.get(name);
    if (!list) this.samples.set(name, (list = []));
    list.push(ms);
  }

  names(): string[] {
    return [...this.samples.keys()];
  }

  get(name: string): number[] {
    return this.samples.get(name) ?? [];
  }

  summary(): Record<string, Percentiles> {
    return Object.fromEntries([...this.samples].map(([name, list]) => [name, percentiles(list)]));
  }
}

/** Runs `lanes` loops at once, each taking the next index below `total` until none is left. */
export async function runLanes(
  total: number,
  lanes: number,
  body: (index: number, lane: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(lanes, total) }, async (_, lane) => {
      for (;;) {
        const index = next++;
        if (index >= total) return;
        await body(index, lane);
      }
    }),
  );
}
