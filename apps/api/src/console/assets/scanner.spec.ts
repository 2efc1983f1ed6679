import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';

type Source = 'scanner' | 'keyboard';
interface ScannerApi {
  SCAN_TIMING: { MAX_MEDIAN_GAP_MS: number; MIN_CHARS: number; PAUSE_MS: number };
  classifyKeys(times: number[], endAt: number): Source;
}

/** scanner.js as the browser gets it, run as a CommonJS module (no document: only its pure part). */
function loadScanner(): ScannerApi {
  const module = { exports: {} as ScannerApi };
  runInNewContext(readFileSync(join(__dirname, 'scanner.js'), 'utf8'), { module });
  return module.exports;
}

/** Key times of `chars` characters `gap` ms apart from `start`, and the ending key `endGap` ms later. */
const typed = (chars: number, gap: number, endGap = gap, start = 1000) => {
  const times = Array.from({ length: chars }, (_, i) => start + i * gap);
  return { times, endAt: times[times.length - 1] + endGap };
};

describe('scanner.js: a scan told from a person by key speed', () => {
  const { classifyKeys, SCAN_TIMING } = loadScanner();
  const judge = ({ times, endAt }: { times: number[]; endAt: number }) => classifyKeys(times, endAt);

  it('documents its thresholds: 40 ms median gap, 4 characters, 300 ms pause', () => {
    expect(SCAN_TIMING).toEqual({ MAX_MEDIAN_GAP_MS: 40, MIN_CHARS: 4, PAUSE_MS: 300 });
  });

  it.each([7, 10, 16, 30])('takes a waybill typed %i ms apart, ended at once, for a scan', (gap) => {
    expect(judge(typed(14, gap, 5))).toBe('scanner');
  });

  it.each([100, 150, 200])('takes keys %i ms apart for a person', (gap) => {
    expect(judge(typed(14, gap))).toBe('keyboard');
  });

  it('keeps a scan a scan when a loaded browser delays one key by 120 ms', () => {
    const { times, endAt } = typed(14, 10, 5);
    const late = times.map((t, i) => (i >= 6 ? t + 120 : t));
    expect(classifyKeys(late, endAt + 120)).toBe('scanner');
  });

  it('takes three fast keys for a person: too short for any code', () => {
    expect(judge(typed(3, 10, 5))).toBe('keyboard');
    expect(judge(typed(0, 10, 5))).toBe('keyboard');
  });

  it('judges the burst after a pause: a person typed first, then the scanner', () => {
    const person = typed(5, 150);
    const scan = typed(12, 10, 5, person.endAt + 2000);
    expect(classifyKeys([...person.times, ...scan.times], scan.endAt)).toBe('scanner');
  });

  it('takes a scan for a person when Enter comes long after it (a person pressed it)', () => {
    expect(judge(typed(12, 10, 800))).toBe('keyboard');
  });

  it('takes a person whose last four keys were fast after slow ones for a person', () => {
    const slow = typed(8, 150);
    const fast = typed(4, 30, 30, slow.times[7] + 150);
    // One burst (no 300 ms pause): the median gap is a person's.
    expect(classifyKeys([...slow.times, ...fast.times], fast.endAt)).toBe('keyboard');
  });
});
