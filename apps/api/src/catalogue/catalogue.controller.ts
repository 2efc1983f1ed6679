import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CatalogueService, serviceItemNotFound } from '@app/catalogue';
import { ApiErrors } from '../http/api-errors.decorator';
import { isCode } from '../http/codes';
import { Public } from '../http/staff-auth.guard';
import { ItemsQueryDto } from './items-query.dto';
import { ServiceItemDto, serviceItemView } from './service-item.dto';

/** The published catalogue (事项清单), receiving windows and home jurisdictions. Public. */
@ApiTags('catalogue')
@ApiErrors(400, 404)
@Public()
@Controller()
export class CatalogueController {
  constructor(private readonly catalogue: CatalogueService) {}

  @Get('items')
  @ApiOperation({ summary: 'Service items, filtered by text, annex batch and department' })
  @ApiOkResponse({ type: [ServiceItemDto] })
  async items(@Query() query: ItemsQueryDto): Promise<ServiceItemDto[]> {
    return (await this.catalogue.items(query)).map(serviceItemView);
  }

  @Get('items/:code')
  @ApiOperation({
    summary:
      'One service item with its rules, its time limits (statutory, promised, agreed budgets) and materials checklist',
  })
  @ApiOkResponse({ type: ServiceItemDto })
  async item(@Param('code') code: string): Promise<ServiceItemDto> {
    if (!isCode('item', code)) throw serviceItemNotFound();
    return serviceItemView(await this.catalogue.item(code));
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
