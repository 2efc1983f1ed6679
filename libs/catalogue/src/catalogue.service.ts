import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NotFound } from '@app/common';
import { JurisdictionEntity, ServiceItemEntity, WindowEntity } from '@app/db';

/** Filters of the catalogue listing; all optional, combined with AND. */
export interface ItemQuery {
  /** Substring of the name or the scenario. */
  q?: string;
  batch?: number;
  /** Lead or cooperating department, exact (e.g. 市公安局). */
  department?: string;
}

/** Read access to the catalogue, windows and home jurisdictions. */
@Injectable()
export class CatalogueService {
  constructor(private readonly dataSource: DataSource) {}

  /** Items matching `query`, in annex order (batch, seq). */
  async items(query: ItemQuery): Promise<ServiceItemEntity[]> {
    const qb = this.dataSource.manager
      .createQueryBuilder(ServiceItemEntity, 'i')
      .orderBy('i.batch')
      .addOrderBy('i.seq');
    if (query.q) {
      qb.andWhere(`(strpos(i.name, :q) > 0 OR strpos(i.scenario, :q) > 0)`, { q: query.q });
    }
    if (query.batch) qb.andWhere('i.batch = :batch', { batch: query.batch });
    if (query.department) {
      qb.andWhere('(i.lead_department = :d OR :d = ANY(i.cooperating_departments))', { d: query.department });
    }
    return qb.getMany();
  }

  /** True when the catalogue holds an item with `code`. */
  hasItem(code: string): Promise<boolean> {
    return this.dataSource.manager.existsBy(ServiceItemEntity, { code });
  }

  /** @throws NotFound unknown code */
  async item(code: string): Promise<ServiceItemEntity> {
    const item = await this.dataSource.manager.findOneBy(ServiceItemEntity, { code });
    if (!item) throw new NotFound('service_item', 'service item not found');
    return item;
  }

  windows(): Promise<WindowEntity[]> {
    return this.dataSource.manager.find(WindowEntity, { order: { code: 'ASC' } });
  }

  jurisdictions(): Promise<JurisdictionEntity[]> {
    return this.dataSource.manager.find(JurisdictionEntity, { order: { code: 'ASC' } });
  }
}
