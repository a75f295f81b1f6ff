import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import type { ReportResult } from './hmh-api';

/** Where and when last seen, and what they wore; everything else comes from the profile. */
export function ReportMissing({ name, usualClothing, onReport, onCancel }: { name: string; usualClothing: string | null; onReport: (body: unknown) => Promise<ReportResult>; onCancel: () => void }) {
  const [place, setPlace] = useState('');
  const [minutesAgo, setMinutesAgo] = useState('');
  const [clothing, setClothing] = useState(usualClothing ?? '');
  const [narrative, setNarrative] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const mins = Number(minutesAgo);
    try {
      await onReport({
        ...(place.trim() ? { lastSeen: { text: place.trim() } } : {}),
        ...(minutesAgo.trim() && Number.isFinite(mins) ? { lastSeenAt: new Date(Date.now() - mins * 60_000).toISOString() } : {}),
        ...(clothing.trim() ? { clothing: clothing.trim() } : {}),
        ...(narrative.trim() ? { narrative: narrative.trim() } : {}),
      });
    } catch (x) {
      setError(x instanceof ApiError ? x.message : (x as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="warn-box hmh-report" onSubmit={submit} aria-labelledby="hmh-report-h">
      <h3 id="hmh-report-h">Report {name} missing</h3>
      <p className="small">Creates a missing-person incident with this profile for every responder, sends a BOLO to all units and drafts a public alert for a supervisor to check.</p>
      {error && <p role="alert" className="error">{error}</p>}
      <div className="field"><label htmlFor="hmh-seen">Last seen where (empty: at home)</label><input id="hmh-seen" value={place} onChange={(e) => setPlace(e.target.value)} placeholder="Address, intersection or place" /></div>
      <div className="field"><label htmlFor="hmh-ago">Last seen how many minutes ago</label><input id="hmh-ago" type="number" min={0} value={minutesAgo} onChange={(e) => setMinutesAgo(e.target.value)} /></div>
      <div className="field"><label htmlFor="hmh-wearing">Wearing</label><input id="hmh-wearing" value={clothing} onChange={(e) => setClothing(e.target.value)} /></div>
      <div className="field"><label htmlFor="hmh-more">Anything else the caller said</label><textarea id="hmh-more" rows={2} value={narrative} onChange={(e) => setNarrative(e.target.value)} /></div>
      <div className="buttons">
        <button type="submit" className="danger" disabled={busy}>{busy ? 'Reporting…' : 'Report missing now'}</button>
        <button type="button" className="secondary" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}
