import { readFileSync } from 'node:fs';
import * as path from 'node:path';

import type { ServiceItemSeed } from '../catalogue.types';
import { itemCode, parseAnnex } from './annex-parser';
import { parseDeadlineDate, repairLostYearMark } from './deadline';
import { parseLeadCell, parseNoteCell } from './lead-department';
import { serializeServiceItems } from './service-items-json';

const REPO_ROOT = path.resolve(__dirname, '../../../..');
/** The plan as published, kept in the repository (seeds/source/) so a clone needs nothing beside it. */
const SEED_TEXT = readFileSync(
  path.resolve(REPO_ROOT, 'seeds/source/zhoushan-cross-region-plan-2021.txt'),
  'utf8',
);

/** The text with one row cut out: from its number line up to the next row's number (or the closing note). */
function withoutRow(text: string, name: string): string {
  const lines = text.split('\n');
  const nameAt = lines.findIndex((line) => line.trim() === name);
  let start = nameAt - 1;
  while (start > 0 && !/^\d+$/.test(lines[start].trim())) start--;
  const after = lines.slice(nameAt + 1).findIndex((line) => /^(\d+|注[:：].*)$/.test(line.trim()));
  expect(nameAt).toBeGreaterThan(0);
  return [...lines.slice(0, start), ...lines.slice(nameAt + 1 + after)].join('\n');
}

function row(overrides: Partial<ServiceItemSeed> & Pick<ServiceItemSeed, 'code' | 'name' | 'scenario'>) {
  const [, batch, seq] = /^KS(\d)-(\d{3})$/.exec(overrides.code) ?? [];
  return {
    batch: Number(batch),
    seq: Number(seq),
    leadDepartment: null,
    cooperatingDepartments: [],
    authorityNote: null,
    deadlineText: null,
    deadlineDate: null,
    linkedCodes: [],
    ...overrides,
  };
}

