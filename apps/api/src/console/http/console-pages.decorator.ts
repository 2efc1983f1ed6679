import { applyDecorators, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../../http/staff-auth.guard';
import { ConsolePageFilter } from './console-page.filter';
import { CsrfGuard } from './csrf';

/**
 * A console controller: open to the JSON api's bearer guard (the console has its own sessions),
 * every form post CSRF-checked, errors written as Chinese pages, left out of the OpenAPI document.
 */
export const ConsolePages = () =>
  applyDecorators(Public(), ApiExcludeController(), UseGuards(CsrfGuard), UseFilters(ConsolePageFilter));
