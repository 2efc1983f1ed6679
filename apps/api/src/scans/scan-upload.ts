import type { MultipartFile } from '@fastify/multipart';
import { PayloadTooLargeException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { invalidField } from '@app/cases';
import { isPlainText } from '../http/plain-text.validator';

/** One scan upload as sent: the material's name and the file's bytes, whole. */
export interface ScanUpload {
  material: string;
  bytes: Buffer;
}

/**
 * Reads a multipart scan upload to its end: the `material` field, then exactly one file no larger
 * than the multipart `fileSize` limit (SCAN_MAX_BYTES). The size is judged before anything else
 * looks at the bytes, so an over-limit file is 413 whatever it contains. The multipart limit cuts a
 * file at the limit without an error when the client's chunks end exactly there, so the file's
 * `truncated` flag is checked too: a cut file is never handed on.
 * @throws PayloadTooLargeException (413, field file) the file is over SCAN_MAX_BYTES
 * @throws InvalidInput (400) field material missing, repeated, sent after the file or not a
 *   name of 1-100 characters; field file missing or more than one file; too many fields or a malformed body
 */
export async function readScanUpload(req: FastifyRequest): Promise<ScanUpload> {
  let material: string | undefined;
  let upload: ScanUpload | undefined;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        if (upload) throw oneFileOnly();
        upload = { material: checkMaterial(material), bytes: await wholeFile(part) };
      } else if (part.fieldname === 'material') {
        if (material !== undefined || upload) throw invalidMaterial();
        material = String(part.value);
      }
    }
  } catch (e) {
    throw multipartError(e);
  }
  if (!upload) throw invalidField('file', 'is required');
  return upload;
}

/** The file's bytes; 413 when the limit stopped the read, whether or not the library said so. */
async function wholeFile(part: MultipartFile): Promise<Buffer> {
  const bytes = await part.toBuffer();
  if (part.file.truncated) throw tooLarge();
  return bytes;
}

function checkMaterial(name: string | undefined): string {
  if (!name || Array.from(name).length > 100 || !isPlainText(name)) throw invalidMaterial();
  return name;
}

const invalidMaterial = () =>
  invalidField('material', 'must be the material’s name (1-100 characters), sent once before the file');

const oneFileOnly = () => invalidField('file', 'send one file per upload (one scan)');

const tooLarge = () =>
  new PayloadTooLargeException({
    message: 'the scan is larger than allowed (SCAN_MAX_BYTES)',
    details: [{ field: 'file', message: 'too large' }],
  });

/**
 * @fastify/multipart's own errors in the api's shape: file too large → 413, a second file → 400
 * naming file (the limit is one file), too many fields or parts and malformed bodies → 400 body.
 */
function multipartError(e: unknown): unknown {
  const { code, statusCode } = e as { code?: string; statusCode?: number };
  if (code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge();
  if (code === 'FST_FILES_LIMIT') return oneFileOnly();
  if (code?.startsWith('FST_') && statusCode && statusCode < 500) {
    return invalidField('body', (e as Error).message);
  }
  if (e instanceof Error && /^(Malformed|Unexpected end|Part terminated)/.test(e.message)) {
    return invalidField('body', 'malformed multipart body');
  }
  return e;
}
