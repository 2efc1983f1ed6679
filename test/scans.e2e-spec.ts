import { createHash } from 'node:crypto';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CLERK, notarisationApplication } from './support/fixtures';
import { rowCounts, startApi, type ApiHandle } from './support/harness';
import { signIn } from './support/http';
import { TEST_ENV, TEST_STAFF_PASSWORD } from './support/test-env';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG_HEADER = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

/** Scans uploaded at the window: type from the bytes, hash from the server, nothing kept when refused. */
describe('uploading scanned materials', () => {
  let api: ApiHandle;
  let base: string;
  let caseId: string;
  let clerk: Record<string, string>;

  beforeAll(async () => {
    rmSync(TEST_ENV.STORAGE_DIR, { recursive: true, force: true });
    api = await startApi();
    base = `${await api.app.getUrl()}/api/v1`;
    clerk = { authorization: `Bearer ${await signIn(base, CLERK.as, TEST_STAFF_PASSWORD)}` };
    const { body } = await api.call('POST', '/applications', {
      ...CLERK,
      body: notarisationApplication(960),
    });
    caseId = body.id;
  });
  afterAll(() => api.close());

  const upload = async (parts: { material?: string; file?: [Buffer, string, string] }, id = caseId) => {
    const form = new FormData();
    if (parts.material !== undefined) form.append('material', parts.material);
    if (parts.file) form.append('file', new Blob([parts.file[0]], { type: parts.file[2] }), parts.file[1]);
    const res = await fetch(`${base}/applications/${id}/scans`, {
      method: 'POST',
      headers: clerk,
      body: form,
    });
    return { status: res.status, body: (await res.json()) as any };
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
