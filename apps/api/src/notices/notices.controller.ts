import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { BEIJING_TIME_EXAMPLE } from '@app/common';
import { NoticeQueryService, type Actor, type NoticeView } from '@app/cases';
import { CurrentActor } from '../http/actor.decorator';
import { ApiErrors } from '../http/api-errors.decorator';

/** `?caseId=`: the case whose notices to read. */
export class NoticeQueryDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'caseId must be a case id (a UUID)' })
  caseId: string;
}

/** A notice as the api answers it (NoticeView). */
export class NoticeViewDto implements Record<keyof NoticeView, unknown> {
  @ApiProperty({ example: '42' }) id: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ example: 'supplementRequested' }) kind: string;
  @ApiProperty({ enum: ['sms', 'email'] }) channel: string;
  @ApiProperty({
    example: 'applicant',
    description: '`applicant`, or the office: `jurisdiction:<code>` / `window:<code>`',
  })
  addressee: string;
  @ApiPropertyOptional({
    example: '138****5678',
    nullable: true,
    description: 'as shown (masked); null until sent',
  })
  recipient: string | null;
  @ApiProperty({ description: 'the Chinese text, as sent' }) text: string;
  @ApiProperty({ example: BEIJING_TIME_EXAMPLE }) recordedAt: string;
  @ApiPropertyOptional({ example: BEIJING_TIME_EXAMPLE, nullable: true }) sentAt: string | null;
  @ApiPropertyOptional({ example: 'recording', nullable: true }) transport: string | null;
}

/**
 * The notices sent to the applicant and to offices (issue 12 item 5), as the recording transport
 * keeps them: staff who may read the case, in their scope.
 */
@ApiTags('notices')
@ApiBearerAuth()
@ApiErrors(400, 401, 403, 404)
@Controller('notices')
export class NoticesController {
  constructor(private readonly notices: NoticeQueryService) {}

  @Get()
  @ApiOkResponse({ type: [NoticeViewDto] })
  @ApiOperation({ summary: "A case's notices (SMS and e-mail), oldest first, recipients masked" })
  list(@CurrentActor() actor: Actor, @Query() query: NoticeQueryDto): Promise<NoticeView[]> {
    return this.notices.ofCase(query.caseId, actor);
  }
}
