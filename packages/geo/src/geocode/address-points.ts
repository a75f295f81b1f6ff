import { formatStreetLabel, interpretStreetTokens, tokenizeStreetText } from './normalize-address.js';
import type { AddressPoint } from './types.js';

/** Surveyed address points keyed by normalised street label and house number. */
export class AddressPointIndex {
  private readonly byKey = new Map<string, AddressPoint[]>();

  constructor(points: readonly AddressPoint[]) {
    for (const p of points) {
      const parts = interpretStreetTokens(tokenizeStreetText(p.street))[0];
      if (parts === undefined) continue;
      const key = `${formatStreetLabel(parts)}|${normalizeHouseNumber(p.number)}`;
      const list = this.byKey.get(key);
      if (list === undefined) this.byKey.set(key, [p]);
      else list.push(p);
    }
  }

  /** Number of distinct street/number keys held. */
  get size(): number {
    return this.byKey.size;
  }

  /**
   * Points at this number on this street; a unit narrows the answer when points carry units, and
   * "100A" falls back to "100" when no lettered point exists.
   */
  find(streetLabel: string, houseNumber: string, unit?: string): AddressPoint[] {
    const exact = this.byKey.get(`${streetLabel}|${normalizeHouseNumber(houseNumber)}`);
    const list = exact ?? this.byKey.get(`${streetLabel}|${houseNumber.replace(/\D.*$/, '')}`) ?? [];
    if (unit === undefined || list.length <= 1) return list;
    const wanted = normalizeUnit(unit);
    const withUnit = list.filter((p) => p.unit !== undefined && normalizeUnit(p.unit) === wanted);
    return withUnit.length > 0 ? withUnit : list;
  }
}

function normalizeHouseNumber(n: string): string {
  return n.toUpperCase().replace(/\s+/g, '');
}

function normalizeUnit(u: string): string {
  return u.toUpperCase().replace(/^(APT|APARTMENT|UNIT|STE|SUITE|#|NO)\s*/, '').replace(/[^A-Z0-9]/g, '');
}
