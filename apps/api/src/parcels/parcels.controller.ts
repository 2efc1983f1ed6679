import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Res,
  type PipeTransform,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { isUUID } from 'class-validator';
import { CaseQueryService, invalidField, ParcelService, type Actor, type ParcelView } from '@app/cases';
import { CurrentActor } from '../http/actor.decorator';
import { ApiErrors } from '../http/api-errors.decorator';
import { sendPdf } from '../documents/case-documents';
import { CheckInParcelDto, OpenParcelDto, PackCaseDto, ParcelViewDto, SealParcelDto } from './parcel.dto';

/**
 * A parcel route's `:id`: a UUID v4 as is.
 * @throws InvalidInput (400, field `id`) anything else
 */
class ParcelIdPipe implements PipeTransform<string, string> {
  transform(id: string): string {
    if (!isUUID(id, '4')) throw invalidField('id', 'must be a parcel id (UUID v4)');
    return id;
  }
}
const PARCEL_ID = new ParcelIdPipe();

/**
 * 材料交接: parcels of papers between a window and a home jurisdiction (issue 13): the clerk opens,
 * packs, unpacks and seals; the officer checks in against the manifest; both read it.
 */
@ApiTags('parcels')
@ApiBearerAuth()
@ApiErrors(400, 401, 403, 404, 409)
@Controller('parcels')
export class ParcelsController {
  constructor(
    private readonly parcels: ParcelService,
    private readonly queries: CaseQueryService,
  ) {}

  @Post()
  @ApiCreatedResponse({ type: ParcelViewDto })
  @ApiOperation({
    summary: "Open a parcel at the clerk's window for one home jurisdiction (materials or archive)",
  })
  open(@Body() dto: OpenParcelDto, @CurrentActor() actor: Actor): Promise<ParcelView> {
    return this.parcels.open(dto.leg, dto.jurisdictionCode, actor);
  }

  @Get(':id')
  @ApiOkResponse({ type: ParcelViewDto })
  @ApiOperation({
    summary:
      'A parcel: its manifest lines, status and carrier legs (the sending clerk, the receiving officer)',
  })
  view(@Param('id', PARCEL_ID) id: string, @CurrentActor() actor: Actor): Promise<ParcelView> {
    return this.parcels.view(id, actor);
  }

  @Get(':id/manifest.pdf')
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    description: '材料交接单 as PDF (for the courier and for check-in)',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiOperation({
    summary:
      'The manifest (材料交接单) of a parcel as PDF: each case and original, the signed hash, signature lines',
  })
  async manifest(
    @Param('id', PARCEL_ID) id: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    return sendPdf(reply, await this.parcels.manifest(id, actor));
  }

  @Post(':id/cases')
  @HttpCode(200)
  @ApiOkResponse({ type: ParcelViewDto })
  @ApiOperation({
    summary:
      'Pack a case (id or receipt number) into an open parcel; its paper materials become manifest lines',
  })
  async pack(
    @Param('id', PARCEL_ID) id: string,
    @Body() dto: PackCaseDto,
    @CurrentActor() actor: Actor,
  ): Promise<ParcelView> {
    return this.parcels.pack(id, await this.caseIdOf(dto.caseId, actor), actor);
  }

  @Delete(':id/cases/:caseId')
  @ApiOkResponse({ type: ParcelViewDto })
  @ApiOperation({ summary: 'Take a case out of a parcel before it is sealed (409 once sealed: it travels)' })
  async unpack(
    @Param('id', PARCEL_ID) id: string,
    @Param('caseId') caseRef: string,
    @CurrentActor() actor: Actor,
  ): Promise<ParcelView> {
    return this.parcels.unpack(id, await this.caseIdOf(caseRef, actor), actor);
  }

  @Post(':id/seal')
  @HttpCode(200)
  @ApiOkResponse({ type: ParcelViewDto })
  @ApiOperation({
    summary:
      'Seal a parcel under its waybill: the manifest is fixed and hashed, every case in it is forwarded by courier',
  })
  seal(
    @Param('id', PARCEL_ID) id: string,
    @Body() dto: SealParcelDto,
    @CurrentActor() actor: Actor,
  ): Promise<ParcelView> {
    return this.parcels.seal(id, dto.waybillNumber, actor);
  }

  @Post(':id/check-in')
  @HttpCode(200)
  @ApiOkResponse({ type: ParcelViewDto })
  @ApiOperation({
    summary:
      "签收: check a parcel in against its manifest, case by case and original by original; complete cases go to the inbox, a discrepancy fails that case's transfer",
  })
  checkIn(
    @Param('id', PARCEL_ID) id: string,
    @Body() dto: CheckInParcelDto,
    @CurrentActor() actor: Actor,
  ): Promise<ParcelView> {
    return this.parcels.checkIn(id, dto.cases, actor);
  }

  /** A case named by id or by receipt number, in the caller's scope (404 otherwise). */
  private caseIdOf(ref: string, actor: Actor): Promise<string> {
    return this.queries.caseIdOf(isUUID(ref, '4') ? { id: ref } : { caseNumber: ref }, actor);
  }
}
