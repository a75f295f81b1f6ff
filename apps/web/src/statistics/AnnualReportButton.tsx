import { useState } from 'react';
import { downloadFile, type DashboardFilter } from './statistics-api';

/**
 * Downloads the annual report for a chosen year with the dashboard's data source and agency: the
 * same document `psap report annual` writes. It takes a few seconds over a large year, so the
 * button says so while it works.
 */
export function AnnualReportButton({ filter }: { filter: DashboardFilter }) {
  const lastYear = new Date().getFullYear() - 1;
  const [year, setYear] = useState(String(lastYear));
  const [format, setFormat] = useState<'pdf' | 'html'>('pdf');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  const years = Array.from({ length: 8 }, (_, i) => lastYear + 1 - i);
  const go = async () => {
    setBusy(true);
    setStatus({ text: `Preparing the ${year} annual report…`, error: false });
    const q = new URLSearchParams({ year, format });
    if (filter.dataset) q.set('dataset', filter.dataset);
    if (filter.agency) q.set('agency', filter.agency);
    try {
      const name = await downloadFile(`/api/v1/statistics/annual-report?${q.toString()}`, `annual-report-${year}.${format}`);
      setStatus({ text: `${name} downloaded.`, error: false });
    } catch (e) {
      setStatus({ text: (e as Error).message, error: true });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="panel stat-annual" aria-labelledby="stat-annual-h">
      <h2 id="stat-annual-h">Annual report</h2>
      <p className="muted small">Summary, volumes, NENA answer times, NFPA intervals, trends on the year before and a density map, ready to publish. Uses the data source{filter.agency ? ' and agency' : ''} chosen above.</p>
      <div className="stat-annual-row">
        <div className="stat-field">
          <label htmlFor="stat-annual-year">Year</label>
          <select id="stat-annual-year" value={year} onChange={(e) => setYear(e.target.value)}>
            {years.map((y) => <option key={y} value={y}>{y}</option>)}
          </select>
        </div>
        <div className="stat-field">
          <label htmlFor="stat-annual-format">Format</label>
          <select id="stat-annual-format" value={format} onChange={(e) => setFormat(e.target.value as 'pdf' | 'html')}>
            <option value="pdf">PDF</option>
            <option value="html">HTML</option>
          </select>
        </div>
        <button type="button" onClick={() => void go()} disabled={busy} aria-busy={busy}>{busy ? 'Preparing…' : 'Download annual report'}</button>
      </div>
      {status && <p role={status.error ? 'alert' : 'status'} className={`small ${status.error ? 'stat-error' : 'muted'}`}>{status.text}</p>}
    </section>
  );
}
