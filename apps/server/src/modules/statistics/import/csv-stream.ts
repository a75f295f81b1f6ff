import { createReadStream, statSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { ImportInputError } from '../../jurisdiction/importers/read-input';

/** One CSV record with the line it starts on (the header is line 1), values trimmed. */
export interface CsvRecord {
  line: number;
  values: string[];
}

/**
 * RFC 4180 CSV read chunk by chunk (quoted fields, doubled quotes, newlines inside quotes, CRLF or
 * LF), so a large export is never held as one string. The same rules as the whole-file reader the
 * other importers use, kept incremental here.
 */
const SPECIAL = /[,\r\n"]/g;

export class CsvChunkParser {
  private row: string[] = [];
  private field = '';
  private quoted = false;
  /** Inside a quoted field a quote was just seen: either the closing quote or the first of a pair. */
  private quotePending = false;
  private pendingCR = false;
  private line = 1;
  private rowStart = 1;
  private fieldStarted = false;

  push(chunk: string, out: CsvRecord[]): void {
    for (let i = 0; i < chunk.length; i++) {
      const ch = chunk[i]!;
      if (this.pendingCR) {
        this.pendingCR = false;
        if (ch === '\n') continue;
      }
      if (this.quotePending) {
        this.quotePending = false;
        if (ch === '"') {
          this.field += '"';
          continue;
        }
        this.quoted = false;
      }
      if (this.quoted) {
        if (ch === '"') this.quotePending = true;
        else {
          // Copy the run up to the next quote at once rather than a character at a time.
          const q = chunk.indexOf('"', i);
          const end = q < 0 ? chunk.length : q;
          const run = chunk.slice(i, end);
          for (let k = run.indexOf('\n'); k >= 0; k = run.indexOf('\n', k + 1)) this.line++;
          this.field += run;
          i = end - 1;
        }
        continue;
      }
      if (ch === '"' && !this.fieldStarted) {
        this.quoted = true;
        this.fieldStarted = true;
      } else if (ch === ',') {
        this.row.push(this.field);
        this.field = '';
        this.fieldStarted = false;
      } else if (ch === '\n' || ch === '\r') {
        if (ch === '\r') this.pendingCR = true;
        this.endRow(out);
        this.line++;
        this.rowStart = this.line;
      } else {
        SPECIAL.lastIndex = i;
        const m = SPECIAL.exec(chunk);
        const end = m ? m.index : chunk.length;
        // A quote inside an unquoted field is kept as text, like the whole-file reader does.
        const stop = end === i ? i + 1 : end;
        this.field += chunk.slice(i, stop);
        this.fieldStarted = true;
        i = stop - 1;
      }
    }
  }

  end(out: CsvRecord[]): void {
    if (this.quotePending) this.quoted = false;
    if (this.field !== '' || this.row.length) this.endRow(out);
  }

  private endRow(out: CsvRecord[]): void {
    this.row.push(this.field);
    const r = this.row;
    this.row = [];
    this.field = '';
    this.fieldStarted = false;
    if (r.length === 1 && r[0] === '') return;
    out.push({ line: this.rowStart, values: r.map((v) => v.trim()) });
  }
}

/**
 * The records of a CSV file (gzip read as it streams), in batches as they are parsed; the first
 * record is the header. `onBytes` reports progress through the file in bytes.
 */
export async function* csvRecords(path: string, onBytes?: (bytesRead: number, totalBytes: number) => void): AsyncGenerator<CsvRecord[]> {
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new Error('not a file');
    size = st.size;
  } catch (e) {
    throw new ImportInputError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  let bytes = 0;
  raw.on('data', (b) => {
    bytes += (b as Buffer).length;
  });
  const text = path.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  text.setEncoding('utf8');
  const parser = new CsvChunkParser();
  let first = true;
  for await (const chunk of text as AsyncIterable<string>) {
    const out: CsvRecord[] = [];
    parser.push(first ? chunk.replace(/^\uFEFF/, '') : chunk, out);
    first = false;
    onBytes?.(bytes, size);
    if (out.length) yield out;
  }
  const out: CsvRecord[] = [];
  parser.end(out);
  onBytes?.(size, size);
  if (out.length) yield out;
}
