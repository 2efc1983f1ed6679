import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

import { CatalogueSeedError, SEED_FILES, defaultSeedsDir, loadCatalogueSeeds } from './catalogue-seeds';

const SEEDS_DIR = path.resolve(__dirname, '../../../seeds');

describe('loadCatalogueSeeds', () => {
  const seeds = loadCatalogueSeeds(SEEDS_DIR);

  it('loads the 140 items with rules and a checklist for every one', () => {
    expect(seeds.items).toHaveLength(140);
    const codes = seeds.items.map((item) => item.code).sort();
    expect(Object.keys(seeds.rules).sort()).toEqual(codes);
    expect(Object.keys(seeds.checklists).sort()).toEqual(codes);
    for (const code of codes) {
      expect(seeds.rules[code].handlingModes.length).toBeGreaterThan(0);
      expect(seeds.rules[code].resultDeliveryMethods.length).toBeGreaterThan(0);
      expect(seeds.checklists[code].materials.length).toBeGreaterThan(0);
    }
  });

  it('applies the default rules (行政许可法 art. 42: 20 working days) and the overrides', () => {
    expect(seeds.rules['KS1-024']).toEqual({
      handlingModes: ['proxy'],
      originalsMustTravel: false,
      negativeList: false,
      statutoryTimeLimitWorkingDays: 20,
      resultDeliveryMethods: ['mail', 'online'],
      // 政府买单: the government pays the postage of the item's parcels unless an override says 到付.
      postagePaidBy: 'government',
      promisedTimeLimitWorkingDays: null,
      clockBudgets: {},
    });
    expect(seeds.rules['KS2-044'].negativeList).toBe(true); // 该事项已取消
    expect(seeds.rules['KS2-009'].negativeList).toBe(true); // 首次申领居民身份证
    expect(seeds.rules['KS3-001'].negativeList).toBe(true); // 结婚登记
    expect(seeds.rules['KS1-001']).toMatchObject({
      originalsMustTravel: true,
      statutoryTimeLimitWorkingDays: 15,
    });
    expect(seeds.rules['KS2-016']).toMatchObject({
      handlingModes: ['online', 'proxy'],
      statutoryTimeLimitWorkingDays: 1,
    });
  });

  it("reads the service guides' promised limits (承诺时限) and an agreement's clock budgets", () => {
    // 失业登记: the guide promises 5 of the law's 20 working days; the other budgets stay the defaults.
    expect(seeds.rules['KS1-005']).toMatchObject({
      statutoryTimeLimitWorkingDays: 20,
      promisedTimeLimitWorkingDays: 5,
      clockBudgets: {},
    });
    // 残疾人证新办: the window has 2 working days to forward; no promise beyond the law.
    expect(seeds.rules['KS2-070']).toMatchObject({
      promisedTimeLimitWorkingDays: null,
      clockBudgets: { forward: 2 },
    });
    const promising = Object.values(seeds.rules).filter((r) => r.promisedTimeLimitWorkingDays !== null);
    expect(promising.length).toBeGreaterThanOrEqual(3);
    for (const rules of promising) {
      expect(rules.promisedTimeLimitWorkingDays).toBeLessThanOrEqual(rules.statutoryTimeLimitWorkingDays);
    }
  });

  it('gives every item its own arrays: changing one changes no other', () => {
    const fresh = loadCatalogueSeeds(SEEDS_DIR);
    fresh.rules['KS1-024'].handlingModes.push('joint');
    fresh.checklists['KS1-024'].materials[0].required = false;
    expect(fresh.rules['KS1-026'].handlingModes).toEqual(['proxy']);
    expect(fresh.checklists['KS1-026'].materials[0].required).toBe(true);
  });

  it('gives at least 10 items their own checklist and marks the others default', () => {
    const own = Object.values(seeds.checklists).filter((list) => !list.isDefault);
    expect(own.length).toBeGreaterThanOrEqual(10);
    expect(seeds.checklists['KS2-006'].isDefault).toBe(false);
    expect(seeds.checklists['KS2-006'].materials).toContainEqual({
      name: '结婚证',
      form: 'original',
      required: true,
    });
    expect(seeds.checklists['KS1-024']).toEqual({
      isDefault: true,
      materials: [
        { name: '申请表', form: 'original', required: true },
        { name: '申请人居民身份证', form: 'copy', required: true },
        { name: '其他证明材料', form: 'copy', required: false },
      ],
    });
  });

  it('lists the five Zhoushan receiving windows', () => {
    expect(seeds.windows.map((w) => [w.code, w.name, w.divisionCode])).toEqual([
      ['W330900', '舟山市行政服务中心', '330900'],
      ['W330902', '定海区行政服务中心', '330902'],
      ['W330903', '普陀区行政服务中心', '330903'],
      ['W330921', '岱山县行政服务中心', '330921'],
      ['W330922', '嵊泗县行政服务中心', '330922'],
    ]);
  });

  it('lists home jurisdictions in at least 4 divisions, named as the annex names lead departments', () => {
    const { jurisdictions, items } = seeds;
    expect(jurisdictions.length).toBeGreaterThanOrEqual(12);
    expect(new Set(jurisdictions.map((j) => j.divisionCode)).size).toBeGreaterThanOrEqual(4);
    const leads = new Set(items.map((item) => item.leadDepartment));
    for (const j of jurisdictions) {
      expect(j.code).toMatch(/^J[0-9]{6}-[A-Z]{2,8}$/);
      expect(j.code.slice(1, 7)).toBe(j.divisionCode);
      expect(leads.has(j.department)).toBe(true);
      expect(j.name).toBe(`${j.divisionName} ${j.department}`);
    }
    const departments = new Set(jurisdictions.map((j) => j.department));
    for (const d of [
      '市司法局',
      '市人社局',
      '市公安局',
      '市公积金中心',
      '市残联',
      '市医保局',
      '市市场监管局',
      '市民政局',
    ]) {
      expect(departments.has(d)).toBe(true);
    }
  });

  it('reads $SEEDS_DIR when no directory is given', () => {
    const before = process.env.SEEDS_DIR;
    process.env.SEEDS_DIR = SEEDS_DIR;
    try {
      expect(defaultSeedsDir()).toBe(SEEDS_DIR);
      expect(loadCatalogueSeeds().items).toHaveLength(140);
    } finally {
      if (before === undefined) delete process.env.SEEDS_DIR;
      else process.env.SEEDS_DIR = before;
    }
  });
});

