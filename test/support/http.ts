import { TEST_STAFF_PASSWORD } from './fixtures';

/** Options of one JSON request: body, who calls, any other headers. */
export interface CallOptions {
  body?: unknown;
  /** Username of a seeded staff account (e.g. `clerk-w330902`): signs in once, sends its bearer token. */
  as?: string;
  headers?: Record<string, string>;
}

export type Call = <T = any>(
  method: string,
  path: string,
  opts?: CallOptions,
) => Promise<{ status: number; body: T }>;

/**
 * A JSON client for the api at `base` (…/api/v1) that returns status and body, whatever the
 * status. `as` signs in with TEST_STAFF_PASSWORD (once per username and client) and sends the token.
 */
export function jsonClient(base: string): Call {
  const tokens = new Map<string, Promise<string>>();
  const tokenOf = (username: string): Promise<string> => {
    let token = tokens.get(username);
    if (!token) {
      token = signIn(base, username, TEST_STAFF_PASSWORD);
      tokens.set(username, token);
    }
    return token;
  };
  return async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    if (opts.as) headers.authorization = `Bearer ${await tokenOf(opts.as)}`;
    const res = await fetch(base + path, {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
}

/**
 * A bearer token for `username`.
 * @throws Error when signing in does not answer 200
 */
export async function signIn(base: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${base}/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const answer = (await res.json()) as { accessToken?: string };
  if (res.status !== 200 || !answer.accessToken) {
    throw new Error(`sign-in of ${username} answered ${res.status}: ${JSON.stringify(answer)}`);
  }
  return answer.accessToken;
}

/**
 * Uploads `bytes` as the scan of `material` of case `caseId` (multipart, as a browser sends it)
 * with the bearer `token`; returns status and body, whatever the status.
 */
export async function uploadScan(
  base: string,
  token: string,
  caseId: string,
  material: string,
  bytes: Buffer,
): Promise<{ status: number; body: any }> {
  const form = new FormData();
  form.append('material', material);
  form.append('file', new Blob([bytes]), 'scan');
  const res = await fetch(`${base}/applications/${caseId}/scans`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  return { status: res.status, body: await res.json() };
}
