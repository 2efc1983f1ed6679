import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

/**
 * Reads a rendered PDF back as a person (or a phone) would, for the tests: its text through
 * poppler's `pdftotext`, its first page rasterized by `pdftoppm` and the QR code on it decoded by
 * jsqr. poppler-utils comes from Debian; `.ci/services.sh` installs it. Test code only: the builds
 * leave `__tests__` out.
 */
function withFile<T>(pdf: Buffer, use: (file: string, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'pdf-probe-'));
  try {
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, pdf);
    return use(file, dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error('poppler-utils is missing (pdftotext, pdftoppm): run `bash .ci/services.sh`');
    }
    throw e;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of every page of `pdf`, in reading order (`pdftotext`), as UTF-8. */
export function pdfText(pdf: Buffer): string {
  return withFile(pdf, (file) =>
    execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }),
  );
}

/** The number of pages of `pdf` (`pdfinfo`). */
export function pdfPages(pdf: Buffer): number {
  const info = withFile(pdf, (file) => execFileSync('pdfinfo', [file], { encoding: 'utf8' }));
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
}

/** The text of the QR code on the first page of `pdf` (rasterized at 150 dpi), or null when none is found. */
export function pdfQrCode(pdf: Buffer): string | null {
  return withFile(pdf, (file, dir) => {
    execFileSync('pdftoppm', [
      '-r',
      '150',
      '-f',
      '1',
      '-l',
      '1',
      '-png',
      '-singlefile',
      file,
      join(dir, 'page'),
    ]);
    const png = PNG.sync.read(readFileSync(join(dir, 'page.png')));
    return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
  });
}
