import { Module } from '@nestjs/common';
import { CatalogueService } from './catalogue.service';

/** The catalogue's read side for the api. */
@Module({ providers: [CatalogueService], exports: [CatalogueService] })
export class CatalogueModule {}
