import type { CameraSighting, RtccCamera } from '@openpsap/contract';

/** What the analyst may expect when asking for a camera's live view, said before they ask. */
export function liveNote(c: Pick<RtccCamera, 'ownerKind' | 'consent' | 'hasStream' | 'status' | 'health'>): { text: string; kind: 'ok' | 'warn' | 'danger' } {
  if (!c.hasStream) return { text: 'no stream', kind: 'danger' };
  if (c.status !== 'active') return { text: c.status, kind: 'danger' };
  if (c.ownerKind !== 'city' && c.consent !== 'live') return { text: c.consent ? `consent: ${c.consent} only` : 'no consent', kind: 'danger' };
  if (c.health === 'offline') return { text: 'offline', kind: 'warn' };
  return { text: c.ownerKind === 'city' ? 'city' : 'live consent', kind: 'ok' };
}

/**
 * The order an analyst looks in: cameras that see the incident (nearest first), then those standing
 * near it whatever they face (a PTZ can be turned, a passer-by walks past), then cameras that can
 * play, then the rest by name.
 */
export function orderCameras(cameras: RtccCamera[], sightings: CameraSighting[]): { camera: RtccCamera; sighting: CameraSighting | null }[] {
  const byId = new Map(cameras.map((c) => [c.id, c]));
  const sees = sightings.filter((s) => s.sees && byId.has(s.camera.id)).sort((a, b) => a.distanceM - b.distanceM);
  const near = sightings.filter((s) => !s.sees && byId.has(s.camera.id)).sort((a, b) => a.distanceM - b.distanceM);
  const first = [...sees, ...near].map((s) => ({ camera: byId.get(s.camera.id)!, sighting: s }));
  const taken = new Set(first.map((f) => f.camera.id));
  const playable = (c: RtccCamera) => (c.hasStream && c.status === 'active' ? 0 : 1);
  const rest = cameras
    .filter((c) => !taken.has(c.id))
    .sort((a, b) => playable(a) - playable(b) || a.name.localeCompare(b.name))
    .map((camera) => ({ camera, sighting: null }));
  return [...first, ...rest];
}

export function compass(deg: number): string {
  return ['N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW'][Math.round(deg / 45) % 8]!;
}
