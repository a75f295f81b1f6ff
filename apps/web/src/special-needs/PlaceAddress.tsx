import { useEffect, useState } from 'react';
import { api } from '../api/client';

interface Candidate {
  lat: number;
  lon: number;
  label: string;
  score: number;
}

/**
 * Lets a reviewer place an address the geocoder was unsure of: search the jurisdiction's streets
 * and pick the match, or type "lat, lon" read off a map.
 */
export function PlaceAddress({ initial, onPlace }: { initial: string; onPlace: (p: { lat: number; lon: number; label: string }) => void }) {
  const [q, setQ] = useState(initial);
  const [found, setFound] = useState<Candidate[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const text = q.trim();
    const latLon = /^(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)$/.exec(text);
    if (latLon) {
      setFound([{ lat: Number(latLon[1]), lon: Number(latLon[2]), label: `point ${latLon[1]}, ${latLon[2]}`, score: 1 }]);
      return;
    }
    if (text.length < 3) return setFound(null);
    const t = window.setTimeout(() => {
      api<Candidate[]>('GET', `/api/v1/geocode?q=${encodeURIComponent(text)}&limit=5&suggest=true`).then(
        (c) => (setFound(c), setError(null)),
        (e: Error) => setError(e.message),
      );
    }, 200);
    return () => window.clearTimeout(t);
  }, [q]);

  return (
    <div className="place-address">
      <label htmlFor="sn-place">Find the address or type lat, lon</label>
      <input id="sn-place" value={q} onChange={(e) => setQ(e.target.value)} autoComplete="off" />
      {error && <p className="error">{error}</p>}
      {found && found.length === 0 && <p className="muted">No match. Try the street name only, or type lat, lon.</p>}
      {found && found.length > 0 && (
        <ul className="rows">
          {found.map((c) => (
            <li key={`${c.lat},${c.lon}`}>
              <button type="button" className="rowbtn" onClick={() => onPlace(c)}>
                <span className="grow">{c.label}</span>
                <span className="muted mono">{c.score.toFixed(2)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
