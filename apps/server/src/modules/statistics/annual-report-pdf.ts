import { textWidth } from '../../pdf/helvetica-widths';
import { PAGE, PdfDocument, type Rgb } from '../../pdf/pdf-writer';
import { PdfCanvas } from './annual-report-canvas';
import { reportBlocks, sourcesLine, type AnnualReportData, type Block } from './annual-report-model';

const WIDTH = PAGE.width - 2 * PAGE.margin;
const BLUE: Rgb = [0.122, 0.373, 0.659];
const HEAD_FILL: Rgb = [0.933, 0.949, 0.969];
const RULE: Rgb = [0.85, 0.85, 0.85];
const SIZE = 8;
const ROW = 12;

function fit(text: string, width: number, bold = false): string {
  if (textWidth(text, SIZE, bold) <= width) return text;
  let t = text;
  while (t.length > 1 && textWidth(`${t}…`, SIZE, bold) > width) t = t.slice(0, -1);
  return `${t}…`;
}

/** A table that breaks across pages, repeating its header; numbers right-aligned. */
function table(doc: PdfDocument, b: Extract<Block, { kind: 'table' }>): void {
  doc.ensure(ROW * 4);
  doc.line(b.caption, { size: 9, bold: true, gap: 2 });
  if (!b.rows.length) {
    doc.line('None in this period.', { size: SIZE, gap: 8 });
    return;
  }
  const natural = b.head.map((h, i) => Math.max(textWidth(h, SIZE, true), ...b.rows.map((r) => textWidth(r[i] ?? '', SIZE, i === 0))) + 10);
  const rest = natural.slice(1).reduce((a, w) => a + w, 0);
  const widths = [...natural];
  if (rest + natural[0]! > WIDTH) widths[0] = Math.max(80, WIDTH - rest);
  const scale = Math.min(1, WIDTH / widths.reduce((a, w) => a + w, 0));
  const cols = widths.map((w) => w * scale);
  const xs = cols.map((_, i) => PAGE.margin + cols.slice(0, i).reduce((a, w) => a + w, 0));
  const total = cols.reduce((a, w) => a + w, 0);
  const drawRow = (cells: string[], header: boolean) => {
    const top = doc.y;
    if (header) doc.rect(PAGE.margin, top - ROW, total, ROW, { fill: HEAD_FILL });
    cells.forEach((v, i) => {
      const bold = header || i === 0;
      const text = fit(v, cols[i]! - 8, bold);
      if (b.numeric[i]) doc.textAt(xs[i]! + cols[i]! - 4, top - ROW + 3.5, text, { size: SIZE, bold: header, align: 'right' });
      else doc.textAt(xs[i]! + 4, top - ROW + 3.5, text, { size: SIZE, bold });
    });
    doc.segment(PAGE.margin, top - ROW, PAGE.margin + total, top - ROW, { stroke: RULE, lineWidth: 0.5 });
    doc.y = top - ROW;
  };
  drawRow(b.head, true);
  for (const r of b.rows) {
    if (doc.y - ROW < PAGE.margin) {
      doc.newPage();
      drawRow(b.head, true);
    }
    drawRow(r, false);
  }
  doc.y -= 14;
}

function figures(doc: PdfDocument, b: Extract<Block, { kind: 'figures' }>): void {
  const perRow = 3;
  const gap = 8;
  const w = (WIDTH - gap * (perRow - 1)) / perRow;
  const h = 58;
  for (let i = 0; i < b.items.length; i += perRow) {
    doc.ensure(h + gap);
    const top = doc.y;
    b.items.slice(i, i + perRow).forEach((f, j) => {
      const x = PAGE.margin + j * (w + gap);
      doc.rect(x, top - h, w, h, { stroke: [0.8, 0.8, 0.87], lineWidth: 0.75 });
      doc.textAt(x + 6, top - 12, f.label, { size: 8 });
      doc.textAt(x + 6, top - 32, f.value, { size: 17, bold: true, color: BLUE });
      // A long note gets a second line instead of running out of its box.
      const words = f.note.split(' ');
      let first = '';
      while (words.length && textWidth(`${first} ${words[0]}`.trim(), 7) <= w - 12) first = `${first} ${words.shift()}`.trim();
      doc.textAt(x + 6, top - 44, first, { size: 7 });
      if (words.length) doc.textAt(x + 6, top - 53, fit(words.join(' '), w - 12), { size: 7 });
    });
    doc.y = top - h - gap;
  }
  doc.y -= 6;
}

function cover(doc: PdfDocument, d: AnnualReportData): void {
  doc.rect(0, PAGE.height - 24, PAGE.width, 24, { fill: BLUE });
  doc.y = PAGE.height - 250;
  doc.line(d.centreName, { size: 16, gap: 10 });
  doc.line(`Annual Report ${d.year}`, { size: 34, bold: true, gap: 8 });
  doc.line(`Calls, incidents and response times, 1 January to 31 December ${d.year}`, { size: 13, gap: 30 });
  doc.rect(PAGE.margin, doc.y, WIDTH, 2, { fill: BLUE });
  doc.y -= 20;
  if (d.agency) doc.field('Agency', d.agency, 10);
  doc.field('Standards', d.profiles.map((p) => p.name).join('; '), 10);
  doc.field('Data', sourcesLine(d), 10);
  doc.field('Compared with', String(d.year - 1), 10);
  doc.field('Prepared', d.generatedAt.toISOString().slice(0, 10), 10);
  doc.newPage();
}

/** The annual report as a PDF with vector charts and map, built from the same blocks as the HTML. */
export function annualReportPdf(d: AnnualReportData): Buffer {
  const doc = new PdfDocument();
  cover(doc, d);
  let fresh = true;
  for (const b of reportBlocks(d)) {
    switch (b.kind) {
      case 'break':
        if (!fresh) doc.newPage();
        fresh = true;
        continue;
      case 'heading':
        doc.heading(b.text, 15);
        break;
      case 'subheading':
        doc.ensure(60);
        doc.line(b.text, { size: 11, bold: true, gap: 4 });
        break;
      case 'para':
        doc.paragraph(b.text, { size: 9.5 });
        doc.y -= 8;
        break;
      case 'figures':
        figures(doc, b);
        break;
      case 'table':
        table(doc, b);
        break;
      case 'chart':
        doc.ensure(b.height + 22);
        doc.line(b.title, { size: 9, bold: true, gap: 4 });
        b.draw(new PdfCanvas(doc, PAGE.margin, doc.y));
        doc.y -= b.height + 14;
        break;
      case 'list':
        for (const item of b.items) {
          doc.ensure(30);
          doc.line(item.term, { size: 9.5, bold: true });
          doc.paragraph(item.text, { size: 9 });
          doc.y -= 4;
        }
        break;
    }
    fresh = false;
  }
  return doc.toBuffer({ title: `${d.centreName}: Annual Report ${d.year}`, footer: `${d.centreName} · Annual Report ${d.year}` });
}
