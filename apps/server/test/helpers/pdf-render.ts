import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const pdfjsDir = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

/**
 * Draws a PDF's first pages to PNG files with pdf.js (its Node canvas), so a person can look at
 * what a reader shows: layout, charts, maps. Returns the files written.
 */
export async function renderPdfPages(pdf: Uint8Array, outDir: string, name: string, pages = 3, scale = 1.5): Promise<string[]> {
  mkdirSync(outDir, { recursive: true });
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, verbosity: 0, standardFontDataUrl: `${join(pdfjsDir, 'standard_fonts')}/` }).promise;
  const files: string[] = [];
  for (let i = 1; i <= Math.min(pages, doc.numPages); i++) {
    const page = await doc.getPage(i);
    const viewport = page.getViewport({ scale });
    // pdf.js's Node build brings its own canvas (@napi-rs/canvas); its factory is not in the public types.
    const factory = doc.canvasFactory as { create(w: number, h: number): { canvas: { toBuffer(type: string): Buffer }; context: unknown } };
    const { canvas, context } = factory.create(viewport.width, viewport.height);
    await page.render({ canvas: canvas as never, canvasContext: context as never, viewport }).promise;
    const file = join(outDir, `${name}-page${i}.png`);
    writeFileSync(file, canvas.toBuffer('image/png'));
    files.push(file);
  }
  return files;
}
