import { useEffect, useMemo, useState } from 'react';
import { incidentType, type IntervalSummary, type PercentileRow, type UnitUtilisationRow, type VolumeRow, type WorkloadRow } from '@openpsap/contract';
import { registerSupervisorTab } from '../supervisor/supervisor-tabs';
import { AnnualReportButton } from './AnnualReportButton';
import { BarChart, LineChart } from './charts';
import { DataTable, type Column } from './DataTable';
import { presetPeriod, type Preset } from './period-presets';
import { filterQuery, loadDashboard, volumePath, WORKLOAD_PURPOSE, type DashboardData, type DashboardFilter } from './statistics-api';
import { count, duration, INTERVAL_LABELS, MONTHS, share, WEEKDAYS } from './statistics-format';
import { StatisticsFilters } from './StatisticsFilters';
import './statistics.css';

const BASE = '/api/v1/statistics';

const volumeColumns = (keyHead: string, label: (r: VolumeRow) => string): Column<VolumeRow>[] => [
  { head: keyHead, cell: label },
  { head: 'Incidents', cell: (r) => count(r.incidents), numeric: true },
];

const percentileColumns = (keyHead: string): Column<PercentileRow>[] => [
  { head: keyHead, cell: (r) => r.key },
  { head: 'Incidents', cell: (r) => count(r.count), numeric: true },
  { head: 'Median', cell: (r) => duration(r.p50), numeric: true },
  { head: '90th', cell: (r) => duration(r.p90), numeric: true },
  { head: '95th', cell: (r) => duration(r.p95), numeric: true },
];

const intervalColumns: Column<IntervalSummary>[] = [
  { head: 'Interval', cell: (r) => `${INTERVAL_LABELS[r.interval] ?? r.interval}${r.discipline ? ` (${r.discipline === 'ems' ? 'EMS' : r.discipline})` : ''}` },
  { head: 'Records', cell: (r) => count(r.count), numeric: true },
  { head: 'Left out', cell: (r) => count(r.excluded), numeric: true },
  { head: 'Median', cell: (r) => duration(r.p50), numeric: true },
  { head: '90th', cell: (r) => duration(r.p90), numeric: true },
  { head: '95th', cell: (r) => duration(r.p95), numeric: true },
  { head: 'Standard', cell: (r) => r.thresholds.map((t) => `${duration(t.seconds)} for ${share(t.targetShare)}: ${share(t.withinShare)}${t.met === null ? '' : t.met ? ' met' : ' not met'}`).join('; ') || '–' },
];

const utilisationColumns: Column<UnitUtilisationRow>[] = [
  { head: 'Unit', cell: (r) => r.unit },
  { head: 'Type', cell: (r) => r.unitType ?? '–' },
  { head: 'Agency', cell: (r) => r.agency ?? '–' },
  { head: 'Responses', cell: (r) => count(r.responses), numeric: true },
  { head: 'Committed', cell: (r) => duration(r.committedSeconds), numeric: true },
  { head: 'Utilisation', cell: (r) => share(r.share), numeric: true },
];

const workloadColumns: Column<WorkloadRow>[] = [
  { head: 'Person', cell: (r) => r.person },
  { head: 'Role', cell: (r) => r.role },
  { head: 'Calls answered', cell: (r) => count(r.callsAnswered), numeric: true },
  { head: 'Incidents created', cell: (r) => count(r.incidentsCreated), numeric: true },
  { head: 'Dispatches', cell: (r) => count(r.dispatches), numeric: true },
];

const typeLabel = (r: VolumeRow) => r.label ?? (incidentType(r.key)?.name ? `${incidentType(r.key)!.name} (${r.key})` : r.key);

/** Fills the hours 0-23 / days 0-6 a period had no incident in, so the chart keeps its axis. */
function dense(rows: VolumeRow[], n: number): number[] {
  const out = Array<number>(n).fill(0);
  for (const r of rows) if (Number(r.key) >= 0 && Number(r.key) < n) out[Number(r.key)] = r.incidents;
  return out;
}

