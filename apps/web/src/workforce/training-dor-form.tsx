import { useState } from 'react';
import { api } from '../api/client';
import { fieldError, type TraineeDetail } from './training-api';

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** Writes a DOR: every category rated 1-7 and a narrative, for the trainee's current phase. */
export function DorForm({ t, onSaved }: { t: TraineeDetail; onSaved: () => void }) {
  const [observedOn, setObservedOn] = useState(today);
  const [ratings, setRatings] = useState<Record<string, string>>({});
  const [narrative, setNarrative] = useState('');
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErr(null);
    setSaved(false);
    try {
      const r = Object.fromEntries(Object.entries(ratings).filter(([, v]) => v !== '').map(([k, v]) => [k, Number(v)]));
      await api('POST', `/api/v1/training/trainees/${t.id}/dors`, { observedOn, ratings: r, narrative });
      setRatings({});
      setNarrative('');
      setSaved(true);
      onSaved();
    } catch (x) {
      setErr(x);
    } finally {
      setBusy(false);
    }
  };
  const f = (k: string) => fieldError(err, k);
  return (
    <section className="panel" aria-labelledby="dor-h">
      <h2 id="dor-h">New daily observation report</h2>
      <form onSubmit={submit} className="dor-form" aria-label="Daily observation report">
        <div>
          <label htmlFor="dor-date">Date observed</label>
          <input id="dor-date" type="date" value={observedOn} onChange={(e) => setObservedOn(e.target.value)} aria-invalid={Boolean(f('observedOn'))} aria-describedby={f('observedOn') ? 'dor-date-err' : undefined} />
          {f('observedOn') && <p id="dor-date-err" className="error small">{f('observedOn')}</p>}
        </div>
        <fieldset className="dor-ratings">
          <legend>Ratings (1 unacceptable – 7 superior)</legend>
          {t.categories.map((c) => {
            const msg = f(`ratings.${c.key}`);
            return (
              <div key={c.key} className="dor-rating">
                <label htmlFor={`dor-r-${c.key}`}>{c.label}</label>
                <select id={`dor-r-${c.key}`} value={ratings[c.key] ?? ''} onChange={(e) => setRatings({ ...ratings, [c.key]: e.target.value })} aria-invalid={Boolean(msg)} aria-describedby={msg ? `dor-r-${c.key}-err` : undefined}>
                  <option value="">–</option>
                  {[1, 2, 3, 4, 5, 6, 7].map((n) => <option key={n} value={n}>{n}</option>)}
                </select>
                {msg && <p id={`dor-r-${c.key}-err`} className="error small">{msg}</p>}
              </div>
            );
          })}
        </fieldset>
        <div>
          <label htmlFor="dor-narrative">Narrative</label>
          <textarea id="dor-narrative" rows={4} value={narrative} onChange={(e) => setNarrative(e.target.value)} aria-invalid={Boolean(f('narrative'))} aria-describedby={f('narrative') ? 'dor-narrative-err' : undefined} />
          {f('narrative') && <p id="dor-narrative-err" className="error small">{f('narrative')}</p>}
        </div>
        <button type="submit" disabled={busy}>{busy ? 'Saving…' : 'Save DOR'}</button>
        {err instanceof Error && <p role="alert" className="error">{err.message}</p>}
        {saved && <p role="status" className="small">DOR saved.</p>}
      </form>
    </section>
  );
}
