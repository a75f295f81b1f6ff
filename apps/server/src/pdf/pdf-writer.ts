import { deflateSync } from 'node:zlib';
import { textWidth } from './helvetica-widths';
import { jpegInfo } from './jpeg-info';

/** US Letter in points. */
export const PAGE = { width: 612, height: 792, margin: 54 };

// Unicode code points that Windows-1252 (the PDF WinAnsiEncoding) places at 0x80-0x9F.
const CP1252_HIGH: Record<number, number> = {
  0x20ac: 0x80, 0x201a: 0x82, 0x0192: 0x83, 0x201e: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87, 0x02c6: 0x88, 0x2030: 0x89,
  0x0160: 0x8a, 0x2039: 0x8b, 0x0152: 0x8c, 0x017d: 0x8e, 0x2018: 0x91, 0x2019: 0x92, 0x201c: 0x93, 0x201d: 0x94, 0x2022: 0x95,
  0x2013: 0x96, 0x2014: 0x97, 0x02dc: 0x98, 0x2122: 0x99, 0x0161: 0x9a, 0x203a: 0x9b, 0x0153: 0x9c, 0x017e: 0x9e, 0x0178: 0x9f,
};

/** A PDF string literal in WinAnsi bytes: Spanish accents survive; what the encoding lacks becomes "?". */
function pdfString(s: string): string {
  let out = '(';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    let b: number;
    if (cp < 0x80) b = cp;
    else if (cp >= 0xa0 && cp <= 0xff) b = cp;
    else b = CP1252_HIGH[cp] ?? 0x3f;
    if (b === 0x28 || b === 0x29 || b === 0x5c) out += `\\${String.fromCharCode(b)}`;
    else if (b < 0x20) out += ' ';
    else if (b >= 0x80) out += `\\${b.toString(8).padStart(3, '0')}`;
    else out += String.fromCharCode(b);
  }
  return `${out})`;
}

const num = (n: number) => (Math.round(n * 100) / 100).toString();

/** A colour as red, green, blue in 0..1. */
export type Rgb = readonly [number, number, number];

/** How a shape is painted: a fill, an outline, or both. */
export interface ShapeStyle {
  fill?: Rgb;
  stroke?: Rgb;
  lineWidth?: number;
  dash?: number[];
}

function paint(style: ShapeStyle): string {
  const out: string[] = [];
  if (style.fill) out.push(`${style.fill.map(num).join(' ')} rg`);
  if (style.stroke) out.push(`${style.stroke.map(num).join(' ')} RG`);
  if (style.lineWidth !== undefined) out.push(`${num(style.lineWidth)} w`);
  if (style.dash?.length) out.push(`[${style.dash.map(num).join(' ')}] 0 d`);
  return out.join(' ');
}

function paintOp(style: ShapeStyle, evenOdd: boolean): string {
  if (style.fill && style.stroke) return evenOdd ? 'B*' : 'B';
  if (style.fill) return evenOdd ? 'f*' : 'f';
  return style.stroke ? 'S' : 'n';
}

interface Image {
  name: string;
  data: Buffer;
  width: number;
  height: number;
  components: number;
}

/**
 * A small PDF writer for the documents the centre hands to the public (a copy of their form, a
 * missing-person flyer): text in Helvetica with wrapping and page breaks, and JPEG pictures.
 * Documents are built top-down with a cursor; `y` counts down from the top margin.
 */
export class PdfDocument {
  private pages: string[][] = [];
  private images: Image[] = [];
  y = 0;

  constructor() {
    this.newPage();
  }

  newPage(): void {
    this.pages.push([]);
    this.y = PAGE.height - PAGE.margin;
  }

  private get ops(): string[] {
    return this.pages[this.pages.length - 1]!;
  }

  /** Starts a new page if fewer than `height` points remain above the bottom margin. */
  ensure(height: number): void {
    if (this.y - height < PAGE.margin) this.newPage();
  }

