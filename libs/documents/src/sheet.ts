import PDFDocument from 'pdfkit';
import * as QRCode from 'qrcode';
import { beijingTime } from '@app/common';
import { loadDocumentFont, type DocumentFont } from './document-font';

/** How a renderer is set: the CJK font to embed. */
export interface RenderOptions {
  font: DocumentFont;
}

/** `at` as a person reads it on paper: `2026-12-01 14:05（北京时间）`. */
export function printedTime(at: Date): string {
  return `${beijingTime(at).slice(0, 16).replace('T', ' ')}（北京时间）`;
}

const FONT = 'cjk';
const MARGIN = 56; // 2 cm on A4
const QR_SIZE = 110; // points: about 3.9 cm, readable by a phone at arm's length

/** One column of a table: its heading and its share of the width (the shares of a table add up to 1). */
export interface Column {
  heading: string;
  share: number;
}

/**
 * One A4 document being written (pdfkit), in the embedded CJK font: a title, labelled fields,
 * paragraphs, tables that break across pages with their heading repeated, a QR code, signature
 * lines, and a footer. `finish` gives the bytes. Internal to the renderers.
 */
export class Sheet {
  private readonly doc: PDFKit.PDFDocument;
  private readonly bytes: Buffer[] = [];
  private readonly ended: Promise<void>;
  private readonly width: number;

  constructor(options: RenderOptions, meta: { title: string; issuedAt: Date }) {
    const font = loadDocumentFont(options.font);
    // The document's dates are the view's, so the same view renders the same document.
    this.doc = new PDFDocument({
      size: 'A4',
      margin: MARGIN,
      info: {
        Title: meta.title,
        Creator: 'proxy-acceptance',
        CreationDate: meta.issuedAt,
        ModDate: meta.issuedAt,
      },
      lang: 'zh-CN',
    });
    this.ended = new Promise((resolve, reject) => {
      this.doc.on('data', (chunk: Buffer) => this.bytes.push(chunk));
      this.doc.on('end', resolve);
      this.doc.on('error', reject);
    });
    this.doc.registerFont(FONT, font.bytes, font.postscriptName);
    this.doc.font(FONT);
    this.width = this.doc.page.width - 2 * MARGIN;
  }

  /** The title, centred and large, and an optional line under it (the issuing office). */
  title(text: string, subtitle?: string): this {
    this.doc.fontSize(20).text(text, MARGIN, MARGIN, { align: 'center', width: this.width });
    if (subtitle) this.doc.fontSize(11).text(subtitle, { align: 'center', width: this.width });
    this.doc.moveDown(1);
    return this;
  }

  /**
   * The QR code of `url` at the top right of the first page, with its caption, and the address
   * printed under the fields; the fields that follow leave room for it.
   */
  async qr(url: string, caption: string): Promise<this> {
    const png = await QRCode.toBuffer(url, { errorCorrectionLevel: 'M', margin: 2, scale: 6 });
    const x = this.doc.page.width - MARGIN - QR_SIZE;
    const y = this.doc.y;
    this.doc.image(png, x, y, { width: QR_SIZE, height: QR_SIZE });
    this.doc.fontSize(8).text(caption, x, y + QR_SIZE + 2, { width: QR_SIZE, align: 'center' });
    this.doc.x = MARGIN;
    this.doc.y = y;
    this.fieldWidth = this.width - QR_SIZE - 12;
    this.qrBottom = y + QR_SIZE + 16;
    return this;
  }

  private fieldWidth?: number;
  private qrBottom = 0;

  /** `label：value` on its own line(s), the value wrapping under itself. */
  field(label: string, value: string): this {
    const width = this.doc.y < this.qrBottom && this.fieldWidth ? this.fieldWidth : this.width;
    this.doc.fontSize(11).text(`${label}：${value}`, MARGIN, this.doc.y, { width, lineGap: 3 });
    return this;
  }

  /** A heading inside the document (a section). */
  heading(text: string): this {
    this.clearQr();
    this.doc.moveDown(0.6).fontSize(13).text(text, MARGIN, this.doc.y, { width: this.width });
    this.doc.moveDown(0.3);
    return this;
  }

