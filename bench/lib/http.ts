import { Agent, request } from 'node:http';
import type { Recorder } from './stats';

/** An answer outside 200–299. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    readonly what: string,
  ) {
    super(`${what}: HTTP ${status} ${body.slice(0, 500)}`);
  }
}

/**
 * A small keep-alive JSON client on node:http (lighter than fetch: the load generator shares the
 * machine's two cores with what it measures). Each call is timed from the request to the last
 * byte of the answer and recorded under `endpoint`.
 */
export class BenchClient {
  private readonly agent: Agent;
  private readonly url: URL;
  private readonly tokens = new Map<string, string>();

  constructor(
    baseUrl: string,
    private readonly recorder: Recorder,
    maxSockets: number,
  ) {
    this.url = new URL(baseUrl);
    this.agent = new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  }

  /** Signs each of `usernames` in with `password` before the run, so sign-in is not timed with the cases. */
  async signIn(usernames: string[], password: string): Promise<void> {
    for (const username of usernames) {
      const answer = await this.call<{ accessToken: string }>(
        'POST /auth/token',
        'POST',
        '/auth/token',
        undefined,
        {
          username,
          password,
        },
      );
      this.tokens.set(username, answer.accessToken);
    }
  }

  /**
   * Sends one request as the signed-in staff account `as`, or as nobody (catalogue, tracking).
   * @throws HttpError on a status outside 200–299; Error when `as` has not signed in
   */
  call<T>(endpoint: string, method: 'GET' | 'POST', path: string, as?: string, body?: unknown): Promise<T> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers: Record<string, string | number> = {};
    if (payload) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = payload.length;
    }
    if (as) {
      const token = this.tokens.get(as);
      if (!token) throw new Error(`${as} has not signed in`);
      headers.authorization = `Bearer ${token}`;
    }
    const started = performance.now();
    return new Promise<T>((resolve, reject) => {
      const req = request(
        {
          agent: this.agent,
          host: this.url.hostname,
          port: this.url.port,
          method,
          path: this.url.pathname + path,
          headers,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const status = res.statusCode ?? 0;
            if (status < 200 || status > 299) {
              reject(new HttpError(status, text, `${method} ${path}`));
              return;
            }
            this.recorder.add(endpoint, performance.now() - started);
            try {
              resolve((text ? JSON.parse(text) : undefined) as T);
            } catch (e) {
              reject(e instanceof Error ? e : new Error(String(e)));
            }
          });
        },
      );
      req.on('error', reject);
      if (payload) req.write(payload);
      req.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
