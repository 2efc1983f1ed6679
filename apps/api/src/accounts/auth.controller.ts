import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { AccountService, type AccessToken } from '@app/accounts';
import { ApiErrors } from '../http/api-errors.decorator';
import { Public } from '../http/staff-auth.guard';
import { AccessTokenDto, SignInDto } from './account.dto';

/** Staff sign in with a username and password and get a short-lived bearer token. */
@ApiTags('auth')
@ApiErrors(400, 401, 429)
@UseGuards(ThrottlerGuard)
@Public()
@Controller('auth')
export class AuthController {
  constructor(private readonly accounts: AccountService) {}

  @Post('token')
  @HttpCode(200)
  @ApiOkResponse({ type: AccessTokenDto })
  @ApiOperation({
    summary: 'Sign in: a bearer token valid JWT_TTL_SECONDS (15 min by default); attempts are rate-limited',
  })
  token(@Body() dto: SignInDto): Promise<AccessToken> {
    return this.accounts.signIn(dto.username, dto.password);
  }
}
