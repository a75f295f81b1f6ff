import type { AnswerTimes, IntervalName, IntervalSummary, PercentileRow, UnitUtilisationRow, VolumeDimension, VolumeRow, WorkloadRow } from '@openpsap/contract';
import { api, ApiError } from '../api/client';

/** What the dashboard's filter bar chooses; empty strings mean "every". */
export interface DashboardFilter {
  from: string;
  to: string;
  agency: string;
  priority: string;
  zone: string;
  dataset: string;
}

export interface DatasetChoice {
  code: string;
  name: string;
  imported: boolean;
  rows: number | null;
}

/** Why the dashboard reads per-person workload (the server audits it). */
export const WORKLOAD_PURPOSE = 'statistics dashboard: call-taker and dispatcher workload';

export function filterQuery(f: DashboardFilter, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams({ from: f.from, to: f.to });
  if (f.agency) q.set('agency', f.agency);
  if (f.priority) q.set('priority', f.priority);
  if (f.zone) q.set('zone', f.zone);
  if (f.dataset) q.set('dataset', f.dataset);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return q.toString();
}

export interface DashboardData {
  answer: AnswerTimes;
  intervals: IntervalSummary[];
  volumes: Record<'type' | 'agency' | 'priority' | 'hour' | 'dow' | 'month', VolumeRow[]>;
  response: Record<'agency' | 'zone' | 'priority', PercentileRow[]>;
  utilisation: UnitUtilisationRow[];
  workload: WorkloadRow[];
}

const VOLUME_BY = ['type', 'agency', 'priority', 'hour', 'dow', 'month'] as const;
const RESPONSE_BY = ['agency', 'zone', 'priority'] as const;

/** Every table of the dashboard for one filter, read in parallel. */
export async function loadDashboard(f: DashboardFilter): Promise<DashboardData> {
  const base = '/api/v1/statistics';
  const [answer, intervals, utilisation, workload, ...rest] = await Promise.all([
    api<AnswerTimes>('GET', `${base}/answer-times?${filterQuery(f)}`),
    api<IntervalSummary[]>('GET', `${base}/intervals?${filterQuery(f)}`),
    api<UnitUtilisationRow[]>('GET', `${base}/utilisation?${filterQuery(f)}`),
    api<WorkloadRow[]>('GET', `${base}/workload?${filterQuery(f)}`, undefined, { purpose: WORKLOAD_PURPOSE }),
    ...VOLUME_BY.map((by) => api<VolumeRow[]>('GET', `${base}/volumes?${filterQuery(f, { by })}`)),
    ...RESPONSE_BY.map((by) => api<PercentileRow[]>('GET', `${base}/percentiles?${filterQuery(f, { by, interval: 'response' satisfies IntervalName })}`)),
  ]);
  const volumes = Object.fromEntries(VOLUME_BY.map((by, i) => [by, rest[i] as VolumeRow[]])) as DashboardData['volumes'];
  const response = Object.fromEntries(RESPONSE_BY.map((by, i) => [by, rest[VOLUME_BY.length + i] as PercentileRow[]])) as DashboardData['response'];
  return { answer, intervals, volumes, response, utilisation, workload };
}

export function volumePath(f: DashboardFilter, by: VolumeDimension): string {
  return `/api/v1/statistics/volumes?${filterQuery(f, { by })}`;
}

/**
 * Fetches a file and hands it to the browser as a download; a refusal comes back as the server's
 * message instead of a saved error page. Returns the file name.
 */
export async function downloadFile(path: string, fallbackName: string, opts: { purpose?: string } = {}): Promise<string> {
  let res: Response;
  try {
    res = await fetch(path, { credentials: 'same-origin', headers: opts.purpose ? { 'x-psap-purpose': encodeURIComponent(opts.purpose) } : {} });
  } catch {
    throw new ApiError(0, 'unavailable', 'Cannot reach the server. Check the network connection.');
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { code: string; message: string; fields?: Record<string, string> } } | null;
    throw new ApiError(res.status, body?.error?.code ?? 'internal', body?.error?.message ?? `download failed (${res.status})`, body?.error?.fields ?? {});
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}

export async function loadDatasets(): Promise<DatasetChoice[]> {
  return api<DatasetChoice[]>('GET', '/api/v1/statistics/datasets');
}
