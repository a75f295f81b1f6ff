import type { ImportReport } from '../../jurisdiction/importers/import-report';

/** Counts of one kind of problem, with the lines it was seen on (the first few). */
export interface ProblemGroup {
  reason: string;
  count: number;
  /** "line 17: Dispatch DtTm: '13/45/2016' is not a date (...)" */
  examples: string[];
}

/** What `psap import calls` did (or, with --dry-run, would do). */
export interface CallsImportReport extends ImportReport {
  dataset: string;
  profile: string;
  dryRun: boolean;
  incidents: number;
  unitResponses: number;
  calls: number;
  rejectedByReason: ProblemGroup[];
  /** Values left out of kept rows (a unit time before its dispatch, ...), by reason. */
  excludedByReason: ProblemGroup[];
}

const EXAMPLES = 5;

/** Groups problems by their reason with the quoted value taken out, so one bad column is one line. */
export class ProblemTally {
  private groups = new Map<string, ProblemGroup>();
  add(line: number, reason: string): void {
    const key = reason.replace(/'[^']*'/g, "'…'").replace(/\bline \d+/g, 'an earlier line');
    let g = this.groups.get(key);
    if (!g) {
      g = { reason: key, count: 0, examples: [] };
      this.groups.set(key, g);
    }
    g.count++;
    if (g.examples.length < EXAMPLES) g.examples.push(`line ${line}: ${reason}`);
  }
  total(): number {
    let n = 0;
    for (const g of this.groups.values()) n += g.count;
    return n;
  }
  list(): ProblemGroup[] {
    return [...this.groups.values()].sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
  }
}

/** The report as printed: totals, rejected rows by reason, then left-out values by reason. */
export function formatCallsReport(r: CallsImportReport): string {
  const lines = [
    `${r.dryRun ? 'calls (dry run, nothing written)' : 'calls'}: ${r.read} rows read from ${r.file} with profile ${r.profile} into dataset "${r.dataset}": ${r.imported} ${r.dryRun ? 'would be imported' : 'imported'}, ${r.rejected.length} rejected, in ${r.seconds.toFixed(1)} s`,
    `  ${r.incidents} incidents, ${r.unitResponses} unit responses, ${r.calls} calls`,
  ];
  for (const g of r.rejectedByReason) {
    lines.push(`  rejected ${g.count}: ${g.reason}`);
    for (const e of g.examples) lines.push(`      ${e}`);
  }
  for (const g of r.excludedByReason) lines.push(`  left out ${g.count} (row kept): ${g.reason} (e.g. ${g.examples.map((e) => e.split(':')[0]).join(', ')})`);
  for (const n of r.notes) lines.push(`  note: ${n}`);
  return lines.join('\n');
}
