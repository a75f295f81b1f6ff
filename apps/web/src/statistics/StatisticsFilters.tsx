import { useEffect, useState } from 'react';
import type { Agency } from '@openpsap/contract';
import { api } from '../api/client';
import { PRESET_LABELS, PRESETS, presetPeriod, recentYears, type Preset } from './period-presets';
import { loadDatasets, type DashboardFilter, type DatasetChoice } from './statistics-api';

/**
 * The dashboard's filters. Dates change with a preset (today, last 7 days, last month, year to
 * date, a year) or by hand; every change applies at once, so the keyboard alone is enough.
 */
export function StatisticsFilters({ value, preset, zones, priorities, agenciesSeen, onChange }: {
  value: DashboardFilter;
  preset: Preset;
  /** Zones and priorities seen in any result so far (imported data has its own codes). */
  zones: string[];
  priorities: string[];
  /** Agency codes seen in results: imported history names agencies the centre may not have. */
  agenciesSeen: string[];
  onChange: (next: DashboardFilter, preset: Preset) => void;
}) {
  const [agencies, setAgencies] = useState<Agency[]>([]);
  const [datasets, setDatasets] = useState<DatasetChoice[]>([{ code: 'live', name: "This centre's own records", imported: false, rows: null }]);
  useEffect(() => {
    api<Agency[]>('GET', '/api/v1/agencies').then(setAgencies, () => undefined);
    loadDatasets().then(setDatasets, () => undefined);
  }, []);
  const set = (patch: Partial<DashboardFilter>, p: Preset = preset) => onChange({ ...value, ...patch }, p);
  const choosePreset = (p: Preset) => (p === 'custom' ? onChange(value, 'custom') : onChange({ ...value, ...presetPeriod(p) }, p));
  return (
    <form className="stat-filters" aria-label="Statistics filters" onSubmit={(e) => e.preventDefault()}>
      <div className="stat-field">
        <label htmlFor="stat-f-period">Period</label>
        <select id="stat-f-period" value={preset} onChange={(e) => choosePreset(e.target.value as Preset)}>
          {PRESETS.map((p) => <option key={p} value={p}>{PRESET_LABELS[p]}</option>)}
          {recentYears().map((y) => <option key={y} value={`year-${y}`}>Year {y}</option>)}
          <option value="custom">Custom dates</option>
        </select>
      </div>
      <div className="stat-field">
        <label htmlFor="stat-f-from">From</label>
        <input id="stat-f-from" type="date" value={value.from} max={value.to} required onChange={(e) => e.target.value && set({ from: e.target.value }, 'custom')} />
      </div>
      <div className="stat-field">
        <label htmlFor="stat-f-to">To</label>
        <input id="stat-f-to" type="date" value={value.to} min={value.from} required onChange={(e) => e.target.value && set({ to: e.target.value }, 'custom')} />
      </div>
      <div className="stat-field">
        <label htmlFor="stat-f-agency">Agency</label>
        <select id="stat-f-agency" value={value.agency} onChange={(e) => set({ agency: e.target.value })}>
          <option value="">Every agency</option>
          {agencies.map((a) => <option key={a.code} value={a.code}>{a.code} · {a.name}</option>)}
          {agenciesSeen.filter((c) => !agencies.some((a) => a.code.toUpperCase() === c.toUpperCase())).map((c) => <option key={c} value={c}>{c}</option>)}
        </select>
      </div>
      <div className="stat-field">
        <label htmlFor="stat-f-priority">Priority</label>
        <select id="stat-f-priority" value={value.priority} onChange={(e) => set({ priority: e.target.value })}>
          <option value="">Every priority</option>
          {priorities.map((p) => <option key={p} value={p}>{p}</option>)}
        </select>
      </div>
      <div className="stat-field">
        <label htmlFor="stat-f-zone">Zone</label>
        <select id="stat-f-zone" value={value.zone} onChange={(e) => set({ zone: e.target.value })}>
          <option value="">Every zone</option>
          {zones.map((z) => <option key={z} value={z}>{z}</option>)}
        </select>
      </div>
      <div className="stat-field">
        <label htmlFor="stat-f-data">Data</label>
        <select id="stat-f-data" value={value.dataset} onChange={(e) => set({ dataset: e.target.value })}>
          {datasets.map((d) => <option key={d.code} value={d.code}>{d.code === 'live' ? 'Live records' : d.code === 'all' ? 'All (live and imported)' : `Imported: ${d.name}`}</option>)}
        </select>
      </div>
    </form>
  );
}