describe('loadCatalogueSeeds on broken seeds', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'catalogue-seeds-'));
    for (const file of Object.values(SEED_FILES)) cpSync(path.join(SEEDS_DIR, file), path.join(dir, file));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Rewrites one seed file in the temp copy. */
  function edit(file: string, change: (json: any) => void): void {
    const json = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
    change(json);
    writeFileSync(path.join(dir, file), JSON.stringify(json));
  }

  it('loads an unchanged copy', () => {
    expect(loadCatalogueSeeds(dir).items).toHaveLength(140);
  });

  it('throws on an override for an unknown item code', () => {
    edit(SEED_FILES.rules, (json) => {
      json.overrides['KS9-999'] = { negativeList: true, reason: 'typo' };
    });
    expect(() => loadCatalogueSeeds(dir)).toThrow(CatalogueSeedError);
    expect(() => loadCatalogueSeeds(dir)).toThrow(
      'item-rules.json: overrides.KS9-999: unknown item code "KS9-999"',
    );
  });

  it('throws on a misspelt rule key', () => {
    edit(SEED_FILES.rules, (json) => {
      json.overrides['KS2-044'] = { negativList: true, reason: 'typo' };
    });
    expect(() => loadCatalogueSeeds(dir)).toThrow(
      'item-rules.json: overrides.KS2-044: unknown key "negativList"',
    );
  });

  it('throws on a promised limit above the statutory one, naming the item and the field', () => {
    edit(SEED_FILES.rules, (json) => {
      json.overrides['KS1-001'].promisedTimeLimitWorkingDays = 16; // the law gives 15
    });
    expect(() => loadCatalogueSeeds(dir)).toThrow(
      'item-rules.json: KS1-001 (overrides.KS1-001).promisedTimeLimitWorkingDays: 16 working days is above ' +
        "the item's statutoryTimeLimitWorkingDays 15",
    );
  });

  it("throws on a default promise above an item's own statutory limit, naming the item", () => {
    edit(SEED_FILES.rules, (json) => {
      json.default.promisedTimeLimitWorkingDays = 10;
    });
    // 社会保险个人权益记录单查询打印: 1 working day by its override.
    expect(() => loadCatalogueSeeds(dir)).toThrow(
      /^item-rules\.json: KS1-006 \(default\)\.promisedTimeLimitWorkingDays: 10 working days/,
    );
  });

  it('throws on a promise that is not a positive integer', () => {
    edit(SEED_FILES.rules, (json) => {
      json.overrides['KS1-005'].promisedTimeLimitWorkingDays = 2.5;
    });
    expect(() => loadCatalogueSeeds(dir)).toThrow(
      'item-rules.json: overrides.KS1-005.promisedTimeLimitWorkingDays: must be a positive integer of working days',
    );
  });

  it('throws on a clock budget for an unknown stage, naming it', () => {
    edit(SEED_FILES.rules, (json) => {
      json.overrides['KS2-070'].clockBudgets = { forwarding: 2 };
    });
    expect(() => loadCatalogueSeeds(dir)).toThrow(
      /^item-rules\.json: overrides\.KS2-070\.clockBudgets: unknown clock stage "forwarding" \(one of forward, /,
    );
  });

  it('throws on a clock budget that is not a positive integer, naming the stage', () => {
    edit(SEED_FILES.rules, (json) => {
      json.overrides['KS2-070'].clockBudgets = { forward: 0 };
    });
    expect(() => loadCatalogueSeeds(dir)).toThrow(
      'item-rules.json: overrides.KS2-070.clockBudgets.forward: must be a positive integer of working days',
    );
    edit(SEED_FILES.rules, (json) => {
      json.overrides['KS2-070'].clockBudgets = [2];
    });
    expect(() => loadCatalogueSeeds(dir)).toThrow(
      'item-rules.json: overrides.KS2-070.clockBudgets: expected an object of clock stages to working days',
    );
  });

  it('throws on a checklist for an unknown item code', () => {
    edit(SEED_FILES.checklists, (json) => {
      json.items['KS4-001'] = [{ name: '申请表', form: 'original', required: true }];
    });
    expect(() => loadCatalogueSeeds(dir)).toThrow(
      /materials-checklists\.json: items\.KS4-001: unknown item code/,
    );
  });

  it('throws on a duplicate item code', () => {
    edit(SEED_FILES.items, (json) => json.push(json[0]));
    expect(() => loadCatalogueSeeds(dir)).toThrow('service-items.json: duplicate code "KS1-001"');
  });

  it('throws on a duplicate window code', () => {
    edit(SEED_FILES.windows, (json) => json.push(json[1]));
    expect(() => loadCatalogueSeeds(dir)).toThrow('windows.json: duplicate code "W330902"');
  });

  it('throws on a division code that is not six digits', () => {
    edit(SEED_FILES.jurisdictions, (json) => {
      json[0].divisionCode = '31011';
    });
    expect(() => loadCatalogueSeeds(dir)).toThrow(
      /jurisdictions\.json: \[0\]\.divisionCode: "31011" is not six digits/,
    );
  });

  it('throws on a missing file', () => {
    rmSync(path.join(dir, SEED_FILES.windows));
    expect(() => loadCatalogueSeeds(dir)).toThrow(/windows\.json: cannot read/);
  });
});