describe('parseAnnex (annex to 舟政办发〔2021〕40号)', () => {
  const items = parseAnnex(SEED_TEXT);
  const byCode = new Map(items.map((item) => [item.code, item]));

  it('finds 58 + 76 + 6 = 140 rows, in section and row order, with unique codes', () => {
    expect(items.filter((item) => item.batch === 1)).toHaveLength(58);
    expect(items.filter((item) => item.batch === 2)).toHaveLength(76);
    expect(items.filter((item) => item.batch === 3)).toHaveLength(6);
    expect(items).toHaveLength(140);
    expect(new Set(items.map((item) => item.code)).size).toBe(140);
    expect(items.map((item) => item.code)).toEqual(items.map((item) => itemCode(item.batch, item.seq)));
    expect(items[0].code).toBe('KS1-001');
    expect(items[139].code).toBe('KS3-006');
  });

  it.each([
    row({
      code: 'KS1-001',
      name: '学历公证',
      scenario:
        '申请人可异地申请博士研究生、硕士研究生、大学本科、大学专科学历公证,不受户籍地或学校所在地限制。',
      leadDepartment: '市司法局',
    }),
    row({
      code: 'KS1-003',
      name: '机动车驾驶证公证',
      scenario: '申请人可异地申请机动车驾驶证公证,不受户籍地或驾驶证领取地限制。',
      leadDepartment: '市司法局',
      cooperatingDepartments: ['市公安局'],
    }),
    row({
      code: 'KS1-004',
      name: '应届毕业生法律职业资格认定(享受放宽条件政策的除外)',
      scenario: '申请人可选择在居住地、户籍地或工作地申请授予法律职业资格,不受考试报名地限制。',
      leadDepartment: '市司法局',
      linkedCodes: ['KS2-013'],
    }),
    row({
      code: 'KS1-021',
      name: '商品房预售、抵押涉及的不动产预告登记(在市本级实现)',
      scenario: '申请人可异地网上申请商品房预售、抵押涉及的不动产预告登记,不受商品房所在地限制。',
      leadDepartment: '市资源规划局',
      cooperatingDepartments: ['市公安局', '市民政局', '市卫健委', '市市场监管局'],
      linkedCodes: ['KS2-029'],
    }),
    row({
      code: 'KS1-045',
      name: '国产保健食品备案',
      scenario: '申请人可异地申请国产保健食品备案,不受企业所在地限制。',
      leadDepartment: '市市场监管局',
      authorityNote: '属于省级权限',
    }),
    row({
      code: 'KS1-049',
      name: '航空安全员资格认定',
      scenario: '申请人可异地申请办理航空安全员执照,不受提交申请地点限制。',
      authorityNote: '属于民航浙江安全监督管理局权限',
    }),
    row({
      code: 'KS1-055',
      name: '执业药师注册',
      scenario: '申请人可异地向注册地管理机构申请执业药师注册,不受所在地限制。',
      leadDepartment: '市市场监管局',
      authorityNote: '已下放县区',
    }),
    row({
      code: 'KS2-001',
      name: '开具有无犯罪记录证明',
      scenario: '申请人可异地申请开具有无犯罪记录证明,不受户籍地限制。',
      leadDepartment: '市公安局',
      authorityNote: '省公安厅牵头实施',
    }),
    row({
      code: 'KS2-029',
      name: '商品房预售、抵押涉及的不动产预告登记',
      scenario: '申请人可异地网上申请商品房预售、抵押涉及的不动产预告登记,不受商品房所在地限制。',
      leadDepartment: '市资源规划局',
      cooperatingDepartments: ['市住建局', '舟山银保监分局', '市大数据局'],
      linkedCodes: ['KS1-021'],
    }),
    row({
      code: 'KS2-044',
      name: '建立相对独立平面坐标系统审批',
      scenario: '申请人可异地申请建立相对独立平面坐标系统审批,不受地域限制。',
      leadDepartment: '市资源规划局',
      authorityNote: '该事项已取消',
    }),
    row({
      code: 'KS2-045',
      name: '非《进出口野生动植物种商品目录》物种证明核发',
      scenario: '申请人可异地申请非《进出口野生动植物种商品目录》物种证明核发,不受地域限制。',
      leadDepartment: '市资源规划局',
      cooperatingDepartments: ['舟山海关'],
      authorityNote: '属于国家濒管办上海办事处权限',
    }),
    row({
      code: 'KS2-048',
      name: '购房提取住房公积金',
      scenario:
        '申请人在非缴存地购房的,可向购房地住房公积金管理中心提出申请,从缴存地住房公积金管理中心提取住房公积金。',
      leadDepartment: '市公积金中心',
      cooperatingDepartments: ['市公安局', '市民政局', '市人社局', '市资源规划局', '人行舟山市中心支行'],
    }),
    row({
      code: 'KS3-001',
      name: '结婚登记',
      scenario: '申请人可在所在地婚姻登记机关办理结婚登记,不受户籍地限制。',
      leadDepartment: '市民政局',
      deadlineText: '开展“全省通办”试点的基础上,2025年底前在县(区)级以上婚姻登记机关全面实行“跨省通办”',
      deadlineDate: '2025-12-31',
    }),
    row({
      code: 'KS3-002',
      name: '离婚登记',
      scenario: '申请人可在所在地婚姻登记机关办理离婚登记,不受户籍地限制。',
      leadDepartment: '市民政局',
      deadlineText: '在开展结婚登记“跨省通办”试点基础上,条件成熟时实施离婚登记“跨省通办”试点',
      deadlineDate: null,
    }),
    row({
      code: 'KS3-003',
      name: '灵活就业人员申请企业职工基本养老保险参保登记',
      scenario: '申请人可异地申请企业职工基本养老保险参保登记,不受地域限制。',
      leadDepartment: '市人社局',
      deadlineText: '20226月底前',
      deadlineDate: '2022-06-30',
    }),
    row({
      code: 'KS3-005',
      name: '工伤职工异地就医结算',
      scenario: '申请人可持社会保障卡直接结算工伤医疗费、辅助器具配置费、工伤康复费。',
      leadDepartment: '市人社局',
      cooperatingDepartments: ['市医保局'],
      deadlineText: '2022年底前',
      deadlineDate: '2022-12-31',
    }),
    row({
      code: 'KS3-006',
      name: '生育保险待遇核定与支付',
      scenario: '申请人可异地申请报销生育医疗费用,申领生育津贴,不受参保地限制。',
      leadDepartment: '市医保局',
      deadlineText: '2022年底前',
      deadlineDate: '2022-12-31',
    }),
  ])('reads row $code ($name)', (expected) => {
    expect(byCode.get(expected.code)).toEqual(expected);
  });

  it('links exactly the rows listed in two sections (identical scenario), both ways', () => {
    const links = items
      .filter((item) => item.linkedCodes.length > 0)
      .map((item) => `${item.code}->${item.linkedCodes.join(',')}`);
    expect(links).toEqual([
      'KS1-004->KS2-013',
      'KS1-021->KS2-029',
      'KS1-022->KS2-030',
      'KS1-023->KS2-031',
      'KS2-013->KS1-004',
      'KS2-029->KS1-021',
      'KS2-030->KS1-022',
      'KS2-031->KS1-023',
    ]);
  });

  it('gives deadlines to section 三 only, and a lead department or a note to every row', () => {
    for (const item of items) {
      expect(item.deadlineText !== null).toBe(item.batch === 3);
      expect(item.leadDepartment ?? item.authorityNote).not.toBeNull();
    }
  });

  it('matches the checked-in seeds/service-items.json byte for byte (regenerate: npm run seed:catalogue)', () => {
    const checkedIn = readFileSync(path.join(REPO_ROOT, 'seeds/service-items.json'), 'utf8');
    expect(serializeServiceItems(items)).toBe(checkedIn);
  });

  it('throws when a row is removed from the middle of a section', () => {
    const broken = withoutRow(SEED_TEXT, '机关事业单位基本养老保险与企业职工基本养老保险互转');
    expect(() => parseAnnex(broken)).toThrow('Annex section 一: expected row 10 after row 9, found row 11');
  });

  it('throws when the last row of a section is removed', () => {
    const broken = withoutRow(SEED_TEXT, '生育保险待遇核定与支付');
    expect(() => parseAnnex(broken)).toThrow('Annex section 三: expected 6 rows, header declares 6, found 5');
  });

  it('throws naming the row when a row has lost a cell', () => {
    const broken = SEED_TEXT.replace('市邮政管理局\n\n\n51', '\n51');
    expect(() => parseAnnex(broken)).toThrow(/Annex row 一-50 cannot be parsed/);
  });

  it('throws when the annex is missing', () => {
    expect(() => parseAnnex('附件:政务服务“跨省通办”任务分工表\n')).toThrow(/Annex not found/);
  });
});

