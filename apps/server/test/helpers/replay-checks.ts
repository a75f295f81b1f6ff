import type { ReplayWrite } from './call-replay';
import type { TestClient } from './test-client';

/**
 * Reads back everything a replay was told had been written (2xx) and lists what is missing: the
 * calls, the incidents, each dispatched unit's assignment, each status time, each closure.
 */
export async function missingAcknowledgedWrites(c: TestClient, writes: ReplayWrite[]): Promise<string[]> {
  const problems: string[] = [];
  const ok = writes.filter((w) => w.status >= 200 && w.status < 300);
  for (const w of ok.filter((x) => x.step === 'call')) {
    const r = await c.get(`/api/v1/calls/${w.entityId}`);
    if (r.status !== 200) problems.push(`call ${w.entityId}: ${r.status}`);
  }
  const incidents = new Map<number, any>();
  for (const id of new Set(ok.filter((x) => x.incidentId).map((x) => x.incidentId!))) {
    const r = await c.get(`/api/v1/incidents/${id}`);
    if (r.status !== 200) problems.push(`incident ${id}: ${r.status}`);
    else incidents.set(id, r.body);
  }
  const field: Record<string, string> = { EnRoute: 'enrouteAt', OnScene: 'onsceneAt', Cleared: 'clearedAt' };
  for (const w of ok) {
    const inc = incidents.get(w.incidentId ?? -1);
    if (!inc) continue;
    const a = (inc.assignmentHistory as any[]).find((x) => x.unitId === w.unitId);
    if (w.step === 'dispatch' && !a) problems.push(`incident ${inc.id}: dispatch of unit ${w.unitId} missing`);
    if (w.step === 'status' && !a?.[field[w.unitStatus!]!]) problems.push(`incident ${inc.id}: unit ${w.unitId} ${w.unitStatus} missing`);
    if (w.step === 'close' && inc.status !== 'Closed') problems.push(`incident ${inc.id}: closure missing (${inc.status})`);
  }
  return problems;
}

/** Seqs not strictly 1, 2, 3, ... up to head: what a console missed or saw twice. */
export function gapsAndRepeats(seqs: number[], head: number): string[] {
  const out: string[] = [];
  const seen = new Set<number>();
  for (const s of seqs) {
    if (seen.has(s)) out.push(`seq ${s} twice`);
    seen.add(s);
  }
  for (let s = 1; s <= head; s++) if (!seen.has(s)) out.push(`seq ${s} missing`);
  return out.slice(0, 20);
}
