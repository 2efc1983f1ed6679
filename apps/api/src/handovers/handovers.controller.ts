import { Controller, Get, Param, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { isUUID } from 'class-validator';
import {
  HandoverQueryService,
  invalidField,
  type Actor,
  type HandoverReceiptDownload,
  type HandoverView,
} from '@app/cases';
import { HANDOVER_KINDS } from '@app/transfer';
import { CurrentActor } from '../http/actor.decorator';
import { ApiErrors } from '../http/api-errors.decorator';
import { ApiBeijingTime } from '../http/beijing-time.interceptor';
import { CaseId } from '../http/case-id.pipe';

/** A party of a hand-over as the api answers it. */
export class HandoverPartyDto {
  @ApiProperty({ enum: ['window', 'jurisdiction', 'courier', 'applicant'] }) kind: string;
  @ApiProperty({ example: 'W330902' }) code: string;
  @ApiPropertyOptional() name?: string;
}

/** The key that signed a receipt. */
export class HandoverSignerDto {
  @ApiProperty({ enum: ['window', 'jurisdiction'] }) kind: string;
  @ApiProperty({ example: 'W330902' }) code: string;
  @ApiProperty({ example: '3f9a0c1d2e4b5a69' }) keyId: string;
}

/** A signed hand-over receipt as listed (HandoverView). */
export class HandoverViewDto implements Record<keyof HandoverView, unknown> {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: HANDOVER_KINDS }) kind: string;
  @ApiProperty({ example: '收件窗口交寄' }) label: string;
  @ApiProperty({ type: HandoverPartyDto }) from: HandoverPartyDto;
  @ApiProperty({ type: HandoverPartyDto }) to: HandoverPartyDto;
  @ApiPropertyOptional({ nullable: true }) parcelNumber: string | null;
  @ApiPropertyOptional({ nullable: true }) waybillNumber: string | null;
  @ApiProperty({ type: [String] }) caseNumbers: string[];
  @ApiProperty({ description: 'SHA-256 of the manifest’s canonical JSON, hex' }) manifestSha256: string;
  @ApiBeijingTime() signedAt: string;
  @ApiProperty({ type: HandoverSignerDto }) signer: HandoverSignerDto;
}

/**
 * Sends `file` as a download (`<receipt id>.json`), its bytes exactly as signed-for: any other
 * byte fails `verify-receipt`.
 */
export function sendReceiptFile(reply: FastifyReply, file: HandoverReceiptDownload): string {
  reply
    .header('content-type', 'application/json; charset=utf-8')
    .header('content-disposition', `attachment; filename=${file.filename}`);
  return file.text;
}

/** The `:receiptId` of a route, a UUID. @throws InvalidInput (400, field receiptId) */
export function receiptIdOf(ref: string): string {
  if (!isUUID(ref)) throw invalidField('receiptId', 'must be a hand-over receipt id (UUID)');
  return ref;
}

/**
 * The signed hand-over receipts (issue 13 item 7): a case's list and each receipt's file, for staff
 * who may read the case, in their scope (as the case's history).
 */
@ApiTags('handovers')
@ApiBearerAuth()
@ApiErrors(400, 401, 403, 404)
@Controller()
export class HandoversController {
  constructor(private readonly handovers: HandoverQueryService) {}

  @Get('applications/:id/handovers')
  @ApiOkResponse({ type: [HandoverViewDto] })
  @ApiOperation({ summary: "The case's signed hand-over receipts, in the order they were signed" })
  list(@CaseId() id: string, @CurrentActor() actor: Actor): Promise<HandoverView[]> {
    return this.handovers.ofCase(id, actor);
  }

  @Get('handovers/:receiptId/receipt')
  @ApiProduces('application/json')
  @ApiOkResponse({ description: 'the receipt file, for `verify-receipt <file>`', schema: { type: 'object' } })
  @ApiOperation({
    summary:
      'A signed hand-over receipt as a file (attachment <receipt id>.json): body, signature, the ' +
      "signer's key and its certificate; verifiable without the database",
  })
  async receipt(
    @Param('receiptId') receiptId: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    return sendReceiptFile(reply, await this.handovers.receiptFile(receiptIdOf(receiptId), actor));
  }
}
