/** Options of one JSON request: body, the actor headers, any other headers. */
export interface CallOptions {
  body?: unknown;
  role?: string;
  actorId?: string;
  headers?: Record<string, string>;
}

export type Call = <T = any>(
  method: string,
  path: string,
  opts?: CallOptions,
) => Promise<{ status: number; body: T }>;

/** A JSON client for the api at `base` (…/api/v1) that returns status and body, whatever the status. */
export function jsonClient(base: string): Call {
  return async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    if (opts.role) {
      headers['x-actor-role'] = opts.role;
      headers['x-actor-id'] = opts.actorId ?? `${opts.role}-test-01`;
    }
    const res = await fetch(base + path, {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
}