  /** A paragraph of running text, justified. */
  paragraph(text: string, size = 11): this {
    this.clearQr();
    this.doc
      .fontSize(size)
      .text(text, MARGIN, this.doc.y, { width: this.width, lineGap: 3, align: 'justify' });
    this.doc.moveDown(0.4);
    return this;
  }

  /** Numbered lines (`1. …`), each wrapping under itself. */
  list(items: readonly string[]): this {
    this.clearQr();
    items.forEach((item, i) => {
      this.doc
        .fontSize(11)
        .text(`${i + 1}. ${item}`, MARGIN + 12, this.doc.y, { width: this.width - 12, lineGap: 3 });
    });
    this.doc.moveDown(0.4);
    return this;
  }

  /** A ruled table: the heading row in grey, then `rows` (one string per column); breaks across pages, repeating the heading. */
  table(columns: readonly Column[], rows: readonly string[][]): this {
    this.clearQr();
    const widths = columns.map((c) => c.share * this.width);
    const drawRow = (cells: readonly string[], shaded: boolean) => {
      this.doc.fontSize(10);
      const height =
        Math.max(...cells.map((cell, i) => this.doc.heightOfString(cell, { width: widths[i] - 8 }))) + 8;
      if (this.doc.y + height > this.doc.page.height - MARGIN - 20) {
        this.doc.addPage();
        this.doc.y = MARGIN;
        if (!shaded)
          drawRow(
            columns.map((c) => c.heading),
            true,
          );
      }
      const top = this.doc.y;
      let x = MARGIN;
      if (shaded) this.doc.rect(MARGIN, top, this.width, height).fill('#eeeeee').fillColor('black');
      cells.forEach((cell, i) => {
        this.doc.rect(x, top, widths[i], height).lineWidth(0.5).stroke();
        this.doc.text(cell, x + 4, top + 4, { width: widths[i] - 8 });
        x += widths[i];
      });
      this.doc.x = MARGIN;
      this.doc.y = top + height;
    };
    drawRow(
      columns.map((c) => c.heading),
      true,
    );
    for (const row of rows) drawRow(row, false);
    this.doc.moveDown(0.6);
    return this;
  }

  /** Signature lines side by side: each a label, a line to sign on and a line for the date and time. */
  signatures(labels: readonly string[]): this {
    this.clearQr();
    this.doc.moveDown(1.5);
    if (this.doc.y + 70 > this.doc.page.height - MARGIN) {
      this.doc.addPage();
      this.doc.y = MARGIN;
    }
    const top = this.doc.y;
    const each = this.width / labels.length;
    labels.forEach((label, i) => {
      const x = MARGIN + i * each;
      this.doc.fontSize(11).text(label, x, top, { width: each - 16 });
      this.doc.text('签字：', x, top + 24, { width: each - 16 });
      this.doc
        .moveTo(x + 36, top + 38)
        .lineTo(x + each - 20, top + 38)
        .lineWidth(0.5)
        .stroke();
      this.doc.text('时间：', x, top + 48, { width: each - 16 });
      this.doc
        .moveTo(x + 36, top + 62)
        .lineTo(x + each - 20, top + 62)
        .lineWidth(0.5)
        .stroke();
    });
    this.doc.x = MARGIN;
    this.doc.y = top + 80;
    return this;
  }

  /** The closing line of the document: who issues it and when (Beijing time). */
  footer(issuer: string, issuedAt: Date): this {
    this.clearQr();
    this.doc.moveDown(1);
    this.doc.fontSize(11).text(issuer, MARGIN, this.doc.y, { width: this.width, align: 'right' });
    this.doc.fontSize(9).text(`生成时间：${printedTime(issuedAt)}`, { width: this.width, align: 'right' });
    return this;
  }

  /** Ends the document. @returns the PDF's bytes */
  async finish(): Promise<Buffer> {
    this.doc.end();
    await this.ended;
    return Buffer.concat(this.bytes);
  }

  /** Moves below the QR code before anything that spans the full width. */
  private clearQr(): void {
    if (this.doc.y < this.qrBottom) this.doc.y = this.qrBottom;
    this.qrBottom = 0;
  }
}