  /** One line of text at the cursor (or at x), moving the cursor down. */
  line(text: string, opts: { size?: number; bold?: boolean; x?: number; gap?: number } = {}): void {
    const size = opts.size ?? 11;
    this.ensure(size * 1.3);
    this.y -= size;
    this.ops.push(`BT /${opts.bold ? 'F2' : 'F1'} ${size} Tf ${num(opts.x ?? PAGE.margin)} ${num(this.y)} Td ${pdfString(text)} Tj ET`);
    this.y -= size * 0.3 + (opts.gap ?? 0);
  }

  /** A paragraph wrapped to the width, keeping the writer's own line breaks. */
  paragraph(text: string, opts: { size?: number; bold?: boolean; x?: number; width?: number } = {}): void {
    const size = opts.size ?? 11;
    const x = opts.x ?? PAGE.margin;
    const width = opts.width ?? PAGE.width - PAGE.margin - x;
    for (const para of text.split(/\r?\n/)) {
      let current = '';
      for (const word of para.split(/\s+/).filter(Boolean)) {
        const candidate = current ? `${current} ${word}` : word;
        if (textWidth(candidate, size, opts.bold) <= width) current = candidate;
        else {
          if (current) this.line(current, { size, bold: opts.bold, x });
          // A single word wider than the line is cut rather than run off the page.
          let w = word;
          while (textWidth(w, size, opts.bold) > width) {
            let cut = w.length - 1;
            while (cut > 1 && textWidth(w.slice(0, cut), size, opts.bold) > width) cut--;
            this.line(w.slice(0, cut), { size, bold: opts.bold, x });
            w = w.slice(cut);
          }
          current = w;
        }
      }
      this.line(current, { size, bold: opts.bold, x });
    }
  }

  /** A label in bold and its value wrapped beside it; skipped when there is no value. */
  field(label: string, value: string | null | undefined, size = 11): void {
    if (!value) return;
    const labelWidth = 150;
    this.ensure(size * 1.3);
    const startY = this.y;
    this.line(label, { size, bold: true });
    this.y = startY;
    this.paragraph(value, { size, x: PAGE.margin + labelWidth });
  }

  heading(text: string, size = 14): void {
    this.ensure(size * 3);
    this.y -= size * 0.6;
    this.line(text, { size, bold: true });
    this.rule();
  }

  rule(): void {
    this.ops.push(`0.6 G 0.5 w ${PAGE.margin} ${num(this.y)} m ${PAGE.width - PAGE.margin} ${num(this.y)} l S 0 G`);
    this.y -= 6;
  }

  /** A JPEG scaled to fit the box, top-left at the cursor (or at x). Returns false if it is not a JPEG. */
  jpeg(data: Buffer, box: { maxWidth: number; maxHeight: number; x?: number }): boolean {
    const info = jpegInfo(data);
    if (!info) return false;
    const scale = Math.min(box.maxWidth / info.width, box.maxHeight / info.height);
    const w = info.width * scale;
    const h = info.height * scale;
    this.ensure(h);
    const name = `Im${this.images.length + 1}`;
    this.images.push({ name, data, width: info.width, height: info.height, components: info.components });
    this.ops.push(`q ${num(w)} 0 0 ${num(h)} ${num(box.x ?? PAGE.margin)} ${num(this.y - h)} cm /${name} Do Q`);
    this.y -= h + 8;
    return true;
  }

  // Vector drawing for charts and maps. Coordinates are the page's own (points, origin bottom left),
  // colours are RGB in 0..1; each shape saves and restores the graphics state so nothing leaks.

  /** A rectangle with its lower-left corner at (x, y), filled and/or outlined. */
  rect(x: number, y: number, w: number, h: number, style: ShapeStyle): void {
    this.ops.push(`q ${paint(style)} ${num(x)} ${num(y)} ${num(w)} ${num(h)} re ${paintOp(style, false)} Q`);
  }

  /** A straight line from (x1, y1) to (x2, y2). */
  segment(x1: number, y1: number, x2: number, y2: number, style: { stroke: Rgb; lineWidth?: number; dash?: number[] }): void {
    this.ops.push(`q ${paint(style)} ${num(x1)} ${num(y1)} m ${num(x2)} ${num(y2)} l S Q`);
  }

