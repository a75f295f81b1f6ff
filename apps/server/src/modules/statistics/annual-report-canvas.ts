import { textWidth } from '../../pdf/helvetica-widths';
import type { PdfDocument, Rgb } from '../../pdf/pdf-writer';

/** '#rrggbb' */
export type Colour = string;

export interface DrawStyle {
  fill?: Colour;
  stroke?: Colour;
  lineWidth?: number;
  dash?: number[];
}

export interface TextStyle {
  size?: number;
  bold?: boolean;
  colour?: Colour;
  align?: 'left' | 'center' | 'right';
}

/**
 * Where a chart or map draws: the same drawing code writes SVG for the HTML report and vector
 * operators for the PDF, so the two documents cannot show different pictures. Coordinates run
 * from the top-left corner, y downwards, in points.
 */
export interface Canvas {
  rect(x: number, y: number, w: number, h: number, style: DrawStyle): void;
  line(x1: number, y1: number, x2: number, y2: number, style: DrawStyle): void;
  path(rings: Array<Array<[number, number]>>, style: DrawStyle & { close?: boolean }): void;
  text(x: number, y: number, text: string, style?: TextStyle): void;
  /** How wide a text will be, to lay labels out. */
  measure(text: string, style?: TextStyle): number;
}

const r2 = (n: number) => Math.round(n * 100) / 100;

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function svgPaint(style: DrawStyle): string {
  const a = [`fill="${style.fill ?? 'none'}"`];
  if (style.stroke) a.push(`stroke="${style.stroke}"`, `stroke-width="${r2(style.lineWidth ?? 1)}"`);
  if (style.dash?.length) a.push(`stroke-dasharray="${style.dash.join(' ')}"`);
  return a.join(' ');
}

/** Collects SVG elements; `toSvg` wraps them with a title and description for screen readers. */
export class SvgCanvas implements Canvas {
  private parts: string[] = [];
  constructor(
    readonly width: number,
    readonly height: number,
  ) {}

  rect(x: number, y: number, w: number, h: number, style: DrawStyle): void {
    this.parts.push(`<rect x="${r2(x)}" y="${r2(y)}" width="${r2(w)}" height="${r2(h)}" ${svgPaint(style)}/>`);
  }

  line(x1: number, y1: number, x2: number, y2: number, style: DrawStyle): void {
    this.parts.push(`<line x1="${r2(x1)}" y1="${r2(y1)}" x2="${r2(x2)}" y2="${r2(y2)}" ${svgPaint({ ...style, fill: undefined })}/>`);
  }

  path(rings: Array<Array<[number, number]>>, style: DrawStyle & { close?: boolean }): void {
    const d = rings
      .filter((ring) => ring.length >= 2)
      .map((ring) => ring.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${r2(x)} ${r2(y)}`).join('') + (style.close === false ? '' : 'Z'))
      .join('');
    if (d) this.parts.push(`<path d="${d}" fill-rule="evenodd" ${svgPaint(style)}/>`);
  }

  text(x: number, y: number, text: string, style: TextStyle = {}): void {
    const anchor = style.align === 'right' ? 'end' : style.align === 'center' ? 'middle' : 'start';
    this.parts.push(
      `<text x="${r2(x)}" y="${r2(y)}" font-size="${style.size ?? 9}"${style.bold ? ' font-weight="bold"' : ''} text-anchor="${anchor}" fill="${style.colour ?? '#222222'}">${escapeXml(text)}</text>`,
    );
  }

  measure(text: string, style: TextStyle = {}): number {
    return textWidth(text, style.size ?? 9, style.bold);
  }

  /** The picture as an accessible inline SVG: role img, a title and a description. */
  toSvg(id: string, title: string, description: string): string {
    return (
      `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${r2(this.width)} ${r2(this.height)}" width="${r2(this.width)}" height="${r2(this.height)}" role="img" aria-labelledby="${id}-t ${id}-d" font-family="Helvetica, Arial, sans-serif">` +
      `<title id="${id}-t">${escapeXml(title)}</title><desc id="${id}-d">${escapeXml(description)}</desc>${this.parts.join('')}</svg>`
    );
  }
}

function rgb(c: Colour | undefined): Rgb | undefined {
  if (!c) return undefined;
  const n = Number.parseInt(c.slice(1), 16);
  return [((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255];
}

/** Draws into a PDF page with the picture's top-left corner at (left, top) in page coordinates. */
export class PdfCanvas implements Canvas {
  constructor(
    private doc: PdfDocument,
    private left: number,
    private top: number,
  ) {}

  private X = (x: number) => this.left + x;
  private Y = (y: number) => this.top - y;

  rect(x: number, y: number, w: number, h: number, style: DrawStyle): void {
    this.doc.rect(this.X(x), this.Y(y + h), w, h, { fill: rgb(style.fill), stroke: rgb(style.stroke), lineWidth: style.lineWidth, dash: style.dash });
  }

  line(x1: number, y1: number, x2: number, y2: number, style: DrawStyle): void {
    this.doc.segment(this.X(x1), this.Y(y1), this.X(x2), this.Y(y2), { stroke: rgb(style.stroke ?? '#000000')!, lineWidth: style.lineWidth, dash: style.dash });
  }

  path(rings: Array<Array<[number, number]>>, style: DrawStyle & { close?: boolean }): void {
    this.doc.path(
      rings.map((ring) => ring.map(([x, y]) => [this.X(x), this.Y(y)] as [number, number])),
      { fill: rgb(style.fill), stroke: rgb(style.stroke), lineWidth: style.lineWidth, dash: style.dash, close: style.close },
    );
  }

  text(x: number, y: number, text: string, style: TextStyle = {}): void {
    this.doc.textAt(this.X(x), this.Y(y), text, { size: style.size, bold: style.bold, color: rgb(style.colour), align: style.align });
  }

  measure(text: string, style: TextStyle = {}): number {
    return textWidth(text, style.size ?? 9, style.bold);
  }
}
