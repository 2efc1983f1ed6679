import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NotFound } from '@app/common';
import type { JurisdictionEntity, ServiceItemEntity, WindowEntity } from '@app/db';
import { CatalogueRepository, type ItemQuery } from './catalogue.repository';

/** 404: no service item has this code (also answered for a code of the wrong shape). */
export const serviceItemNotFound = () => new NotFound('service_item', 'service item not found');

/** Read access to the catalogue, windows and home jurisdictions. */
@Injectable()
export class CatalogueService {
  private readonly catalogue: CatalogueRepository;

  constructor(dataSource: DataSource) {
    this.catalogue = new CatalogueRepository(dataSource.manager);
  }

  /** Items matching `query`, in annex order (batch, seq). */
  items(query: ItemQuery): Promise<ServiceItemEntity[]> {
    return this.catalogue.items(query);
  }

  /** True when the catalogue holds an item with `code`. */
  hasItem(code: string): Promise<boolean> {
    return this.catalogue.hasItem(code);
  }

  /** @throws NotFound unknown code */
  async item(code: string): Promise<ServiceItemEntity> {
    const item = await this.catalogue.item(code);
    if (!item) throw serviceItemNotFound();
    return item;
  }

  windows(): Promise<WindowEntity[]> {
    return this.catalogue.windows();
  }

  jurisdictions(): Promise<JurisdictionEntity[]> {
    return this.catalogue.jurisdictions();
  }
}
