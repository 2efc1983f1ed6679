import { caseDriver } from './support/case-driver';
import { requiredMaterials, scanItemApplication } from './support/cases';
import { CLERK, PUTUO_CLERK, notarisationApplication } from './support/fixtures';
import { startStack, type InProcessStack } from './support/stack';

/**
 * Issue 12 item 3, "configurable per item where the catalogue or an agreement says so": the service
 * guide's promised decision limit (承诺时限) and an agreement's clock budgets, from seeds/item-rules.json,
 * as the catalogue shows them and as the clocks of a case of the item run on them.
 */
describe('item time limits: what the guide promises and what an agreement sets', () => {
  let api: InProcessStack;
  beforeAll(async () => {
    api = await startStack({ workers: 1 }); // the worker delivers the courier's parcel
  });
  afterAll(() => api.stop());

  const clocks = async (id: string, caller: object) =>
    (await api.call<{ clocks: any[] }>('GET', `/applications/${id}`, caller)).body.clocks;

  it("shows an item's statutory and promised decision limits and its agreed budgets, and the documentation names them", async () => {
    const unemployment = (await api.call('GET', '/items/KS1-005')).body;
    expect(unemployment.timeLimits).toEqual({
      statutoryDecisionWorkingDays: 20,
      promisedDecisionWorkingDays: 5,
      agreedStageBudgetsWorkingDays: {},
    });
    const disability = (await api.call('GET', '/items/KS2-070')).body;
    expect(disability.timeLimits).toEqual({
      statutoryDecisionWorkingDays: 20,
      promisedDecisionWorkingDays: null,
      agreedStageBudgetsWorkingDays: { forward: 2 },
    });
    const listed = (await api.call<any[]>('GET', '/items?batch=1')).body.find((i) => i.code === 'KS1-005');
    expect(listed.timeLimits).toEqual(unemployment.timeLimits);

    const spec = await (await fetch(`${await api.app.getUrl()}/docs-json`)).json();
    const item = (spec as any).paths['/api/v1/items/{code}'].get;
    expect(item.responses['200'].content['application/json'].schema.$ref).toBe(
      '#/components/schemas/ServiceItemDto',
    );
    expect(Object.keys((spec as any).components.schemas.ItemTimeLimitsDto.properties)).toEqual([
      'statutoryDecisionWorkingDays',
      'promisedDecisionWorkingDays',
      'agreedStageBudgetsWorkingDays',
    ]);
  });

  it("runs an accepted case's decision clock on the item's promise, not the law's 20 working days", async () => {
    // 失业登记 (KS1-005) at 普陀区 for 安徽省合肥市 市人社局, whose guide promises 5 working days.
    const drive = caseDriver(api.call, 12_300, {
      application: (n) => scanItemApplication(api.call, n),
      clerk: PUTUO_CLERK,
      officer: { as: 'officer-j340100-rsj' },
    });
    const c = await drive.accepted();
    const decision = (await clocks(c.id, PUTUO_CLERK)).filter((k) => k.stage === 'decision');
    expect(decision).toEqual([
      expect.objectContaining({ party: 'homeJurisdiction', status: 'running', budgetWorkingDays: 5 }),
    ]);
    const due = await api.call(
      'GET',
      `/calendar/due-date?from=${encodeURIComponent(decision[0].startedAt)}&workingDays=5`,
      PUTUO_CLERK,
    );
    expect(decision[0]).toMatchObject({ dueDate: due.body.dueDate, dueAt: due.body.dueAt });
  });

  it("gives the window the agreed 2 working days to forward 残疾人证新办's papers", async () => {
    const received = await api.call('POST', '/applications', {
      ...CLERK,
      body: {
        ...notarisationApplication(12_400),
        itemCode: 'KS2-070',
        jurisdictionCode: 'J320100-CL',
        materials: await requiredMaterials(api.call, 'KS2-070'),
      },
    });
    expect(received.status).toBe(201);
    const forward = (await clocks(received.body.id, CLERK)).find((k) => k.stage === 'forward');
    expect(forward).toMatchObject({ party: 'window', status: 'running', budgetWorkingDays: 2 });
  });
});