/** Statistics for supervisors: filters, volumes, NENA answer times, response percentiles, utilisation, workload. */
function StatisticsDashboard() {
  const [preset, setPreset] = useState<Preset>('year-to-date');
  const [filter, setFilter] = useState<DashboardFilter>(() => ({ ...presetPeriod('year-to-date'), agency: '', priority: '', zone: '', dataset: 'live' }));
  const [data, setData] = useState<DashboardData | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [zones, setZones] = useState<string[]>([]);
  const [priorities, setPriorities] = useState<string[]>(['1', '2', '3', '4', '5']);
  const [agenciesSeen, setAgenciesSeen] = useState<string[]>([]);

  useEffect(() => {
    let stale = false;
    setLoading(true);
    setError(null);
    loadDashboard(filter).then(
      (d) => {
        if (stale) return;
        setData(d);
        setLoading(false);
        setAgenciesSeen((a) => [...new Set([...a, ...d.volumes.agency.map((r) => r.key).filter((k) => k && k !== '(none)')])].sort());
        setZones((z) => [...new Set([...z, ...d.response.zone.map((r) => r.key).filter((k) => k && k !== '(none)')])].sort());
        setPriorities((p) => [...new Set([...p, ...d.volumes.priority.map((r) => r.key).filter((k) => k && k !== '(none)')])].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })));
      },
      (e: Error) => {
        if (stale) return;
        setError(e.message);
        setLoading(false);
      },
    );
    return () => {
      stale = true;
    };
  }, [filter]);

  const totals = useMemo(() => {
    if (!data) return null;
    const incidents = data.volumes.agency.reduce((a, r) => a + r.incidents, 0);
    const response = data.intervals.find((s) => s.interval === 'response' && s.discipline === null);
    return { incidents, response };
  }, [data]);

  // Every month of the period, empty ones as zero, so the line shows quiet months too.
  const months = useMemo(() => {
    const by = new Map((data?.volumes.month ?? []).map((r) => [r.key, r.incidents]));
    const keys: string[] = [];
    let y = Number(filter.from.slice(0, 4));
    let m = Number(filter.from.slice(5, 7));
    const endKey = filter.to.slice(0, 7);
    while (keys.length < 48) {
      const key = `${y}-${String(m).padStart(2, '0')}`;
      keys.push(key);
      if (key >= endKey) break;
      m = m === 12 ? 1 : m + 1;
      if (m === 1) y++;
    }
    return { labels: keys.map((k) => `${MONTHS[Number(k.slice(5, 7)) - 1]} ${k.slice(2, 4)}`), values: keys.map((k) => by.get(k) ?? 0) };
  }, [data, filter.from, filter.to]);

  const empty = data && totals && totals.incidents === 0 && data.answer.calls === 0;
  const q = filterQuery(filter);

  return (
    <div className="statistics">
      <StatisticsFilters value={filter} preset={preset} zones={zones} priorities={priorities} agenciesSeen={agenciesSeen} onChange={(f, p) => { setFilter(f); setPreset(p); }} />
      <div aria-live="polite" className="sr-only">{loading ? 'Loading statistics…' : error ? '' : empty ? 'No calls in this period.' : 'Statistics updated.'}</div>
      {error && <p role="alert" className="panel stat-error">Could not load statistics: {error}</p>}
      {loading && !data && <p className="panel muted" aria-busy="true">Loading statistics…</p>}
      {data && totals && (
        <div className={`stat-body${loading ? ' stat-stale' : ''}`} aria-busy={loading}>
          {empty ? (
            <p className="panel stat-empty">No calls in this period. Choose another period or data source.</p>
          ) : (
            <>
              <section className="panel" aria-labelledby="stat-sum-h">
                <h2 id="stat-sum-h">Summary, {filter.from} to {filter.to}</h2>
                <dl className="stat-figures">
                  <div><dt>Incidents</dt><dd>{count(totals.incidents)}</dd></div>
                  <div><dt>9-1-1 calls</dt><dd>{count(data.answer.calls)}</dd></div>
                  <div><dt>Answered within 15 s</dt><dd>{share(data.answer.calls ? data.answer.within['15'] : null)}</dd></div>
                  <div><dt>Answered within 20 s</dt><dd>{share(data.answer.calls ? data.answer.within['20'] : null)}</dd></div>
                  <div><dt>Abandoned calls</dt><dd>{count(data.answer.abandoned)}</dd></div>
                  <div><dt>Response, 90th percentile</dt><dd>{duration(totals.response?.p90)}</dd></div>
                </dl>
              </section>

              <section className="panel" aria-labelledby="stat-vol-h">
                <h2 id="stat-vol-h">Volumes</h2>
                <div className="stat-grid">
                  <figure>
                    <LineChart title="Incidents by month" labels={months.labels} labelEvery={Math.ceil(months.labels.length / 12)} series={[{ name: 'Incidents', tone: 'primary', values: months.values }]} />
                    <DataTable caption="Incidents by month" rows={data.volumes.month} columns={volumeColumns('Month', (r) => r.key)} csvPath={volumePath(filter, 'month')} csvName="volumes-by-month" />
                  </figure>
                  <figure>
                    <BarChart title="Incidents by hour of day" labels={Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'))} labelEvery={3} series={[{ name: 'Incidents', tone: 'primary', values: dense(data.volumes.hour, 24) }]} />
                    <DataTable caption="Incidents by hour of day" rows={data.volumes.hour} columns={volumeColumns('Hour', (r) => `${r.key.padStart(2, '0')}:00`)} csvPath={volumePath(filter, 'hour')} csvName="volumes-by-hour" />
                  </figure>
                  <figure>
                    <BarChart title="Incidents by day of week" labels={WEEKDAYS.map((d) => d.slice(0, 3))} series={[{ name: 'Incidents', tone: 'primary', values: dense(data.volumes.dow, 7) }]} />
                    <DataTable caption="Incidents by day of week" rows={data.volumes.dow} columns={volumeColumns('Day', (r) => WEEKDAYS[Number(r.key)] ?? r.key)} csvPath={volumePath(filter, 'dow')} csvName="volumes-by-dow" />
                  </figure>
                  <figure>
                    <BarChart title="Incidents by priority" labels={data.volumes.priority.map((r) => r.key)} series={[{ name: 'Incidents', tone: 'primary', values: data.volumes.priority.map((r) => r.incidents) }]} />
                    <DataTable caption="Incidents by priority" rows={data.volumes.priority} columns={volumeColumns('Priority', (r) => r.key)} csvPath={volumePath(filter, 'priority')} csvName="volumes-by-priority" />
                  </figure>
                  <figure>
                    <DataTable caption="Incidents by type" rows={data.volumes.type} columns={volumeColumns('Type', typeLabel)} csvPath={volumePath(filter, 'type')} csvName="volumes-by-type" />
                  </figure>
                  <figure>
                    <BarChart title="Incidents by agency" labels={data.volumes.agency.map((r) => r.key)} series={[{ name: 'Incidents', tone: 'primary', values: data.volumes.agency.map((r) => r.incidents) }]} />
                    <DataTable caption="Incidents by agency" rows={data.volumes.agency} columns={volumeColumns('Agency', (r) => r.key)} csvPath={volumePath(filter, 'agency')} csvName="volumes-by-agency" />
                  </figure>
                </div>
              </section>

              <section className="panel" aria-labelledby="stat-ans-h">
                <h2 id="stat-ans-h">Answer times against NENA</h2>
                <div className="stat-grid">
                  <figure>
                    <BarChart
                      title="Share of 9-1-1 calls answered within 10 to 60 seconds"
                      labels={['10 s', '15 s', '20 s', '40 s', '60 s']}
                      max={1}
                      format={(v) => `${Math.round(v * 100)}%`}
                      reference={{ value: 0.9, label: 'NENA: 90% within 15 s' }}
                      series={[{ name: 'Answered', tone: 'primary', values: (['10', '15', '20', '40', '60'] as const).map((s) => data.answer.within[s]) }]}
                    />
                  </figure>
                  <figure>
                    <DataTable
                      caption="Compliance with the answer-time standard"
                      rows={data.answer.thresholds}
                      columns={[
                        { head: 'Measure', cell: (t) => t.label },
                        { head: 'Standard', cell: (t) => t.profile },
                        { head: 'Target', cell: (t) => share(t.targetShare), numeric: true },
                        { head: 'Achieved', cell: (t) => share(t.withinShare), numeric: true },
                        { head: 'Result', cell: (t) => (t.met === null ? 'no calls' : t.met ? 'met' : 'not met') },
                      ]}
                      csvPath={`${BASE}/answer-times?${q}`}
                      csvName="answer-times"
                    />
                    <p className="small">
                      {count(data.answer.answered)} answered · {count(data.answer.abandoned)} abandoned · median {duration(data.answer.p50)} · 90th {duration(data.answer.p90)} · 95th {duration(data.answer.p95)}
                    </p>
                  </figure>
                </div>
              </section>

              <section className="panel" aria-labelledby="stat-resp-h">
                <h2 id="stat-resp-h">Response times (received to first unit on scene)</h2>
                <div className="stat-grid">
                  <figure>
                    <BarChart title="90th percentile response by agency" seconds labels={data.response.agency.map((r) => r.key)} format={(v) => duration(v)} series={[{ name: '90th percentile', tone: 'primary', values: data.response.agency.map((r) => r.p90 ?? 0) }]} />
                    <DataTable caption="Response by agency" rows={data.response.agency} columns={percentileColumns('Agency')} csvPath={`${BASE}/percentiles?${filterQuery(filter, { interval: 'response', by: 'agency' })}`} csvName="response-by-agency" />
                  </figure>
                  <figure>
                    <DataTable caption="Response by priority" rows={data.response.priority} columns={percentileColumns('Priority')} csvPath={`${BASE}/percentiles?${filterQuery(filter, { interval: 'response', by: 'priority' })}`} csvName="response-by-priority" />
                    <DataTable caption="Response by zone" rows={data.response.zone} columns={percentileColumns('Zone')} csvPath={`${BASE}/percentiles?${filterQuery(filter, { interval: 'response', by: 'zone' })}`} csvName="response-by-zone" />
                  </figure>
                </div>
                <DataTable caption="Every interval against the standards" rows={data.intervals} columns={intervalColumns} csvPath={`${BASE}/intervals?${q}`} csvName="intervals" />
              </section>

              <section className="panel" aria-labelledby="stat-util-h">
                <h2 id="stat-util-h">Units and staff</h2>
                <div className="stat-grid">
                  <figure>
                    <DataTable caption="Unit utilisation" rows={data.utilisation} columns={utilisationColumns} csvPath={`${BASE}/utilisation?${q}`} csvName="unit-utilisation" />
                  </figure>
                  <figure>
                    <DataTable caption="Call-taker and dispatcher workload" rows={data.workload} columns={workloadColumns} csvPath={`${BASE}/workload?${q}`} csvName="workload" purpose={WORKLOAD_PURPOSE} />
                  </figure>
                </div>
              </section>
            </>
          )}
        </div>
      )}
      <AnnualReportButton filter={filter} />
    </div>
  );
}

registerSupervisorTab({ id: 'statistics', label: 'Statistics', order: 20, component: StatisticsDashboard });
