/** How often `eventually` reads again, in ms. */
const EVERY_MS = 50;

/** What a failure message shows of the last value read: JSON, at most 500 characters. */
function shown(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value); // e.g. a BullMQ job, which refers to its queue
  }
  return text.length > 500 ? `${text.slice(0, 500)}…` : text;
}

/**
 * The one way a test waits for something to happen: reads `read()` every 50 ms until
 * `done(value)` holds and answers that value. An error thrown by `read` ends the wait at once.
 * @param what what is awaited, for the failure message (e.g. `case 330902-… in forwarded.inTransit`)
 * @param timeoutMs how long to wait, in ms (default 30 s)
 * @throws Error `waited <timeoutMs> ms for <what>; last read <value>` when it does not happen in time
 */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  { what, timeoutMs = 30_000 }: { what: string; timeoutMs?: number },
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > until) throw new Error(`waited ${timeoutMs} ms for ${what}; last read ${shown(value)}`);
    await pause(EVERY_MS);
  }
}

/**
 * Lets `ms` milliseconds pass: for a test that shows something does NOT happen in that time (a job
 * that must not run, a case that must not move); to wait for something that does, use `eventually`.
 */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
