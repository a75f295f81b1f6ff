import { escapeXml as esc, SvgCanvas } from './annual-report-canvas';
import { reportBlocks, sourcesLine, type AnnualReportData, type Block } from './annual-report-model';

const STYLE = `
  :root { color-scheme: light; }
  body { font: 11pt/1.45 Helvetica, Arial, sans-serif; color: #222; margin: 0; background: #fff; }
  main { max-width: 760px; margin: 0 auto; padding: 24px; }
  .cover { min-height: 88vh; display: flex; flex-direction: column; justify-content: center; border-bottom: 4px solid #1f5fa8; margin-bottom: 32px; }
  .cover .centre { font-size: 14pt; color: #1f5fa8; margin: 0; }
  .cover h1 { font-size: 30pt; margin: 8px 0; }
  .cover .sub { font-size: 13pt; margin: 0 0 24px; }
  .cover dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; font-size: 10pt; }
  .cover dt { font-weight: bold; }
  nav ol { columns: 2; font-size: 10pt; }
  h2 { border-bottom: 1px solid #999; padding-bottom: 2px; margin-top: 36px; }
  h3 { margin-bottom: 4px; }
  .figures { display: grid; grid-template-columns: repeat(3, 1fr); gap: 10px; margin: 0; }
  .figures div { border: 1px solid #ccd; border-radius: 4px; padding: 8px; }
  .figures dt { font-size: 9pt; color: #444; }
  .figures dd { margin: 0; font-size: 18pt; font-weight: bold; color: #1f5fa8; }
  .figures .note { display: block; font-size: 8.5pt; font-weight: normal; color: #444; }
  table { border-collapse: collapse; width: 100%; margin: 8px 0 18px; font-size: 9.5pt; }
  caption { text-align: left; font-weight: bold; padding: 4px 0; }
  th, td { border-bottom: 1px solid #ddd; padding: 3px 6px; text-align: left; vertical-align: top; }
  thead th { background: #eef2f7; }
  tbody th { font-weight: normal; }
  td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
  figure { margin: 12px 0 4px; }
  figure svg { width: 100%; height: auto; display: block; }
  figcaption { font-size: 9.5pt; font-weight: bold; }
  dl.defs dt { font-weight: bold; margin-top: 8px; }
  dl.defs dd { margin-left: 0; }
  footer { margin-top: 40px; font-size: 9pt; color: #555; }
  @media print { .cover { min-height: 0; height: 9in; } .break { break-before: page; } nav { display: none; } }
`;

function table(b: Extract<Block, { kind: 'table' }>): string {
  const cls = (i: number) => (b.numeric[i] ? ' class="n"' : '');
  if (!b.rows.length) return `<p><strong>${esc(b.caption)}:</strong> none in this period.</p>`;
  return (
    `<table><caption>${esc(b.caption)}</caption><thead><tr>${b.head.map((h, i) => `<th scope="col"${cls(i)}>${esc(h)}</th>`).join('')}</tr></thead><tbody>` +
    b.rows.map((r) => `<tr>${r.map((v, i) => (i === 0 ? `<th scope="row">${esc(v)}</th>` : `<td${cls(i)}>${esc(v)}</td>`)).join('')}</tr>`).join('') +
    '</tbody></table>'
  );
}

function block(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return `<h2 id="${b.id}">${esc(b.text)}</h2>`;
    case 'subheading':
      return `<h3>${esc(b.text)}</h3>`;
    case 'para':
      return `<p>${esc(b.text)}</p>`;
    case 'figures':
      return `<dl class="figures">${b.items.map((f) => `<div><dt>${esc(f.label)}</dt><dd>${esc(f.value)}<span class="note">${esc(f.note)}</span></dd></div>`).join('')}</dl>`;
    case 'table':
      return table(b);
    case 'chart': {
      const c = new SvgCanvas(b.width, b.height);
      b.draw(c);
      return `<figure>${c.toSvg(b.id, b.title, b.description)}<figcaption>${esc(b.title)}</figcaption></figure>`;
    }
    case 'list':
      return `<dl class="defs">${b.items.map((i) => `<dt>${esc(i.term)}</dt><dd>${esc(i.text)}</dd>`).join('')}</dl>`;
    case 'break':
      return '<div class="break"></div>';
  }
}

/** The annual report as one self-contained HTML page: inline SVG charts, print styles, no scripts. */
export function annualReportHtml(d: AnnualReportData): string {
  const blocks = reportBlocks(d);
  const title = `Annual Report ${d.year}`;
  const toc = blocks.filter((b): b is Extract<Block, { kind: 'heading' }> => b.kind === 'heading').map((h) => `<li><a href="#${h.id}">${esc(h.text)}</a></li>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(`${d.centreName}: ${title}`)}</title><style>${STYLE}</style></head>
<body><main>
<header class="cover">
<p class="centre">${esc(d.centreName)}</p>
<h1>${esc(title)}</h1>
<p class="sub">Calls, incidents and response times, 1 January to 31 December ${d.year}</p>
<dl>
${d.agency ? `<dt>Agency</dt><dd>${esc(d.agency)}</dd>
` : ''}<dt>Standards</dt><dd>${esc(d.profiles.map((p) => p.name).join('; '))}</dd>
<dt>Data</dt><dd>${esc(sourcesLine(d))}</dd>
<dt>Compared with</dt><dd>${d.year - 1}</dd>
<dt>Prepared</dt><dd>${esc(d.generatedAt.toISOString().slice(0, 10))}</dd>
</dl>
</header>
<nav aria-label="Contents"><h2>Contents</h2><ol>${toc}</ol></nav>
${blocks.map(block).join('\n')}
<footer>${esc(d.centreName)} · ${esc(title)} · prepared ${esc(d.generatedAt.toISOString().slice(0, 16).replace('T', ' '))} UTC by OpenPSAP</footer>
</main></body></html>
`;
}
