import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** Opens a PDF with an independent reader (pdf.js), so tests check what a reader really sees. */
export function openPdf(pdf: Uint8Array) {
  // verbosity 0: pdf.js would warn that it draws no glyphs without font files; text extraction needs none.
  return getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, verbosity: 0 }).promise;
}

/** The text of each page, as a reader extracts it. */
export async function pdfPagesText(pdf: Uint8Array): Promise<string[]> {
  const doc = await openPdf(pdf);
  const out: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    out.push(content.items.map((it) => ('str' in it ? it.str : '')).join(' '));
  }
  return out;
}
