import '@fastify/multipart';
import {
  Controller,
  PayloadTooLargeException,
  Post,
  Req,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { invalidField, ScanService, type Actor, type ScanView } from '@app/cases';
import { CurrentActor } from '../http/actor.decorator';
import { CaseId } from '../http/case-id.pipe';
import { ApiErrors } from '../http/api-errors.decorator';
import { isPlainText } from '../http/plain-text.validator';

/** 扫描: the window uploads a scanned material of a case it holds. */
@ApiTags('applications')
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
    const file = await req.file();
    if (!file) throw invalidField('file', 'is required');
    const material = file.fields.material;
    const name = material && 'value' in material ? String(material.value) : '';
    if (!name || Array.from(name).length > 100 || !isPlainText(name)) {
      throw invalidField('material', 'must be the material’s name (1-100 characters), sent before the file');
    }
    return this.scans.upload(id, name, await readLimited(file.toBuffer()), actor);
  }
}

/** The file's bytes, or 413 when it is over SCAN_MAX_BYTES (the multipart limit stops the read). */
async function readLimited(read: Promise<Buffer>): Promise<Buffer> {
  try {
    return await read;
  } catch (e) {
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new PayloadTooLargeException({
        message: 'the scan is larger than allowed (SCAN_MAX_BYTES)',
        details: [{ field: 'file', message: 'too large' }],
      });
    }
    throw e;
  }
}
