/** Who the demo acts as: a role and an id (sent as X-Actor-Role / X-Actor-Id). */
export interface DemoActor {
  role: 'clerk' | 'officer' | 'applicant';
  id: string;
}

/** Thrown when the api answers an error; carries the status and the error body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`HTTP ${status}: ${JSON.stringify(body)}`);
  }
}

/** A small JSON client for the api under `baseUrl` (…/api/v1), as a window or office system would call it. */
export class HttpClient {
  constructor(private readonly baseUrl: string) {}

  /**
   * Sends one request and returns the parsed JSON body.
   * @throws ApiError on any status outside 200–299
   */
  async call<T = any>(method: 'GET' | 'POST', path: string, actor?: DemoActor, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (actor) {
      headers['x-actor-role'] = actor.role;
      headers['x-actor-id'] = actor.id;
    }
    const res = await fetch(this.baseUrl + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const parsed: unknown = res.status === 204 ? undefined : await res.json();
    if (!res.ok) throw new ApiError(res.status, parsed);
    return parsed as T;
  }
}
