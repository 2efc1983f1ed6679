import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString } from 'class-validator';
import { CatalogueService, serviceItemNotFound } from '@app/catalogue';
import { invalidField } from '@app/cases';
import { ApiErrors } from '../http/api-errors.decorator';
import { isCode } from '../http/codes';
import { isPlainText } from '../http/plain-text.validator';
import { Public } from '../http/staff-auth.guard';

/**
 * A search term as given, or undefined when empty.
 * @throws InvalidInput (400) longer than 50 characters or not plain text
 */
function searchText(field: string, value?: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (Array.from(value).length > 50 || !isPlainText(value)) {
    throw invalidField(field, 'must be 1-50 characters of plain text');
  }
  return value;
}

/** `GET /items?q=&batch=&department=`; nothing else is taken. */
export class ItemsQueryDto {
  @ApiPropertyOptional({ description: 'text in the name or scenario' })
  @IsOptional()
  @IsString()
  q?: string;

  @ApiPropertyOptional({ enum: ['1', '2', '3'], description: 'annex section' })
  @IsOptional()
  @IsIn(['1', '2', '3'], { message: 'batch must be 1, 2 or 3' })
  batch?: string;

  @ApiPropertyOptional({ example: '市公安局' })
  @IsOptional()
  @IsString()
  department?: string;
}

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
    return this.catalogue.items({
      q: searchText('q', query.q),
      batch: query.batch ? Number(query.batch) : undefined,
      department: searchText('department', query.department),
    });
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
