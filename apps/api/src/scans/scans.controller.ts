import { Controller, Post, Req, UnsupportedMediaTypeException } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ScanService, type Actor, type ScanView } from '@app/cases';
import { CurrentActor } from '../http/actor.decorator';
import { CaseId } from '../http/case-id.pipe';
import { ApiErrors } from '../http/api-errors.decorator';
import { readScanUpload } from './scan-upload';

/** 扫描: the window uploads a scanned material of a case it holds. */
@ApiTags('cases')
@ApiBearerAuth()
@ApiErrors(400, 401, 403, 404, 409, 413)
@Controller('applications')
export class ScansController {
  constructor(private readonly scans: ScanService) {}

  @Post(':id/scans')
  @ApiOperation({
    summary: 'Upload a scan (PDF, JPEG or PNG, judged by its bytes); answers its server-computed SHA-256',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['material', 'file'],
      properties: {
        material: { type: 'string', description: 'checklist name of the material; send it before the file' },
        file: { type: 'string', format: 'binary' },
      },
    },
  })
  async upload(
    @CaseId() id: string,
    @Req() req: FastifyRequest,
    @CurrentActor() actor: Actor,
  ): Promise<ScanView> {
    if (!req.isMultipart()) {
      throw new UnsupportedMediaTypeException({
        message: 'send the scan as multipart/form-data',
        details: [{ field: 'body', message: 'not multipart/form-data' }],
      });
    }
    const { material, bytes } = await readScanUpload(req);
    return this.scans.upload(id, material, bytes, actor);
  }
}
