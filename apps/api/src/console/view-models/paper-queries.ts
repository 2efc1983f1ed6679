import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CatalogueRepository } from '@app/catalogue';
import type { PartyNames } from './parcel-pages';

/** A home jurisdiction as the open-a-parcel form offers it. */
export interface JurisdictionOption {
  code: string;
  name: string;
}

/**
 * What the papers' pages read from the catalogue (windows and home jurisdictions: public reference
 * data, no case in it): the names parcels are sent between, and the jurisdictions a parcel can go to.
 */
@Injectable()
export class PaperQueries {
  constructor(private readonly dataSource: DataSource) {}

  /** Every receiving window's and home jurisdiction's name, by code. */
  async partyNames(): Promise<PartyNames> {
    const catalogue = new CatalogueRepository(this.dataSource.manager);
    const [windows, jurisdictions] = await Promise.all([catalogue.windows(), catalogue.jurisdictions()]);
    return new Map([...windows, ...jurisdictions].map((p) => [p.code, p.name]));
  }

  /** The home jurisdictions, by code: where a window's parcel may go. */
  async jurisdictions(): Promise<JurisdictionOption[]> {
    const rows = await new CatalogueRepository(this.dataSource.manager).jurisdictions();
    return rows.map(({ code, name }) => ({ code, name }));
  }
}
