import { readFileSync } from 'node:fs';
import * as path from 'node:path';

import type {
  CatalogueSeeds,
  DeliveryMethod,
  HandlingMode,
  ItemRules,
  JurisdictionSeed,
  MaterialRequirement,
  MaterialsChecklist,
  PostagePayer,
  ServiceItemSeed,
  WindowSeed,
} from './catalogue.types';
import { MATERIAL_FORMS } from '@app/workflow';
import { CatalogueSeedError } from './catalogue-seed-error';
import { checkPromise, OPTIONAL_TIME_LIMIT_RULES, timeLimitFields } from './seed-time-limits';

export { CatalogueSeedError } from './catalogue-seed-error';

/** The five files `loadCatalogueSeeds` reads from the seeds directory. */
export const SEED_FILES = {
  items: 'service-items.json',
  rules: 'item-rules.json',
  checklists: 'materials-checklists.json',
  windows: 'windows.json',
  jurisdictions: 'jurisdictions.json',
} as const;

/** `$SEEDS_DIR` when set, else `seeds/` under the current working directory (the repo root for npm scripts). */
export function defaultSeedsDir(): string {
  const fromEnv = process.env.SEEDS_DIR;
  return fromEnv ? path.resolve(fromEnv) : path.resolve(process.cwd(), 'seeds');
}

/**
 * Loads the catalogue from `seedsDir`, validates it, and applies the defaults to every item:
 * - `service-items.json`: ServiceItemSeed[], generated from the annex to 舟政办发〔2021〕40号
 *   (`npm run seed:catalogue`);
 * - `item-rules.json`: `{ default: ItemRules & { note }, overrides: { [code]: Partial<ItemRules> & { reason } } }`,
 *   each field of an override replacing the default's; `promisedTimeLimitWorkingDays` and `clockBudgets`
 *   may be left out everywhere (no promise, no agreed budgets);
 * - `materials-checklists.json`: `{ default: { note, materials }, items: { [code]: MaterialRequirement[] } }`;
 * - `windows.json`: WindowSeed[] (`W` + six-digit division code); `jurisdictions.json`: JurisdictionSeed[]
 *   (`J` + six-digit division code + `-` + 2–8 capitals).
 * Returns `rules` and `checklists` keyed by item code for every item (items without their own list get the
 * default one, `isDefault: true`). Nothing is shared: every item gets its own arrays.
 * @throws CatalogueSeedError when a file is missing or not JSON, a code is duplicated or malformed, an
 *   override or checklist names an unknown item code, a field has the wrong type or an unknown key, or a
 *   division code is not six digits, an item's promised limit (承诺时限) is above its statutory one, or a
 *   clock budget names an unknown stage or is not a positive integer of working days.
 */
export function loadCatalogueSeeds(seedsDir: string = defaultSeedsDir()): CatalogueSeeds {
  const items = readItems(seedsDir);
  const codes = new Set(items.map((item) => item.code));
  return {
    items,
    rules: readRules(seedsDir, items, codes),
    checklists: readChecklists(seedsDir, items, codes),
    windows: readWindows(seedsDir),
    jurisdictions: readJurisdictions(seedsDir),
  };
}

const HANDLING_MODES: readonly HandlingMode[] = ['online', 'proxy', 'joint'];
const DELIVERY_METHODS: readonly DeliveryMethod[] = ['mail', 'online'];
const POSTAGE_PAYERS: readonly PostagePayer[] = ['government', 'applicant'];
/** The rule keys the default entry must give. */
const RULE_KEYS: readonly (keyof ItemRules)[] = [
  'handlingModes',
  'originalsMustTravel',
  'negativeList',
  'statutoryTimeLimitWorkingDays',
  'resultDeliveryMethods',
  'postagePaidBy',
];
/** Every rule key an entry may give. */
const ALL_RULE_KEYS = [...RULE_KEYS, ...Object.keys(OPTIONAL_TIME_LIMIT_RULES)];
const ITEM_CODE = /^KS([1-3])-(\d{3})$/;
const DIVISION_CODE = /^\d{6}$/;
const WINDOW_CODE = /^W(\d{6})$/;
const JURISDICTION_CODE = /^J(\d{6})-[A-Z]{2,8}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

