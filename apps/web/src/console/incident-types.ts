import { useEffect, useState } from 'react';
import { api } from '../api/client';

export interface TypeOption {
  code: string;
  name: string;
  description: string;
  discipline: string;
  defaultPriority: number;
}

let cache: Promise<TypeOption[]> | null = null;

/** The APCO incident types, loaded once per page. */
export function useIncidentTypes(): TypeOption[] {
  const [types, setTypes] = useState<TypeOption[]>([]);
  useEffect(() => {
    cache ??= api<TypeOption[]>('GET', '/api/v1/registries/incident-types');
    void cache.then(setTypes, () => (cache = null));
  }, []);
  return types;
}

/**
 * Ranks types for what the call-taker typed: an exact code first, then codes starting with it,
 * then names whose words start with each typed word ("str fire" finds Fire Structure).
 */
export function matchTypes(types: readonly TypeOption[], query: string, limit = 8): TypeOption[] {
  const q = query.trim().toUpperCase();
  if (!q) return [];
  const words = q.split(/\s+/);
  const scored: { t: TypeOption; s: number }[] = [];
  for (const t of types) {
    let s = 0;
    if (t.code === q) s = 100;
    else if (t.code.startsWith(q)) s = 80 - (t.code.length - q.length);
    else {
      const hay = `${t.name} ${t.description}`.toUpperCase().split(/[^A-Z0-9]+/);
      if (words.every((w) => hay.some((h) => h.startsWith(w)))) s = 50 - t.name.length / 10;
      else if (`${t.name} ${t.description}`.toUpperCase().includes(q)) s = 20;
    }
    if (s > 0) scored.push({ t, s: s + (6 - t.defaultPriority) * 0.01 });
  }
  return scored.sort((a, b) => b.s - a.s).slice(0, limit).map((x) => x.t);
}
