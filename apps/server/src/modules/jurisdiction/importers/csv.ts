/**
 * Reads RFC 4180 CSV (quoted fields, doubled quotes, newlines inside quotes, CRLF or LF) into
 * records keyed by the header row. Rows are numbered from 2 (the header is line 1) in messages.
 */
export function parseCsv(text: string): { header: string[]; rows: { line: number; values: Record<string, string> }[] } {
  const records: string[][] = [];
  const lines: number[] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowStart = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      records.push(row);
      lines.push(rowStart);
      row = [];
      field = '';
      line++;
      rowStart = line;
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    records.push(row);
    lines.push(rowStart);
  }
  const nonEmpty = records.map((r, i) => ({ r, line: lines[i]! })).filter(({ r }) => !(r.length === 1 && r[0] === ''));
  const [head, ...body] = nonEmpty;
  const header = (head?.r ?? []).map((h) => h.trim());
  return {
    header,
    rows: body.map(({ r, line: l }) => ({ line: l, values: Object.fromEntries(header.map((h, i) => [h, (r[i] ?? '').trim()])) })),
  };
}