type Json = Record<string, any>;

function readJson(seedsDir: string, file: string): unknown {
  const full = path.join(seedsDir, file);
  let text: string;
  try {
    text = readFileSync(full, 'utf8');
  } catch {
    throw new CatalogueSeedError(file, `cannot read ${full}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CatalogueSeedError(file, `not valid JSON (${(error as Error).message})`);
  }
}

function readItems(seedsDir: string): ServiceItemSeed[] {
  const file = SEED_FILES.items;
  const items = arrayOf(file, readJson(seedsDir, file), '', (raw, at) => {
    const item = objectWithKeys(file, raw, at, [
      'code',
      'batch',
      'seq',
      'name',
      'scenario',
      'leadDepartment',
      'cooperatingDepartments',
      'authorityNote',
      'deadlineText',
      'deadlineDate',
      'linkedCodes',
    ]);
    const match = ITEM_CODE.exec(text(file, item.code, `${at}.code`));
    if (!match || Number(match[1]) !== item.batch || Number(match[2]) !== item.seq) {
      throw new CatalogueSeedError(
        file,
        `${at}: code "${item.code}" does not match batch ${item.batch}, seq ${item.seq}`,
      );
    }
    text(file, item.name, `${at}.name`);
    text(file, item.scenario, `${at}.scenario`);
    nullable(file, item.leadDepartment, `${at}.leadDepartment`);
    nullable(file, item.authorityNote, `${at}.authorityNote`);
    nullable(file, item.deadlineText, `${at}.deadlineText`);
    if (item.leadDepartment === null && item.authorityNote === null) {
      throw new CatalogueSeedError(file, `${at}: no lead department and no authority note`);
    }
    if (item.deadlineDate !== null && !ISO_DATE.test(text(file, item.deadlineDate, `${at}.deadlineDate`))) {
      throw new CatalogueSeedError(file, `${at}.deadlineDate: "${item.deadlineDate}" is not YYYY-MM-DD`);
    }
    arrayOf(file, item.cooperatingDepartments, `${at}.cooperatingDepartments`, (d, a) => text(file, d, a));
    arrayOf(file, item.linkedCodes, `${at}.linkedCodes`, (c, a) => text(file, c, a));
    return item as ServiceItemSeed;
  });
  const codes = uniqueCodes(file, items);
  for (const item of items) {
    const unknown = item.linkedCodes.find((code) => !codes.has(code));
    if (unknown)
      throw new CatalogueSeedError(file, `${item.code}.linkedCodes: unknown item code "${unknown}"`);
  }
  return items;
}

function readRules(
  seedsDir: string,
  items: ServiceItemSeed[],
  codes: Set<string>,
): Record<string, ItemRules> {
  const file = SEED_FILES.rules;
  const root = objectWithKeys(file, readJson(seedsDir, file), '', ['default', 'overrides']);
  const base = objectWithKeys(file, root.default, 'default', [...ALL_RULE_KEYS, 'note']);
  text(file, base.note, 'default.note');
  for (const key of RULE_KEYS) {
    if (!(key in base)) throw new CatalogueSeedError(file, `default: missing "${key}"`);
  }
  const defaults = { ...OPTIONAL_TIME_LIMIT_RULES, ...ruleFields(file, base, 'default') } as ItemRules;

  const overrides = new Map<string, Partial<ItemRules>>();
  for (const [code, raw] of Object.entries(objectOf(file, root.overrides, 'overrides'))) {
    const at = `overrides.${code}`;
    if (!codes.has(code)) throw new CatalogueSeedError(file, `${at}: unknown item code "${code}"`);
    const override = objectWithKeys(file, raw, at, [...ALL_RULE_KEYS, 'reason']);
    text(file, override.reason, `${at}.reason`);
    overrides.set(code, ruleFields(file, override, at));
  }

  return Object.fromEntries(
    items.map((item) => {
      const override = overrides.get(item.code);
      const rules = copyRules({ ...defaults, ...override });
      const from =
        override && 'promisedTimeLimitWorkingDays' in override ? `overrides.${item.code}` : 'default';
      checkPromise(file, item.code, rules, from);
      return [item.code, rules];
    }),
  );
}

function readChecklists(
  seedsDir: string,
  items: ServiceItemSeed[],
  codes: Set<string>,
): Record<string, MaterialsChecklist> {
  const file = SEED_FILES.checklists;
  const root = objectWithKeys(file, readJson(seedsDir, file), '', ['default', 'items']);
  const base = objectWithKeys(file, root.default, 'default', ['note', 'materials']);
  text(file, base.note, 'default.note');
  const defaults = materials(file, base.materials, 'default.materials');

  const own = new Map<string, MaterialRequirement[]>();
  for (const [code, raw] of Object.entries(objectOf(file, root.items, 'items'))) {
    if (!codes.has(code)) throw new CatalogueSeedError(file, `items.${code}: unknown item code "${code}"`);
    own.set(code, materials(file, raw, `items.${code}`));
  }

  return Object.fromEntries(
    items.map((item) => {
      const list = own.get(item.code);
      return [item.code, { isDefault: !list, materials: (list ?? defaults).map((m) => ({ ...m })) }];
    }),
  );
}

function readWindows(seedsDir: string): WindowSeed[] {
  const file = SEED_FILES.windows;
  const windows = arrayOf(file, readJson(seedsDir, file), '', (raw, at) => {
    const window = objectWithKeys(file, raw, at, ['code', 'name', 'divisionCode', 'divisionName']);
    division(file, window, at, WINDOW_CODE, 'W{divisionCode}');
    text(file, window.name, `${at}.name`);
    return window as WindowSeed;
  });
  uniqueCodes(file, windows);
  return windows;
}

function readJurisdictions(seedsDir: string): JurisdictionSeed[] {
  const file = SEED_FILES.jurisdictions;
  const jurisdictions = arrayOf(file, readJson(seedsDir, file), '', (raw, at) => {
    const keys = ['code', 'name', 'divisionCode', 'divisionName', 'department'];
    const jurisdiction = objectWithKeys(file, raw, at, keys);
    division(file, jurisdiction, at, JURISDICTION_CODE, 'J{divisionCode}-{DEPT}');
    text(file, jurisdiction.name, `${at}.name`);
    text(file, jurisdiction.department, `${at}.department`);
    return jurisdiction as JurisdictionSeed;
  });
  uniqueCodes(file, jurisdictions);
  return jurisdictions;
}

/** Checks `divisionCode` (six digits), `divisionName`, and that `code` has the shape and embeds the division. */
function division(file: string, row: Json, at: string, shape: RegExp, expected: string): void {
  const divisionCode = text(file, row.divisionCode, `${at}.divisionCode`);
  if (!DIVISION_CODE.test(divisionCode)) {
    throw new CatalogueSeedError(file, `${at}.divisionCode: "${divisionCode}" is not six digits (GB/T 2260)`);
  }
  text(file, row.divisionName, `${at}.divisionName`);
  const match = shape.exec(text(file, row.code, `${at}.code`));
  if (!match || match[1] !== divisionCode) {
    throw new CatalogueSeedError(
      file,
      `${at}.code: "${row.code}" is not ${expected} for division ${divisionCode}`,
    );
  }
}

/** The rule fields present in `raw`, each checked. */
function ruleFields(file: string, raw: Json, at: string): Partial<ItemRules> {
  const rules: Partial<ItemRules> = {};
  if ('handlingModes' in raw) {
    rules.handlingModes = choices(file, raw.handlingModes, `${at}.handlingModes`, HANDLING_MODES);
  }
  if ('originalsMustTravel' in raw) {
    rules.originalsMustTravel = flag(file, raw.originalsMustTravel, `${at}.originalsMustTravel`);
  }
  if ('negativeList' in raw) {
    rules.negativeList = flag(file, raw.negativeList, `${at}.negativeList`);
  }
  if ('resultDeliveryMethods' in raw) {
    const where = `${at}.resultDeliveryMethods`;
    rules.resultDeliveryMethods = choices(file, raw.resultDeliveryMethods, where, DELIVERY_METHODS);
  }
  if ('postagePaidBy' in raw) {
    const [payer] = choices(file, [raw.postagePaidBy], `${at}.postagePaidBy`, POSTAGE_PAYERS);
    rules.postagePaidBy = payer;
  }
  return { ...rules, ...timeLimitFields(file, raw, at) };
}

function copyRules(rules: ItemRules): ItemRules {
  return {
    ...rules,
    handlingModes: [...rules.handlingModes],
    resultDeliveryMethods: [...rules.resultDeliveryMethods],
    clockBudgets: { ...rules.clockBudgets },
  };
}

/** A non-empty list of materials with unique names. */
function materials(file: string, raw: unknown, at: string): MaterialRequirement[] {
  const list = arrayOf(file, raw, at, (entry, a) => {
    const material = objectWithKeys(file, entry, a, ['name', 'form', 'required']);
    text(file, material.name, `${a}.name`);
    if (!MATERIAL_FORMS.includes(material.form)) {
      throw new CatalogueSeedError(
        file,
        `${a}.form: "${material.form}" is not one of ${MATERIAL_FORMS.join(', ')}`,
      );
    }
    flag(file, material.required, `${a}.required`);
    return material as MaterialRequirement;
  });
  if (list.length === 0) throw new CatalogueSeedError(file, `${at}: empty checklist`);
  const names = list.map((m) => m.name);
  const repeated = names.find((name, i) => names.indexOf(name) !== i);
  if (repeated) throw new CatalogueSeedError(file, `${at}: material "${repeated}" listed twice`);
  return list;
}

/** A non-empty list of distinct values from `allowed`. */
function choices<T extends string>(file: string, raw: unknown, at: string, allowed: readonly T[]): T[] {
  const values = arrayOf(file, raw, at, (value, a) => {
    if (!allowed.includes(value as T)) {
      throw new CatalogueSeedError(file, `${a}: "${String(value)}" is not one of ${allowed.join(', ')}`);
    }
    return value as T;
  });
  if (values.length === 0 || new Set(values).size !== values.length) {
    throw new CatalogueSeedError(file, `${at}: must be a non-empty list without repeats`);
  }
  return values;
}

function uniqueCodes(file: string, rows: { code: string }[]): Set<string> {
  const codes = new Set<string>();
  for (const { code } of rows) {
    if (codes.has(code)) throw new CatalogueSeedError(file, `duplicate code "${code}"`);
    codes.add(code);
  }
  return codes;
}

function arrayOf<T>(file: string, raw: unknown, at: string, each: (value: unknown, at: string) => T): T[] {
  if (!Array.isArray(raw)) throw new CatalogueSeedError(file, `${at || 'root'}: expected an array`);
  return raw.map((value, i) => each(value, `${at}[${i}]`));
}

function objectOf(file: string, raw: unknown, at: string): Json {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new CatalogueSeedError(file, `${at || 'root'}: expected an object`);
  }
  return raw;
}

/** An object whose keys are all in `allowed` (a typo such as `negativList` is an error, not ignored). */
function objectWithKeys(file: string, raw: unknown, at: string, allowed: readonly string[]): Json {
  const object = objectOf(file, raw, at);
  const unknown = Object.keys(object).find((key) => !allowed.includes(key));
  if (unknown) throw new CatalogueSeedError(file, `${at || 'root'}: unknown key "${unknown}"`);
  return object;
}

function text(file: string, raw: unknown, at: string): string {
  if (typeof raw !== 'string' || raw.trim() === '')
    throw new CatalogueSeedError(file, `${at}: expected a non-empty string`);
  return raw;
}

function nullable(file: string, raw: unknown, at: string): string | null {
  return raw === null ? null : text(file, raw, at);
}

function flag(file: string, raw: unknown, at: string): boolean {
  if (typeof raw !== 'boolean') throw new CatalogueSeedError(file, `${at}: expected true or false`);
  return raw;
}
