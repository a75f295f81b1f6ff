import { writeFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { withDatabase } from '../../cli/cli-context';
import { UsageError } from '../../cli/command';
import { AppError } from '../../errors/app-error';
import { annualReport, type AnnualReportFormat } from './annual-report';
import { statsContext } from './statistics-context';

function formatOf(out: string): AnnualReportFormat {
  const ext = extname(out).toLowerCase();
  if (ext === '.pdf') return 'pdf';
  if (ext === '.html' || ext === '.htm') return 'html';
  throw new UsageError(`--out ${out}: the file name must end in .pdf or .html (the format follows it)`);
}

/**
 * `psap report annual --year YYYY --out report.pdf|report.html [--dataset D] [--agency A]
 * [--standards IDS]`: writes the annual report; the format follows the file's extension.
 */
export async function annualReportCommandRun(args: { values: Record<string, string | boolean | undefined>; positionals: string[] }): Promise<number> {
  const { values } = args;
  const yearText = typeof values.year === 'string' ? values.year : '';
  if (!/^\d{4}$/.test(yearText)) throw new UsageError('--year: give the calendar year as four digits, e.g. --year 2025');
  if (typeof values.out !== 'string' || !values.out) throw new UsageError('--out: give the file to write, e.g. --out report.pdf or --out report.html');
  const out = values.out;
  const format = formatOf(out);
  const str = (k: string) => (typeof values[k] === 'string' && (values[k] as string).trim() ? (values[k] as string).trim() : undefined);
  return withDatabase(async (db, config) => {
    try {
      const started = Date.now();
      const file = await annualReport(
        statsContext(db.pool, config.timeZone),
        { year: Number(yearText), dataset: str('dataset'), agency: str('agency'), standards: str('standards'), centreName: config.alerts.centreName, now: new Date() },
        format,
      );
      writeFileSync(out, file);
      process.stderr.write(`psap: wrote the ${yearText} annual report to ${resolve(out)} (${format.toUpperCase()}, ${Math.round(file.length / 1024)} KiB, ${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
      return 0;
    } catch (e) {
      if (e instanceof AppError && e.status < 500) {
        throw new UsageError(e.fields ? Object.entries(e.fields).map(([f, m]) => `--${f}: ${m}`).join('; ') : e.message);
      }
      throw e;
    }
  });
}
