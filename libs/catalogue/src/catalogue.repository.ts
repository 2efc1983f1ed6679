import { In, type EntityManager } from 'typeorm';
import { divisionPrefix } from '@app/common';
import { JurisdictionEntity, ServiceItemEntity, WindowEntity } from '@app/db';

/** Filters of the catalogue listing; all optional, combined with AND. */
export interface ItemQuery {
  /** Substring of the name or the scenario. */
  q?: string;
  batch?: number;
  /** Lead or cooperating department, exact (e.g. 市公安局). */
  department?: string;
}

/** How many rows each catalogue table holds. */
export interface CatalogueCounts {
  items: number;
  windows: number;
  jurisdictions: number;
}

/**
 * The catalogue's tables: service items (`service_items`), receiving windows (`windows`) and home
 * jurisdictions (`jurisdictions`). Works through `m`, the caller's transaction manager or the data
 * source's.
 */
export class CatalogueRepository {
  constructor(private readonly m: EntityManager) {}

  /** Items matching `query`, in annex order (batch, seq). */
  items(query: ItemQuery): Promise<ServiceItemEntity[]> {
    const qb = this.m.createQueryBuilder(ServiceItemEntity, 'i').orderBy('i.batch').addOrderBy('i.seq');
    if (query.q) {
      qb.andWhere(`(strpos(i.name, :q) > 0 OR strpos(i.scenario, :q) > 0)`, { q: query.q });
    }
    if (query.batch) qb.andWhere('i.batch = :batch', { batch: query.batch });
    if (query.department) {
      qb.andWhere('(i.lead_department = :d OR :d = ANY(i.cooperating_departments))', { d: query.department });
    }
    return qb.getMany();
  }

  /** Item `code`; null when the catalogue has none. */
  /** The time-limit terms of the item of case `caseId` (statutory and promised limits, per-stage budgets); null: no such case. */
  async itemTermsOfCase(
    caseId: string,
  ): Promise<Pick<
    ServiceItemEntity,
    'timeLimitWorkingDays' | 'promisedLimitWorkingDays' | 'clockBudgets'
  > | null> {
    const item = await this.m
      .createQueryBuilder(ServiceItemEntity, 'i')
      .innerJoin('applications', 'a', 'a.item_code = i.code')
      .where('a.id = :caseId', { caseId })
      .select(['i.timeLimitWorkingDays', 'i.promisedLimitWorkingDays', 'i.clockBudgets'])
      .getOne();
    return item ?? null;
  }

  item(code: string): Promise<ServiceItemEntity | null> {
    return this.m.findOneBy(ServiceItemEntity, { code });
  }

  /** The names of the items with `codes`, by code (codes the catalogue lacks are absent). */
  async itemNames(codes: string[]): Promise<Map<string, string>> {
    const items = await this.m.find(ServiceItemEntity, {
      where: { code: In(codes) },
      select: { code: true, name: true },
    });
    return new Map(items.map((i) => [i.code, i.name]));
  }

  /** Receiving window `code`; null when there is none. */
  window(code: string): Promise<WindowEntity | null> {
    return this.m.findOneBy(WindowEntity, { code });
  }

  /** Home jurisdiction `code`; null when there is none. */
  jurisdiction(code: string): Promise<JurisdictionEntity | null> {
    return this.m.findOneBy(JurisdictionEntity, { code });
  }

  /** True when the catalogue holds an item with `code`. */
  hasItem(code: string): Promise<boolean> {
    return this.m.existsBy(ServiceItemEntity, { code });
  }

  /** Every receiving window, by code. */
  windows(): Promise<WindowEntity[]> {
    return this.m.find(WindowEntity, { order: { code: 'ASC' } });
  }

  /** Every home jurisdiction, by code. */
  jurisdictions(): Promise<JurisdictionEntity[]> {
    return this.m.find(JurisdictionEntity, { order: { code: 'ASC' } });
  }

  /** True when a receiving window has `code`. */
  hasWindow(code: string): Promise<boolean> {
    return this.m.existsBy(WindowEntity, { code });
  }

  /** True when a home jurisdiction has `code`. */
  hasJurisdiction(code: string): Promise<boolean> {
    return this.m.existsBy(JurisdictionEntity, { code });
  }

  /** True when a receiving window or a home jurisdiction lies in division `divisionCode` (GB/T 2260). */
  async hasPlaceIn(divisionCode: string): Promise<boolean> {
    const [{ n }]: { n: number }[] = await this.m.query(
      `SELECT (SELECT count(*) FROM windows WHERE division_code LIKE $1)
            + (SELECT count(*) FROM jurisdictions WHERE division_code LIKE $1) AS n`,
      [`${divisionPrefix(divisionCode)}%`],
    );
    return Number(n) > 0;
  }

  /** Writes `items`, `windows` and `jurisdictions`, each row replacing the one of its code. */
  async upsert(
    items: Partial<ServiceItemEntity>[],
    windows: Partial<WindowEntity>[],
    jurisdictions: Partial<JurisdictionEntity>[],
  ): Promise<void> {
    await this.m.upsert(ServiceItemEntity, items, ['code']);
    await this.m.upsert(WindowEntity, windows, ['code']);
    await this.m.upsert(JurisdictionEntity, jurisdictions, ['code']);
  }

  /** How many items, windows and jurisdictions there are. */
  async counts(): Promise<CatalogueCounts> {
    return {
      items: await this.m.count(ServiceItemEntity),
      windows: await this.m.count(WindowEntity),
      jurisdictions: await this.m.count(JurisdictionEntity),
    };
  }
}
