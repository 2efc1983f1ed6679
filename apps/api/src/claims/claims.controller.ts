import { Body, Controller, Delete, HttpCode, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { ArrayMaxSize, IsOptional, IsUUID, Matches } from 'class-validator';
import { ClaimService, type Actor, type ClaimView, type ReassignView } from '@app/cases';
import { USERNAME } from '../accounts/account.dto';
import { ApiBeijingTime } from '../http/beijing-time.interceptor';
import { CurrentActor } from '../http/actor.decorator';
import { CaseId } from '../http/case-id.pipe';
import { ApiErrors } from '../http/api-errors.decorator';
import { IfMatch } from '../http/if-match.decorator';

/** Cases a reassignment names at most (a jurisdiction's officer holds far fewer). */
const MAX_REASSIGNED = 500;

/** `POST /claims/reassign`: whose cases, to whom, which (all when absent). */
export class ReassignDto {
  @ApiProperty({ example: 'officer-j310115-sfj', description: 'the absent officer who holds the cases' })
  @Matches(USERNAME, { message: 'from must be a username' })
  from: string;

  @ApiProperty({
    example: 'lead-j310115-sfj',
    description: 'the colleague of the same jurisdiction who takes them',
  })
  @Matches(USERNAME, { message: 'to must be a username' })
  to: string;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    isArray: true,
    description: 'only these cases; all when absent',
  })
  @IsOptional()
  @ArrayMaxSize(MAX_REASSIGNED)
  @IsUUID('4', { each: true })
  caseIds?: string[];
}

class ClaimDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '330902-20261130-000001' }) caseNumber: string;
  @ApiProperty() state: string;
  @ApiProperty({ description: "the case's version after the CLAIMED or RELEASED row" }) version: number;
  @ApiProperty({ type: String, nullable: true, description: 'who holds it now; null once released' })
  holder: string | null;
  @ApiBeijingTime({ nullable: true }) claimedAt: string | null;
}

class ReassignedCaseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() caseNumber: string;
  @ApiProperty() version: number;
}

class ReassignAnswerDto {
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty({ type: ReassignedCaseDto, isArray: true }) cases: ReassignedCaseDto[];
}

/**
 * 认领 / 释放 / 改派 (issue 14): a home jurisdiction's officer claims a case (its actions become
 * theirs: another officer's event is refused 409 `claimed_by_other`, naming the holder) and
 * releases it; a supervisor or the jurisdiction's lead officer hands an absent colleague's cases
 * to another. Each answer carries the case's new version (If-Match takes the one the caller saw).
 */
@ApiTags('cases')
@ApiBearerAuth()
@ApiErrors(400, 401, 403, 404, 409)
@Controller()
export class ClaimsController {
  constructor(private readonly claims: ClaimService) {}

  @Post('applications/:id/claim')
  @HttpCode(200)
  @ApiOkResponse({ type: ClaimDto })
  @ApiOperation({ summary: '认领: claim the case (officer); 409 naming the holder when another holds it' })
  claim(
    @CaseId() id: string,
    @CurrentActor() actor: Actor,
    @IfMatch() expectedVersion?: number,
  ): Promise<ClaimView> {
    return this.claims.claim(id, actor, expectedVersion);
  }

  @Delete('applications/:id/claim')
  @ApiOkResponse({ type: ClaimDto })
  @ApiOperation({ summary: '释放: release a case one holds (its holder)' })
  release(
    @CaseId() id: string,
    @CurrentActor() actor: Actor,
    @IfMatch() expectedVersion?: number,
  ): Promise<ClaimView> {
    return this.claims.release(id, actor, expectedVersion);
  }

  @Post('claims/reassign')
  @HttpCode(200)
  @ApiOkResponse({ type: ReassignAnswerDto })
  @ApiOperation({
    summary:
      "改派: hand an absent officer's cases (all, or caseIds) to a colleague of the same jurisdiction " +
      "(a supervisor of the jurisdiction's division, or its lead officer)",
  })
  reassign(@Body() dto: ReassignDto, @CurrentActor() actor: Actor): Promise<ReassignView> {
    return this.claims.reassign(dto, actor);
  }
}
