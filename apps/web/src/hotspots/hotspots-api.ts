import type { AnalysisSource, CameraEvaluation, CameraEvaluationBody, CameraEvaluationSummary, EvaluationSite, HotspotResult } from '@openpsap/contract';
import { api } from '../api/client';

export const loadSources = () => api<AnalysisSource[]>('GET', '/api/v1/hotspots/sources');

export interface HotspotRequest {
  source: string;
  categories: string[];
  types: string[];
  from: string;
  to: string;
  resolution: number;
  days: number[];
  hourFrom: number | null;
  hourTo: number | null;
}

/** Repeated parameters for lists (types=A&types=B): type names may hold any character. */
export function hotspotQuery(r: HotspotRequest): string {
  const q = new URLSearchParams({ source: r.source, resolution: String(r.resolution) });
  if (r.from) q.set('from', r.from);
  if (r.to) q.set('to', r.to);
  for (const c of r.categories) q.append('categories', c);
  for (const t of r.types) q.append('types', t);
  if (r.days.length && r.days.length < 7) q.set('days', r.days.join(','));
  if (r.hourFrom !== null) q.set('hourFrom', String(r.hourFrom));
  if (r.hourTo !== null) q.set('hourTo', String(r.hourTo));
  return q.toString();
}

export const loadHotspots = (r: HotspotRequest) => api<HotspotResult>('GET', `/api/v1/hotspots?${hotspotQuery(r)}`);
export const loadSites = (source: string) => api<EvaluationSite[]>('GET', `/api/v1/camera-evaluations/sites?source=${encodeURIComponent(source)}`);
export const runEvaluation = (body: CameraEvaluationBody) => api<CameraEvaluation>('POST', '/api/v1/camera-evaluations', body);
export const loadEvaluation = (id: number) => api<CameraEvaluation>('GET', `/api/v1/camera-evaluations/${id}`);
export const loadRecentEvaluations = () => api<CameraEvaluationSummary[]>('GET', '/api/v1/camera-evaluations?limit=15');