describe('annex cells', () => {
  it('reads the lead-cell shapes, with ASCII or full-width parentheses', () => {
    expect(parseLeadCell('市市场监管局(已下放县区)')).toEqual({
      leadDepartment: '市市场监管局',
      authorityNote: '已下放县区',
      cooperatingDepartments: [],
    });
    expect(parseLeadCell('市市场监管局（属于省级权限）').authorityNote).toBe('属于省级权限');
    expect(parseLeadCell('市人社局(配合单位:市医保局)')).toEqual({
      leadDepartment: '市人社局',
      authorityNote: null,
      cooperatingDepartments: ['市医保局'],
    });
    expect(parseNoteCell('(属于国家濒管办上海办事处权限)')).toBe('属于国家濒管办上海办事处权限');
    expect(parseNoteCell('舟山海关')).toBeNull();
    expect(() => parseLeadCell('申请人可异地申请,不受地域限制。')).toThrow(/Not a department name/);
  });

  it('repairs a lost 年 and takes the last day of the period', () => {
    expect(repairLostYearMark('20226月底前')).toBe('2022年6月底前');
    expect(repairLostYearMark('2022年6月底前')).toBe('2022年6月底前');
    expect(parseDeadlineDate('20226月底前')).toBe('2022-06-30');
    expect(parseDeadlineDate('202112月底前')).toBe('2021-12-31');
    expect(parseDeadlineDate('2024年2月底前')).toBe('2024-02-29');
    expect(parseDeadlineDate('2022年底前')).toBe('2022-12-31');
    expect(parseDeadlineDate('条件成熟时实施')).toBeNull();
    expect(() => parseDeadlineDate('2022年第三季度')).toThrow(/no recognisable period/);
  });
});
