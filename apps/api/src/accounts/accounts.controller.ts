import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccountService, type AccountView, type StaffPrincipal } from '@app/accounts';
import { invalidField } from '@app/cases';
import { CurrentStaff } from '../http/actor.decorator';
import { ApiErrors } from '../http/api-errors.decorator';
import { AccountChangeDto, AccountsQueryDto, AccountViewDto, NewAccountDto, USERNAME } from './account.dto';

/** Staff accounts, for admins: create, list, deactivate, reset a password. */
@ApiTags('accounts')
@ApiBearerAuth()
@ApiErrors(400, 401, 403, 404, 409)
@Controller('accounts')
export class AccountsController {
  constructor(private readonly accounts: AccountService) {}

  @Post()
  @ApiCreatedResponse({ type: AccountViewDto })
  @ApiOperation({ summary: 'Create an account bound to its window, jurisdiction or division (admin)' })
  create(@Body() dto: NewAccountDto, @CurrentStaff() staff: StaffPrincipal): Promise<AccountView> {
    return this.accounts.create(staff, dto);
  }

  @Get()
  @ApiOkResponse({ type: AccountViewDto, isArray: true })
  @ApiOperation({ summary: 'Accounts by username, never with their password hash (admin)' })
  list(@CurrentStaff() staff: StaffPrincipal, @Query() query: AccountsQueryDto): Promise<AccountView[]> {
    return this.accounts.list(staff, query.role);
  }

  @Patch(':username')
  @ApiOkResponse({ type: AccountViewDto })
  @ApiOperation({ summary: 'Deactivate or reactivate an account, or set its password (admin)' })
  update(
    @Param('username') username: string,
    @Body() dto: AccountChangeDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<AccountView> {
    if (!USERNAME.test(username))
      throw invalidField('username', 'must be 3-64 letters, digits, dots or dashes');
    return this.accounts.update(staff, username, dto);
  }
}
