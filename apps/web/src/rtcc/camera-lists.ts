import type { CameraSighting, RtccCamera } from '@openpsap/contract';

/** What the analyst may expect when asking for a camera's live view, said before they ask. */
export function liveNote(c: Pick<RtccCamera, 'ownerKind' | 'consent' | 'hasStream' | 'status' | 'health'>): { text: string; kind: 'ok' | 'warn' | 'danger' } {
  if (!c.hasStream) return { text: 'no stream', kind: 'danger' };
  if (c.status !== 'active') return { text: c.status, kind: 'danger' };
  if (c.ownerKind !== 'city' && c.consent !== 'live') return { text: c.consent ? `consent: ${c.consent} only` : 'no consent', kind: 'danger' };
  if (c.health === 'offline') return { text: 'offline', kind: 'warn' };
  return { text: c.ownerKind === 'city' ? 'city' : 'live consent', kind: 'ok' };
}

/** Cameras seeing the incident first (nearest first, with distance), then the others by name. */
export function orderCameras(cameras: RtccCamera[], seeing: CameraSighting[]): { camera: RtccCamera; sighting: CameraSighting | null }[] {
  const byId = new Map(cameras.map((c) => [c.id, c]));
  const first = seeing.filter((s) => s.sees && byId.has(s.camera.id)).map((s) => ({ camera: byId.get(s.camera.id)!, sighting: s }));
  const taken = new Set(first.map((f) => f.camera.id));
  const rest = cameras.filter((c) => !taken.has(c.id)).sort((a, b) => a.name.localeCompare(b.name)).map((camera) => ({ camera, sighting: null }));
  return [...first, ...rest];
}

export function compass(deg: number): string {
  return ['N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW'][Math.round(deg / 45) % 8]!;
}
