/** What an import did: counts, and every rejected row with the reason, for the operator to fix. */
export interface ImportReport {
  kind: string;
  source: string;
  file: string;
  read: number;
  imported: number;
  removed: number;
  rejected: { row: string; reason: string }[];
  notes: string[];
  seconds: number;
}

export function newReport(kind: string, source: string, file: string): ImportReport {
  return { kind, source, file, read: 0, imported: 0, removed: 0, rejected: [], notes: [], seconds: 0 };
}

/** The summary printed after an import: totals, then rejected rows grouped by reason. */
export function formatReport(r: ImportReport, maxExamples = 5): string {
  const lines = [`${r.kind}: ${r.imported} imported, ${r.rejected.length} rejected, ${r.removed} removed (no longer in the file) of ${r.read} read from ${r.file} in ${r.seconds.toFixed(1)} s`];
  const byReason = new Map<string, string[]>();
  for (const x of r.rejected) byReason.set(x.reason, [...(byReason.get(x.reason) ?? []), x.row]);
  for (const [reason, rows] of [...byReason].sort((a, b) => b[1].length - a[1].length)) {
    lines.push(`  rejected ${rows.length}: ${reason} (e.g. ${rows.slice(0, maxExamples).join(', ')}${rows.length > maxExamples ? ', ...' : ''})`);
  }
  for (const n of r.notes) lines.push(`  note: ${n}`);
  return lines.join('\n');
}

/** A progress bar on a terminal, or a line every tenth of the way when output is a file. */
export function progressReporter(label: string, total: number, out: NodeJS.WriteStream = process.stderr): (done: number) => void {
  let lastDecile = -1;
  let lastDraw = 0;
  return (done: number) => {
    const frac = total > 0 ? Math.min(1, done / total) : 1;
    if (out.isTTY) {
      const now = Date.now();
      if (now - lastDraw < 100 && done < total) return;
      lastDraw = now;
      const width = 30;
      const filled = Math.round(frac * width);
      out.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.round(frac * 100)}% ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}${done >= total ? '\n' : ''}`);
    } else {
      const decile = Math.floor(frac * 10);
      if (decile !== lastDecile) {
        lastDecile = decile;
        out.write(`${label} ${decile * 10}% (${done}/${total})\n`);
      }
    }
  };
}
