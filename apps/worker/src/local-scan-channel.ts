import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AppConfig } from '@app/common';

/**
 * The local stand-in for the scan transfer platform: it hands the home jurisdiction the digests
 * of the pages as they arrived. Pages whose digest matches SCAN_CORRUPT_DIGEST_PATTERN arrive
 * altered (their digest changes). A real platform adapter takes its place behind the same method.
 */
@Injectable()
export class LocalScanChannel {
  private readonly corrupt: RegExp | null;

  constructor(config: AppConfig) {
    this.corrupt = config.SCAN_CORRUPT_DIGEST_PATTERN ? new RegExp(config.SCAN_CORRUPT_DIGEST_PATTERN) : null;
  }

  /** SHA-256 of each page as re-hashed on arrival, in the order sent. */
  receivedDigests(sent: string[]): string[] {
    return sent.map((d) =>
      this.corrupt?.test(d) ? createHash('sha256').update(`altered:${d}`).digest('hex') : d,
    );
  }
}
