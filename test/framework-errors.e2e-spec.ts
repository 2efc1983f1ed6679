import { connect } from 'node:net';
import { startStack, type InProcessStack } from './support/stack';

/** The answer to a raw HTTP/1.1 request: status, headers (lowercased names) and the parsed JSON body. */
interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: any;
}

/**
 * Sends `head` (request line and headers, CRLF-separated, without the blank line) as bytes, exactly
 * as given: fetch and http.request would re-encode a malformed URL or refuse a huge header.
 */
function rawRequest(port: number, head: Buffer): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', (e) => (chunks.length > 0 ? undefined : reject(e)));
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [headText, ...rest] = text.split('\r\n\r\n');
      const [statusLine, ...headerLines] = headText.split('\r\n');
      const headers = Object.fromEntries(
        headerLines.map((l) => [
          l.slice(0, l.indexOf(':')).toLowerCase(),
          l.slice(l.indexOf(':') + 1).trim(),
        ]),
      );
      const bodyText = rest.join('\r\n\r\n');
      try {
        resolve({ status: Number(statusLine.split(' ')[1]), headers, body: JSON.parse(bodyText) });
      } catch {
        reject(new Error(`answer is not JSON: ${text}`));
      }
    });
    socket.write(Buffer.concat([head, Buffer.from('\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n')]));
  });
}

/** Fastify's own errors (before any route runs) answer in the one error shape, like every other error. */
describe("Fastify's own errors", () => {
  let api: InProcessStack;
  let port: number;
  beforeAll(async () => {
    api = await startStack();
    port = Number(new URL(await api.app.getUrl()).port);
  });
  afterAll(() => api.stop());

  const expectShape = (answer: RawAnswer, statusCode: number, error: string, mentions: RegExp) => {
    expect(answer.status).toBe(statusCode);
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    expect(answer.body).toEqual({
      statusCode,
      error,
      message: expect.stringMatching(mentions),
      details: [{ field: expect.any(String), message: expect.stringMatching(mentions) }],
    });
  };

  it('answers 414 to a path parameter longer than Fastify allows', async () => {
    const answer = await rawRequest(
      port,
      Buffer.from(`GET /api/v1/track/${'9'.repeat(300)}?code=000000 HTTP/1.1`),
    );
    expectShape(answer, 414, 'URI Too Long', /too long/);
    expect(JSON.stringify(answer.body)).not.toContain('9'.repeat(20));
  });

  it('answers 431 to headers larger than the server takes', async () => {
    const answer = await rawRequest(
      port,
      Buffer.from(`GET /api/v1/health HTTP/1.1\r\nX-Filler: ${'a'.repeat(20_000)}`),
    );
    expectShape(answer, 431, 'Request Header Fields Too Large', /headers/);
  });

  it.each([
    ['bad percent-encoding', Buffer.from('GET /api/v1/track/%E4%B8?code=000000 HTTP/1.1')],
    ['a truncated percent escape', Buffer.from('GET /api/v1/items/KS1%2 HTTP/1.1')],
    [
      'unencoded UTF-8',
      Buffer.concat([
        Buffer.from('GET /api/v1/items/'),
        Buffer.from('舟山', 'utf8'),
        Buffer.from(' HTTP/1.1'),
      ]),
    ],
  ])('answers 400 to a URL with %s', async (_what, head) => {
    const answer = await rawRequest(port, head);
    expectShape(answer, 400, 'Bad Request', /URL/);
  });

  it('still answers an ordinary request on the same server', async () => {
    expect((await api.call('GET', '/health')).status).toBe(200);
  });
});
