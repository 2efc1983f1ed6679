import { Conflict, InvalidInput, NotFound } from '@app/common';
import type { ParcelView } from '@app/cases';
import { paperRefusal } from './paper-refusals';
import { checkInField, checkInLines, parcelPage } from './parcel-pages';

const originals = [
  { materialId: 'm1', name: '公证申请表', pages: null, form: 'original' },
  { materialId: 'm2', name: '学历证书', pages: 2, form: 'original' },
];
const line = (caseId: string, status: string, state = 'forwarded.inParcel') => ({
  parcelId: 'p1',
  caseId,
  caseNumber: `330902-20261202-00000${caseId}`,
  itemCode: 'KS1-001',
  state,
  transferId: status === 'sealed' ? `t${caseId}` : null,
  status: status as never,
  originals,
  packedBy: 'clerk',
  packedAt: new Date(),
});
const view = {
  parcel: { id: 'p1', parcelNumber: 'W330902-P20261202-000001', leg: 'materials', status: 'sealed' },
  lines: [line('1', 'sealed'), line('2', 'removed', 'identityVerified'), line('3', 'sealed')],
  legs: [],
} as unknown as ParcelView;

describe('the check-in form, read against the manifest', () => {
  const all = (outcome: string) =>
    Object.fromEntries(
      ['1', '3'].flatMap((c) => [0, 1].map((j) => [checkInField('outcome', c, j), outcome])),
    );

  it('gives every travelling case with every original, names from the manifest, notes trimmed', () => {
    const body = {
      ...all('received'),
      [checkInField('outcome', '3', 1)]: 'missing',
      [checkInField('note', '3', 1)]: ' 包内未见 ',
    };
    expect(checkInLines(view, body)).toEqual([
      {
        caseId: '1',
        originals: [
          { name: '公证申请表', outcome: 'received' },
          { name: '学历证书', outcome: 'received' },
        ],
      },
      {
        caseId: '3',
        originals: [
          { name: '公证申请表', outcome: 'received' },
          { name: '学历证书', outcome: 'missing', note: '包内未见' },
        ],
      },
    ]);
  });

  it('refuses an original without an outcome, or with one not on the list, naming it in Chinese', () => {
    const body = { ...all('received'), [checkInField('outcome', '1', 1)]: 'lost' };
    delete body[checkInField('outcome', '3', 0)];
    const refused = (() => {
      try {
        checkInLines(view, body);
      } catch (e) {
        return e as InvalidInput;
      }
    })();
    expect(refused).toBeInstanceOf(InvalidInput);
    expect((refused!.details as { message: string }[]).map((p) => p.message)).toEqual([
      '请选择案件 330902-20261202-000001「学历证书」的核对结果',
      '请选择案件 330902-20261202-000003「公证申请表」的核对结果',
    ]);
  });

  it('leaves the lines taken out off the page, and says each case state in words', () => {
    const page = parcelPage(view, new Map());
    expect(page.lines.map((l) => [l.caseId, l.stateLabel, l.lineLabel])).toEqual([
      ['1', '材料寄递中', '随包寄递中'],
      ['3', '材料寄递中', '随包寄递中'],
    ]);
    expect(page.inTransit).toBe(true);
    expect(page.row.cases).toBe(2);
  });
});

describe('refusals of the papers, in Chinese', () => {
  it('says why a case cannot be packed, by the rule that refused it', () => {
    const state = new Conflict('not_packable', 'x', { caseNumber: 'N1', why: 'state', state: 'received' });
    expect(paperRefusal(state)?.message).toBe(
      '案件 N1 当前为「已收件」，不能装入：只有身份核验通过待转递、或转递异常待重新寄递的案件可以寄递原件。',
    );
    const elsewhere = new Conflict('not_packable', 'x', { caseNumber: 'N1', why: 'jurisdiction' });
    expect(paperRefusal(elsewhere)).toMatchObject({
      status: 409,
      message: '案件 N1 的业务属地部门不是本包裹的收件单位，不能装入。',
    });
  });

  it('names the case number scanned when it is not found, and leaves other errors to the error page', () => {
    expect(paperRefusal(new NotFound('case', 'case not found'), { caseNumber: 'N9' })?.message).toContain(
      '未找到案件编号 N9',
    );
    expect(paperRefusal(new Error('boom'))).toBeNull();
  });
});
