import { createHash } from 'node:crypto';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { CLERK, notarisationApplication } from './support/fixtures';
import { rowCounts } from './support/row-counts';
import { startStack, type InProcessStack } from './support/stack';
import { signIn } from './support/http';
import { TEST_ENV, TEST_STAFF_PASSWORD } from './support/test-env';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG_HEADER = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

/** Scans uploaded at the window: type from the bytes, hash from the server, nothing kept when refused. */
describe('uploading scanned materials', () => {
  let api: InProcessStack;
  let base: string;
  let caseId: string;
  let clerk: Record<string, string>;

  beforeAll(async () => {
    rmSync(TEST_ENV.STORAGE_DIR, { recursive: true, force: true });
    api = await startStack();
    base = api.baseUrl;
    clerk = { authorization: `Bearer ${await signIn(base, CLERK.as, TEST_STAFF_PASSWORD)}` };
    const { body } = await api.call('POST', '/applications', {
      ...CLERK,
      body: notarisationApplication(960),
    });
    caseId = body.id;
  });
  afterAll(() => api.stop());

  type Parts = { material?: string; file?: [Buffer, string, string]; second?: [Buffer, string, string] };
  const formOf = (parts: Parts) => {
    const form = new FormData();
    if (parts.material !== undefined) form.append('material', parts.material);
    if (parts.file) form.append('file', new Blob([parts.file[0]], { type: parts.file[2] }), parts.file[1]);
    if (parts.second) {
      form.append('file', new Blob([parts.second[0]], { type: parts.second[2] }), parts.second[1]);
    }
    return form;
  };
  /** Node's fetch with FormData and Blob, as a browser sends it: the file in large (64 KiB) chunks. */
  const upload = async (parts: Parts, id = caseId) => {
    const res = await fetch(`${base}/applications/${id}/scans`, {
      method: 'POST',
      headers: clerk,
      body: formOf(parts),
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  /**
   * The same multipart body written to the socket piece by piece, each piece after the one before
   * has been flushed: `cuts(body, fileStart)` gives the offsets where a piece ends.
   */
  const uploadInPieces =
    (cuts: (length: number, fileStart: number) => number[], pauseMs = 0) =>
    async (parts: Parts) => {
      const encoded = new Response(formOf(parts));
      const body = Buffer.from(await encoded.arrayBuffer());
      const fileStart = body.indexOf('\r\n\r\n', body.indexOf('filename=')) + 4;
      const ends = [...cuts(body.length, fileStart).filter((c) => c > 0 && c < body.length), body.length];
      return new Promise<{ status: number; body: any }>((resolve, reject) => {
        const req = request(`${base}/applications/${caseId}/scans`, {
          method: 'POST',
          headers: {
            ...clerk,
            'content-type': encoded.headers.get('content-type') as string,
            'content-length': body.length,
          },
        });
        req.on('error', reject);
        req.on('response', (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode as number, body: JSON.parse(Buffer.concat(chunks).toString()) }),
          );
        });
        const write = (i: number, from: number): void => {
          if (i === ends.length) return void req.end();
          req.write(body.subarray(from, ends[i]), () => setTimeout(write, pauseMs, i + 1, ends[i]));
        };
        write(0, 0);
      });
    };
  const stored = () =>
    existsSync(TEST_ENV.STORAGE_DIR) ? readdirSync(join(TEST_ENV.STORAGE_DIR, caseId)) : [];

  it('stores a PDF and answers the SHA-256 the server computed', async () => {
    const res = await upload({ material: '学历证书', file: [PDF, 'diploma.pdf', 'application/pdf'] });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      materialName: '学历证书',
      contentType: 'application/pdf',
      bytes: PDF.length,
      sha256: createHash('sha256').update(PDF).digest('hex'),
    });
    expect(stored()).toEqual([`${res.body.sha256}.pdf`]);
  });

  it('keeps one scan per page: the same bytes again answer it, under another material they are refused', async () => {
    const first = await upload({ material: '学历证书', file: [PDF, 'diploma.pdf', 'application/pdf'] });
    const again = await upload({
      material: '学历证书',
      file: [PDF, 'copy-of-diploma.pdf', 'application/pdf'],
    });
    expect(again).toMatchObject({ status: 201, body: { id: first.body.id, materialName: '学历证书' } });
    const relabel = await upload({ material: '公证申请表', file: [PDF, 'form.pdf', 'application/pdf'] });
    expect(relabel).toMatchObject({
      status: 409,
      body: { details: { reason: 'scan_exists', materialName: '学历证书' } },
    });
    const [kept] = await api.dataSource.query(`SELECT material_name FROM scans WHERE id = $1`, [
      first.body.id,
    ]);
    expect(kept.material_name).toBe('学历证书');
    expect(stored()).toEqual([`${first.body.sha256}.pdf`]);
  });

  it('refuses a scan of a material that was not handed in, keeping nothing', async () => {
    const before = await rowCounts(api.dataSource);
    const png = Buffer.concat([PNG_HEADER, Buffer.from('another page')]);
    const res = await upload({ material: '不存在的材料', file: [png, 'x.png', 'image/png'] });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([
      { field: 'material', message: expect.stringContaining('不存在的材料') },
    ]);
    expect(await rowCounts(api.dataSource)).toEqual(before);
    expect(stored()).not.toContain(`${createHash('sha256').update(png).digest('hex')}.png`);
  });

  it.each([
    [
      'HTML named .jpg',
      { material: '学历证书', file: [Buffer.from('<html><script>x</script></html>'), 'a.jpg', 'image/jpeg'] },
      415,
      'file',
    ],
    [
      'an empty file',
      { material: '学历证书', file: [Buffer.alloc(0), 'empty.pdf', 'application/pdf'] },
      400,
      'file',
    ],
    [
      'a file over the size limit',
      {
        material: '学历证书',
        file: [Buffer.concat([PNG_HEADER, Buffer.alloc(70_000)]), 'big.png', 'image/png'],
      },
      413,
      'file',
    ],
    ['no material name', { file: [PDF, 'x.pdf', 'application/pdf'] }, 400, 'material'],
    ['no file', { material: '学历证书' }, 400, 'file'],
  ] as const)('refuses %s and keeps nothing', async (_what, parts, status, field) => {
    const counts = await rowCounts(api.dataSource);
    const files = stored();
    const res = await upload(parts as never);
    expect(res.status).toBe(status);
    expect(res.body.details).toEqual([expect.objectContaining({ field })]);
    expect(await rowCounts(api.dataSource)).toEqual(counts);
    expect(stored()).toEqual(files);
  });

  const LIMIT = Number(TEST_ENV.SCAN_MAX_BYTES);
  const overLimit = [1, 17, 1000, LIMIT + 1];
  const contents = {
    PNG: (bytes: number) => Buffer.concat([PNG_HEADER, Buffer.alloc(bytes - PNG_HEADER.length, 7)]),
    'unknown bytes': (bytes: number) => Buffer.alloc(bytes, 'x'),
  };
  const clients = {
    'fetch with FormData and a Blob (large chunks, as a browser)': upload,
    'a client sending 1 KiB chunks': uploadInPieces((length) =>
      Array.from({ length: Math.ceil(length / 1024) }, (_, i) => (i + 1) * 1024),
    ),
    // The server has read exactly SCAN_MAX_BYTES of the file when the rest arrives.
    'a client pausing exactly at the limit': uploadInPieces((_length, fileStart) => [fileStart + LIMIT], 100),
  };

  describe.each(Object.entries(clients))('sent by %s', (_client, send) => {
    it.each(overLimit.flatMap((extra) => Object.keys(contents).map((kind) => [kind, extra] as const)))(
      'refuses %s SCAN_MAX_BYTES + %d bytes long with 413 (size before type) and keeps nothing',
      async (kind, extra) => {
        const counts = await rowCounts(api.dataSource);
        const files = stored();
        const bytes = contents[kind as keyof typeof contents](LIMIT + extra);
        const res = await send({ material: '学历证书', file: [bytes, 'big.png', 'image/png'] });
        expect(res.status).toBe(413);
        expect(res.body.details).toEqual([expect.objectContaining({ field: 'file' })]);
        expect(await rowCounts(api.dataSource)).toEqual(counts);
        expect(stored()).toEqual(files);
      },
    );

    it('takes a scan of exactly SCAN_MAX_BYTES whole', async () => {
      const bytes = contents.PNG(LIMIT);
      bytes.write(_client, 100);
      const res = await send({ material: '学历证书', file: [bytes, 'full.png', 'image/png'] });
      expect(res).toMatchObject({
        status: 201,
        body: { bytes: LIMIT, sha256: createHash('sha256').update(bytes).digest('hex') },
      });
    });

    it('refuses two files in one upload with 400 naming file, keeping neither', async () => {
      const counts = await rowCounts(api.dataSource);
      const files = stored();
      const page = (text: string) => Buffer.concat([PNG_HEADER, Buffer.from(`${_client} ${text}`)]);
      const res = await send({
        material: '学历证书',
        file: [page('page 1'), 'p1.png', 'image/png'],
        second: [page('page 2'), 'p2.png', 'image/png'],
      });
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'file' })]);
      expect(await rowCounts(api.dataSource)).toEqual(counts);
      expect(stored()).toEqual(files);
    });
  });

  it('refuses a JSON body (415) and a case the window no longer holds (409)', async () => {
    const json = await fetch(`${base}/applications/${caseId}/scans`, {
      method: 'POST',
      headers: { ...clerk, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(json.status).toBe(415);
    await api.dataSource.query(`UPDATE applications SET state = 'forwarded.inTransit' WHERE id = $1`, [
      caseId,
    ]);
    const late = await upload({ material: '学历证书', file: [PDF, 'again.pdf', 'application/pdf'] });
    expect(late.status).toBe(409);
    expect(late.body.details).toMatchObject({ reason: 'not_at_window' });
  });
});
