import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { RectificationService, type Actor, type RatedSide, type RectificationView } from '@app/cases';
import { ApiBeijingTime } from '../http/beijing-time.interceptor';
import { CurrentActor } from '../http/actor.decorator';
import { CaseId } from '../http/case-id.pipe';
import { ApiErrors } from '../http/api-errors.decorator';
import { IdempotencyKey, scoped, type IdempotencyKeyIn } from '../http/idempotency-key.decorator';
import { PlainText } from '../http/plain-text.validator';

const SIDES: RatedSide[] = ['window', 'jurisdiction'];

/** `POST /applications/:id/rectification`: which side's 差评 was put right, and what was done. */
export class RectifyDto {
  @ApiProperty({
    enum: SIDES,
    description: 'the side the 差评 rated: the receiving window or the home jurisdiction',
  })
  @IsIn(SIDES, { message: `must be one of ${SIDES.join(', ')}` })
  side: RatedSide;

  @ApiProperty({ example: '已约谈经办人员，统一补正告知口径' })
  @PlainText(1000)
  note: string;
}

class RectificationDto {
  @ApiProperty({ enum: SIDES }) side: string;
  @ApiProperty() note: string;
  @ApiProperty({ format: 'uuid', description: 'the rectification clock stopped' }) clockId: string;
  @ApiProperty({ enum: ['met', 'late'], description: 'put right by the due moment, or after' })
  outcome: string;
  @ApiProperty({ type: Number, nullable: true, description: 'statutory working days the clock used' })
  usedWorkingDays: number | null;
  @ApiBeijingTime() rectifiedAt: string;
  @ApiProperty({ description: "the case's version after the RECTIFIED row" }) version: number;
}

/** 整改: the side a 差评 rated reports it put right (issue 12 item 3: the rectification clock stops). */
@ApiTags('cases')
@ApiBearerAuth()
@ApiErrors(400, 401, 403, 404, 409)
@Controller('applications')
export class RectificationController {
  constructor(private readonly rectifications: RectificationService) {}

  @Post(':id/rectification')
  @HttpCode(200)
  @ApiOkResponse({ type: RectificationDto })
  @ApiOperation({
    summary:
      "整改: put right a 差评 of one side (window: the case's window's clerk; jurisdiction: its home " +
      "jurisdiction's officer); stops that side's rectification clock, recorded in the history; 409 when none is open",
  })
  rectify(
    @CaseId() id: string,
    @Body() dto: RectifyDto,
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key?: IdempotencyKeyIn,
  ): Promise<RectificationView> {
    return this.rectifications.rectify(id, dto.side, dto.note, actor, scoped(actor.role, actor.id, key));
  }
}
