import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';

/**
 * The CJK font documents are set in, embedded (subset) into every PDF: a TTF, OTF or TTC file and,
 * for a collection (TTC), the PostScript name of the face to use. The default is Noto Sans CJK SC
 * from Debian's `fonts-noto-cjk` (SIL Open Font License), which covers CJK Unified Ideographs
 * Extension B, so a name such as 𠮷 (U+20BB7) prints as itself, not as a box.
 */
export interface DocumentFont {
  path: string;
  /** The face inside a collection (`NotoSansCJKsc-Regular`); ignored for a single-face file. */
  postscriptName?: string;
}

/** Where Debian's `fonts-noto-cjk` puts the sans-serif collection, and the Simplified Chinese face in it. */
export const DEFAULT_DOCUMENT_FONT: Readonly<Required<DocumentFont>> = {
  path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  postscriptName: 'NotoSansCJKsc-Regular',
};

/** Characters every document font must have: the documents' own words and a name outside the BMP. */
const REQUIRED_CHARACTERS =
  '收件回执一次性告知书不予受理通知材料交接单原件复印电子𠮷0123456789ABCXabc-:：（）';

/** A font read and checked: its bytes (handed to pdfkit for each document) and the face's name. */
export interface LoadedFont {
  bytes: Buffer;
  postscriptName: string | undefined;
}

const loaded = new Map<string, LoadedFont>();

/**
 * Reads `font` once per process and checks that it has a glyph for each character the documents
 * need, 𠮷 (U+20BB7) among them, so a wrong font stops the first document, not a printed page later.
 * @throws Error naming the file and the characters it lacks, or the face missing from a collection;
 *   the file system's error when the file cannot be read (the message names DOCUMENT_FONT_PATH)
 */
export function loadDocumentFont(font: DocumentFont): LoadedFont {
  const key = `${font.path}#${font.postscriptName ?? ''}`;
  const cached = loaded.get(key);
  if (cached) return cached;
  let bytes: Buffer;
  try {
    bytes = readFileSync(font.path);
  } catch (e) {
    throw new Error(
      `DOCUMENT_FONT_PATH ${font.path} cannot be read (${(e as Error).message}); install Debian's fonts-noto-cjk or point DOCUMENT_FONT_PATH at a CJK font`,
    );
  }
  const file = fontkit.create(bytes);
  // A single font is itself; a collection needs the face named (a name given for a single font is ignored).
  const face = 'fonts' in file ? file.fonts.find((f) => f.postscriptName === font.postscriptName) : file;
  if (!face) {
    const faces = 'fonts' in file ? file.fonts.map((f) => f.postscriptName).join(', ') : '';
    throw new Error(
      `DOCUMENT_FONT_PATH ${font.path} is a collection: DOCUMENT_FONT_NAME must name one of ${faces}`,
    );
  }
  const lacking = Array.from(REQUIRED_CHARACTERS).filter(
    (c) => !face.hasGlyphForCodePoint(c.codePointAt(0)!),
  );
  if (lacking.length > 0) {
    throw new Error(`document font ${font.path} has no glyph for ${lacking.join(' ')}`);
  }
  const result = { bytes, postscriptName: 'fonts' in file ? face.postscriptName : undefined };
  loaded.set(key, result);
  return result;
}
