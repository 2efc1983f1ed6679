import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CatalogueService, serviceItemNotFound } from '@app/catalogue';
import { ApiErrors } from '../http/api-errors.decorator';
import { isCode } from '../http/codes';
import { Public } from '../http/staff-auth.guard';
import { ItemsQueryDto } from './items-query.dto';

/** The published catalogue (事项清单), receiving windows and home jurisdictions. Public. */
@ApiTags('catalogue')
@ApiErrors(400, 404)
@Public()
@Controller()
export class CatalogueController {
  constructor(private readonly catalogue: CatalogueService) {}

  @Get('items')
  @ApiOperation({ summary: 'Service items, filtered by text, annex batch and department' })
  items(@Query() query: ItemsQueryDto) {
    return this.catalogue.items(query);
  }

  @Get('items/:code')
  @ApiOperation({ summary: 'One service item with its rules and materials checklist' })
  item(@Param('code') code: string) {
    if (!isCode('item', code)) throw serviceItemNotFound();
    return this.catalogue.item(code);
  }

  @Get('windows')
  @ApiOperation({ summary: 'Receiving windows (收件窗口)' })
  windows() {
    return this.catalogue.windows();
  }

  @Get('jurisdictions')
  @ApiOperation({ summary: 'Home jurisdictions (业务属地部门)' })
  jurisdictions() {
    return this.catalogue.jurisdictions();
  }
}
