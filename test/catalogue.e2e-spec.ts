import { importCatalogue, loadCatalogueSeeds } from '@app/catalogue';
import Redis from 'ioredis';
import { startStack, type InProcessStack } from './support/stack';
import { TEST_ENV } from './support/test-env';

/** The catalogue as the database holds it and as the api publishes it; health and OpenAPI. */
describe('catalogue, health and docs', () => {
  let api: InProcessStack;
  beforeAll(async () => {
    api = await startStack();
  });
  afterAll(() => api.stop());

  const dump = () =>
    api.dataSource.query<unknown[]>(`SELECT to_jsonb(i) AS row FROM service_items i ORDER BY code`);

  it('loads idempotently: importing twice leaves the same rows', async () => {
    const before = await dump();
    const first = await importCatalogue(api.dataSource, loadCatalogueSeeds());
    const second = await importCatalogue(api.dataSource, loadCatalogueSeeds());
    expect(first).toEqual({ items: 140, windows: 5, jurisdictions: 20 });
    expect(second).toEqual(first);
    expect(await dump()).toEqual(before);
  });

  it('publishes all 140 items and filters them by batch, department and text', async () => {
    expect((await api.call<unknown[]>('GET', '/items')).body).toHaveLength(140);
    const batch3 = (await api.call<{ code: string }[]>('GET', '/items?batch=3')).body;
    expect(batch3.map((i) => i.code)).toEqual([
      'KS3-001',
      'KS3-002',
      'KS3-003',
      'KS3-004',
      'KS3-005',
      'KS3-006',
    ]);
    const police = (
      await api.call<{ code: string }[]>('GET', `/items?department=${encodeURIComponent('市公安局')}`)
    ).body;
    expect(police.map((i) => i.code)).toEqual(expect.arrayContaining(['KS1-003', 'KS2-001', 'KS2-070']));
    const notarial = (await api.call<{ name: string }[]>('GET', `/items?q=${encodeURIComponent('公证')}`))
      .body;
    expect(notarial.map((i) => i.name)).toEqual(['学历公证', '学位公证', '机动车驾驶证公证', '纳税状况公证']);
  });

  it('shows an item whose lead is only a note, and one with its rules and checklist', async () => {
    const aviation = (await api.call('GET', '/items/KS1-049')).body;
    expect(aviation).toMatchObject({ name: '航空安全员资格认定', leadDepartment: null });
    expect(aviation.authorityNote).toContain('民航浙江安全监督管理局');
    const diploma = (await api.call('GET', '/items/KS1-001')).body;
    expect(diploma).toMatchObject({
      originalsMustTravel: true,
      negativeList: false,
      checklistIsDefault: false,
    });
    expect(diploma.checklist).toContainEqual({ name: '学历证书', form: 'original', required: true });
  });

  it('reports not ready while Redis may evict keys (BullMQ needs maxmemory-policy noeviction)', async () => {
    const redis = new Redis(TEST_ENV.REDIS_URL);
    const [, policy] = (await redis.config('GET', 'maxmemory-policy')) as [string, string];
    try {
      await redis.config('SET', 'maxmemory-policy', 'allkeys-lru');
      const health = await api.call('GET', '/health');
      expect(health.status).toBe(503);
      expect(health.body.details.redis).toEqual({
        status: 'down',
        maxmemoryPolicy: 'allkeys-lru',
        expected: 'noeviction',
      });
    } finally {
      await redis.config('SET', 'maxmemory-policy', policy);
      await redis.quit();
    }
    expect((await api.call('GET', '/health')).status).toBe(200);
  });

  it('reports PostgreSQL and Redis ready, and serves the OpenAPI document', async () => {
    const health = await api.call('GET', '/health');
    expect(health.status).toBe(200);
    expect(health.body.details).toMatchObject({ database: { status: 'up' }, redis: { status: 'up' } });
    const base = (await api.app.getUrl()) + '/docs';
    expect((await fetch(base)).status).toBe(200);
    const spec = (await (await fetch(`${base}-json`)).json()) as { paths: Record<string, unknown> };
    const events = (spec as any).paths['/api/v1/applications/{id}/events'].post;
    expect(events.requestBody.content['application/json'].schema.discriminator.mapping.FORWARD).toBe(
      '#/components/schemas/TransferOrderDto',
    );
    expect(events.parameters.filter((p: { name: string }) => p.name.toLowerCase() === 'if-match')).toEqual([
      expect.objectContaining({ name: 'If-Match', in: 'header', required: false }),
    ]);
    expect(events.responses['409'].description).toContain('allowedEvents');
    // Each command that takes an Idempotency-Key declares it, once.
    for (const [path, method] of [
      ['/api/v1/applications', 'post'],
      ['/api/v1/applications/{id}/events', 'post'],
      ['/api/v1/track/{caseNumber}/withdraw', 'post'],
      ['/api/v1/track/{caseNumber}/evaluation', 'post'],
    ]) {
      const parameters: { name: string }[] = (spec as any).paths[path][method].parameters;
      expect(parameters.filter((p) => p.name === 'Idempotency-Key')).toEqual([
        expect.objectContaining({ in: 'header', required: false }),
      ]);
    }
    // An integrator learns the answers too: the receipt's query code, the token, the bearer scheme.
    const schema = (name: string) => (spec as any).components.schemas[name].properties;
    const receive = (spec as any).paths['/api/v1/applications'].post;
    expect(receive.responses['201'].content['application/json'].schema.$ref).toBe(
      '#/components/schemas/ReceiptDto',
    );
    expect(Object.keys(schema('ReceiptDto'))).toEqual(expect.arrayContaining(['caseNumber', 'queryCode']));
    expect(Object.keys(schema('AccessTokenDto'))).toEqual(
      expect.arrayContaining(['accessToken', 'expiresIn']),
    );
    const track = (spec as any).paths['/api/v1/track/{caseNumber}'].get;
    expect(track.responses['200'].content['application/json'].schema.$ref).toBe(
      '#/components/schemas/TrackingViewDto',
    );
    expect(track.security).toBeUndefined(); // the receipt is the applicant's key, not a token
    expect((spec as any).components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(receive.security).toEqual([{ bearer: [] }]);
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/applications',
        '/api/v1/applications/{id}/events',
        '/api/v1/track/{caseNumber}',
        '/api/v1/auth/token',
        '/api/v1/accounts',
        '/api/v1/statistics',
      ]),
    );
  });
});
