import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { openPdf, pdfPagesText as pagesText } from '../../test/helpers/pdf-text';
import { PdfDocument } from './pdf-writer';
import { jpegInfo } from './jpeg-info';

const portrait = readFileSync(join(import.meta.dirname, '../../test/fixtures/portrait.jpg'));

describe('pdf writer', () => {
  it('writes text a PDF reader reads back, accents included', async () => {
    const d = new PdfDocument();
    d.heading('Notificación de necesidades especiales');
    d.field('Nombre', 'José Peña');
    d.paragraph('Habla despacio; usa señas. “Quotes” – and a dash.');
    const text = (await pagesText(d.toBuffer({ title: 'Copia' })))[0]!;
    expect(text).toContain('Notificación de necesidades especiales');
    expect(text).toContain('José Peña');
    expect(text).toContain('señas');
    expect(text).toContain('“Quotes” – and a dash.');
    expect(text).toContain('Page 1 of 1');
  });

  it('wraps long paragraphs and breaks pages', async () => {
    const d = new PdfDocument();
    const words = Array.from({ length: 1500 }, (_, i) => `word${i}`).join(' ');
    d.paragraph(words);
    const pages = await pagesText(d.toBuffer({ title: 'Long' }));
    expect(pages.length).toBeGreaterThan(1);
    const all = pages.join(' ');
    // Nothing is lost across lines and pages.
    for (const i of [0, 1, 499, 1499]) expect(all).toContain(`word${i}`);
    expect(pages.at(-1)).toContain(`Page ${pages.length} of ${pages.length}`);
  });

  it('embeds a JPEG and refuses what is not one', async () => {
    expect(jpegInfo(portrait)).toEqual({ width: 240, height: 320, components: 3 });
    expect(jpegInfo(Buffer.from('not a picture'))).toBeNull();
    expect(jpegInfo(Buffer.from([0xff, 0xd8, 0xff, 0xda, 0, 4, 0, 0]))).toBeNull();
    const d = new PdfDocument();
    expect(d.jpeg(portrait, { maxWidth: 120, maxHeight: 160 })).toBe(true);
    expect(d.jpeg(Buffer.from('nope'), { maxWidth: 120, maxHeight: 160 })).toBe(false);
    const pdf = d.toBuffer({ title: 'Photo' });
    const doc = await openPdf(pdf);
    const ops = await (await doc.getPage(1)).getOperatorList();
    expect(ops.fnArray).toContain(OPS.paintImageXObject);
  });

  it('draws rectangles, lines, paths with holes and placed text a reader sees', async () => {
    const d = new PdfDocument();
    d.rect(60, 600, 100, 40, { fill: [0.2, 0.4, 0.8], stroke: [0, 0, 0], lineWidth: 0.5 });
    d.segment(60, 590, 300, 590, { stroke: [0.5, 0.5, 0.5], dash: [2, 2] });
    d.path([[[60, 400], [200, 400], [200, 540], [60, 540]], [[100, 440], [160, 440], [160, 500], [100, 500]]], { fill: [0.9, 0.6, 0.1] });
    d.path([[[60, 300], [120, 350], [180, 320]]], { stroke: [0, 0, 1], close: false });
    d.textAt(300, 620, 'Calls by month', { size: 12, bold: true, align: 'center', color: [0.1, 0.1, 0.1] });
    d.textAt(550, 600, '1,234', { align: 'right' });
    const pdf = d.toBuffer({ title: 'Drawing' });
    const text = (await pagesText(pdf))[0]!;
    expect(text).toContain('Calls by month');
    expect(text).toContain('1,234');
    const ops = await (await (await openPdf(pdf)).getPage(1)).getOperatorList();
    expect(ops.fnArray).toContain(OPS.constructPath);
    // Each shape and placed text is wrapped in its own saved graphics state.
    expect(ops.fnArray.filter((f) => f === OPS.save).length).toBeGreaterThanOrEqual(6);
  });
});
