import { useState } from 'react';
import { downloadFile } from './statistics-api';

export interface Column<T> {
  head: string;
  cell: (row: T) => string;
  numeric?: boolean;
}

/**
 * A table with its caption and a button that downloads the same rows as CSV from the server (the
 * server's CSV, so a spreadsheet gets exact values, not the rounded ones shown here).
 */
export function DataTable<T>({ caption, rows, columns, csvPath, csvName, purpose, empty = 'None in this period.' }: {
  caption: string;
  rows: T[];
  columns: Column<T>[];
  csvPath: string;
  csvName: string;
  purpose?: string;
  empty?: string;
}) {
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  const download = async () => {
    setStatus({ text: 'Preparing CSV…', error: false });
    try {
      const name = await downloadFile(`${csvPath}${csvPath.includes('?') ? '&' : '?'}format=csv`, `${csvName}.csv`, { purpose });
      setStatus({ text: `${name} downloaded.`, error: false });
    } catch (e) {
      setStatus({ text: (e as Error).message, error: true });
    }
  };
  return (
    <div className="stat-table">
      <div className="stat-table-head">
        <span className="stat-caption" id={`cap-${csvName}`}>{caption}</span>
        <button type="button" className="secondary small-btn" onClick={() => void download()} aria-label={`Download ${caption} as CSV`}>CSV</button>
        {status && <span role={status.error ? 'alert' : 'status'} className={`small ${status.error ? 'stat-error' : 'muted'}`}>{status.text}</span>}
      </div>
      {rows.length === 0 ? (
        <p className="muted small">{empty}</p>
      ) : (
        <div className="stat-scroll" tabIndex={0} role="region" aria-labelledby={`cap-${csvName}`}>
          <table>
            <caption className="sr-only">{caption}</caption>
            <thead>
              <tr>{columns.map((c) => <th key={c.head} scope="col" className={c.numeric ? 'num' : undefined}>{c.head}</th>)}</tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={i}>{columns.map((c, j) => (j === 0 ? <th key={c.head} scope="row">{c.cell(r)}</th> : <td key={c.head} className={c.numeric ? 'num' : undefined}>{c.cell(r)}</td>))}</tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