  /**
   * One shape made of several rings or lines (a polygon with holes, a multipolygon, a line chart's
   * series): closed rings are filled by the even-odd rule, so holes stay empty.
   */
  path(rings: Array<Array<[number, number]>>, style: ShapeStyle & { close?: boolean }): void {
    const parts: string[] = [];
    for (const ring of rings) {
      if (ring.length < 2) continue;
      parts.push(ring.map(([px, py], i) => `${num(px)} ${num(py)} ${i === 0 ? 'm' : 'l'}`).join(' ') + (style.close === false ? '' : ' h'));
    }
    if (parts.length) this.ops.push(`q ${paint(style)} ${parts.join(' ')} ${paintOp(style, true)} Q`);
  }

  /** Text placed at (x, y) on its baseline, aligned to x; does not move the cursor. */
  textAt(x: number, y: number, text: string, opts: { size?: number; bold?: boolean; color?: Rgb; align?: 'left' | 'center' | 'right' } = {}): void {
    const size = opts.size ?? 9;
    const w = textWidth(text, size, opts.bold);
    const left = opts.align === 'right' ? x - w : opts.align === 'center' ? x - w / 2 : x;
    const color = opts.color ? `${opts.color.map(num).join(' ')} rg ` : '';
    this.ops.push(`q ${color}BT /${opts.bold ? 'F2' : 'F1'} ${size} Tf ${num(left)} ${num(y)} Td ${pdfString(text)} Tj ET Q`);
  }

  /** The finished file. Every page gets "page n of m" and the footer. */
  toBuffer(meta: { title: string; footer?: string }): Buffer {
    const objects: Buffer[] = [];
    const add = (body: string | Buffer): number => {
      objects.push(typeof body === 'string' ? Buffer.from(body, 'latin1') : body);
      return objects.length;
    };
    const stream = (dict: string, data: Buffer) => Buffer.concat([Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream', 'latin1')]);

    const catalog = add(''); // filled in last, once the page tree's number is known
    const pagesObj = add('');
    const f1 = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
    const f2 = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>');
    const imageRefs = this.images.map((im) => {
      const cs = im.components === 1 ? '/DeviceGray' : im.components === 3 ? '/DeviceRGB' : '/DeviceCMYK /Decode [1 0 1 0 1 0 1 0]';
      return `/${im.name} ${add(stream(`/Type /XObject /Subtype /Image /Width ${im.width} /Height ${im.height} /ColorSpace ${cs} /BitsPerComponent 8 /Filter /DCTDecode`, im.data))} 0 R`;
    });
    const resources = `<< /Font << /F1 ${f1} 0 R /F2 ${f2} 0 R >> /XObject << ${imageRefs.join(' ')} >> >>`;
    const kids: number[] = [];
    this.pages.forEach((ops, i) => {
      const footer = `${meta.footer ? `${meta.footer}   ` : ''}Page ${i + 1} of ${this.pages.length}`;
      const content = [...ops, `BT /F1 8 Tf ${PAGE.margin} ${PAGE.margin - 24} Td ${pdfString(footer)} Tj ET`].join('\n');
      const contentObj = add(stream('/Filter /FlateDecode', deflateSync(Buffer.from(content, 'latin1'))));
      kids.push(add(`<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 ${PAGE.width} ${PAGE.height}] /Resources ${resources} /Contents ${contentObj} 0 R >>`));
    });
    objects[pagesObj - 1] = Buffer.from(`<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`, 'latin1');
    objects[catalog - 1] = Buffer.from(`<< /Type /Catalog /Pages ${pagesObj} 0 R >>`, 'latin1');
    const info = add(`<< /Title ${pdfString(meta.title)} /Producer (OpenPSAP) >>`);

    const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
    let offset = parts[0]!.length;
    const offsets: number[] = [];
    objects.forEach((body, i) => {
      offsets.push(offset);
      const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), body, Buffer.from('\nendobj\n', 'latin1')]);
      parts.push(chunk);
      offset += chunk.length;
    });
    const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
    parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R /Info ${info} 0 R >>\nstartxref\n${offset}\n%%EOF\n`, 'latin1'));
    return Buffer.concat(parts);
  }
}
