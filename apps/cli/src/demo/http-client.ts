/** Thrown when the api answers an error; carries the status and the error body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`HTTP ${status}: ${JSON.stringify(body)}`);
  }
}

/**
 * A small JSON client for the api under `baseUrl` (…/api/v1), as a window or office system would
 * call it: staff sign in with `password` (the demo accounts') once per username, then send the token.
 */
export class HttpClient {
  private readonly tokens = new Map<string, Promise<string>>();

  constructor(
    private readonly baseUrl: string,
    private readonly password: string,
  ) {}

  /**
   * Sends one request as the staff account `as` (a username), or as nobody (catalogue, tracking),
   * and returns the parsed JSON body.
   * @throws ApiError on any status outside 200–299
   */
  async call<T = any>(method: 'GET' | 'POST', path: string, as?: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (as) headers.authorization = `Bearer ${await this.tokenOf(as)}`;
    return this.send<T>(method, path, headers, body === undefined ? undefined : JSON.stringify(body));
  }

  /**
   * Uploads `bytes` as the scan of `material` of case `caseId` (multipart, as the window's scanner
   * software would) as the staff account `as`; answers the scan as kept (its SHA-256 included).
   * @throws ApiError on any status outside 200–299
   */
  async uploadScan(as: string, caseId: string, material: string, bytes: Buffer): Promise<{ sha256: string }> {
    const form = new FormData();
    form.append('material', material);
    form.append('file', new Blob([bytes]), 'scan.pdf');
    const authorization = `Bearer ${await this.tokenOf(as)}`;
    return this.send('POST', `/applications/${caseId}/scans`, { authorization }, form);
  }

  /**
   * Fetches `path` as the staff account `as`, or as nobody, and returns the body's bytes as sent (a
   * PDF, a receipt file).
   * @throws ApiError on any status outside 200–299
   */
  async bytes(path: string, as?: string): Promise<Buffer> {
    const headers: Record<string, string> = as ? { authorization: `Bearer ${await this.tokenOf(as)}` } : {};
    const res = await fetch(this.baseUrl + path, { headers });
    if (!res.ok) throw new ApiError(res.status, await res.json().catch(() => null));
    return Buffer.from(await res.arrayBuffer());
  }

  private tokenOf(username: string): Promise<string> {
    let token = this.tokens.get(username);
    if (!token) {
      token = this.send<{ accessToken: string }>(
        'POST',
        '/auth/token',
        { 'content-type': 'application/json' },
        JSON.stringify({ username, password: this.password }),
      ).then((answer) => answer.accessToken);
      this.tokens.set(username, token);
    }
    return token;
  }

  private async send<T>(
    method: string,
    path: string,
    headers: Record<string, string>,
    body?: string | FormData,
  ): Promise<T> {
    const res = await fetch(this.baseUrl + path, { method, headers, body });
    const parsed: unknown = res.status === 204 ? undefined : await res.json();
    if (!res.ok) throw new ApiError(res.status, parsed);
    return parsed as T;
  }
}
