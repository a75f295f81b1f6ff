import KDBush from 'kdbush';
import { metresPerDegree } from '../routing/earth-distance';
import { cameraSees, type CameraView, type Sighting } from './field-of-view';

export interface IndexedCamera extends CameraView {
  id: number;
}

export interface CameraSighting extends Sighting {
  id: number;
}

/**
 * Cameras by position, to answer "which cameras can see this point" without testing every
 * camera: a k-d tree over a local flat projection finds those within the longest range, then the
 * exact range and sector test decides. Immutable: rebuild it when the registry changes.
 */
export class CameraIndex {
  private readonly kd: KDBush | null;
  private readonly cameras: IndexedCamera[];
  private readonly maxRangeM: number;
  private readonly scale: { x: number; y: number };

  constructor(cameras: readonly IndexedCamera[]) {
    this.cameras = [...cameras];
    this.maxRangeM = this.cameras.reduce((m, c) => Math.max(m, c.rangeM), 0);
    const midLat = this.cameras.length ? this.cameras.reduce((s, c) => s + c.lat, 0) / this.cameras.length : 0;
    this.scale = metresPerDegree(midLat);
    if (!this.cameras.length) {
      this.kd = null;
      return;
    }
    const kd = new KDBush(this.cameras.length);
    for (const c of this.cameras) kd.add(c.lon * this.scale.x, c.lat * this.scale.y);
    kd.finish();
    this.kd = kd;
  }

  get size(): number {
    return this.cameras.length;
  }

  /**
   * Cameras whose sector holds the point, nearest first. `slackM` widens the search circle for
   * the projection's error far from the index's middle latitude; the exact test still decides.
   */
  seeing(lat: number, lon: number, slackM = 25): CameraSighting[] {
    if (!this.kd) return [];
    const out: CameraSighting[] = [];
    for (const i of this.kd.within(lon * this.scale.x, lat * this.scale.y, this.maxRangeM + slackM)) {
      const c = this.cameras[i]!;
      const s = cameraSees(c, lat, lon);
      if (s.sees) out.push({ id: c.id, ...s });
    }
    return out.sort((a, b) => a.distanceM - b.distanceM || a.id - b.id);
  }

  /** Cameras within a distance of the point whatever their direction, nearest first (for "near the last-seen place"). */
  near(lat: number, lon: number, radiusM: number): CameraSighting[] {
    if (!this.kd) return [];
    const out: CameraSighting[] = [];
    for (const i of this.kd.within(lon * this.scale.x, lat * this.scale.y, radiusM * 1.05 + 25)) {
      const c = this.cameras[i]!;
      const s = cameraSees(c, lat, lon);
      if (s.distanceM <= radiusM) out.push({ id: c.id, ...s });
    }
    return out.sort((a, b) => a.distanceM - b.distanceM || a.id - b.id);
  }
}
