import { useCallback, useEffect, useState } from 'react';
import { CONDITION_LABELS, type SpecialNeedsCondition } from '@openpsap/contract';
import type { ProgramTabProps } from '../community/program-tabs';
import { reviewApi, type ListItem } from './review-api';
import { ReviewDetail } from './ReviewDetail';

const FILTERS: Array<{ id: string; label: string }> = [
  { id: 'open', label: 'To review' },
  { id: 'due', label: 'Due to confirm' },
  { id: 'expired', label: 'Expired' },
  { id: 'approved', label: 'Active' },
  { id: 'rejected', label: 'Rejected' },
  { id: 'withdrawn', label: 'Withdrawn' },
  { id: 'all', label: 'All' },
];

function count(counts: Record<string, number>, id: string): number | null {
  if (id === 'open') return (counts.pending ?? 0) + (counts['needs-info'] ?? 0);
  if (id === 'all') return null;
  return counts[id] ?? 0;
}

/** The special-needs review queue and register: filter, search, open one, decide. */
export function ReviewTab({ purpose }: ProgramTabProps) {
  const [filter, setFilter] = useState('open');
  const [q, setQ] = useState('');
  const [items, setItems] = useState<ListItem[] | null>(null);
  const [counts, setCounts] = useState<Record<string, number>>({});
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const r = await reviewApi(purpose).list(filter, q);
      setItems(r.items);
      setCounts(r.counts);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [purpose, filter, q]);

  useEffect(() => {
    const t = window.setTimeout(() => void load(), q ? 250 : 0);
    return () => window.clearTimeout(t);
  }, [load, q]);

  return (
    <div className="split">
      <section className="panel" aria-labelledby="sn-list-h">
        <h2 id="sn-list-h">Special needs notices</h2>
        <div className="filter-chips" role="group" aria-label="Show">
          {FILTERS.map((f) => {
            const n = count(counts, f.id);
            return (
              <button key={f.id} type="button" className={filter === f.id ? 'active' : 'secondary'} aria-pressed={filter === f.id} onClick={() => (setFilter(f.id), setSelected(null))}>
                {f.label}{n !== null ? ` (${n})` : ''}
              </button>
            );
          })}
        </div>
        <label htmlFor="sn-search" className="sr-only">Search by name or address</label>
        <input id="sn-search" type="search" placeholder="Search by name or address" value={q} onChange={(e) => setQ(e.target.value)} />
        {status && <p role="status" className="muted">{status}</p>}
        {error && <p role="alert" className="error">{error}</p>}
        {!items && !error && <p className="muted">Loading…</p>}
        {items && items.length === 0 && <p className="muted">Nothing here. New notifications from the public form appear under "To review".</p>}
        {items && items.length > 0 && (
          <ul className="rows" aria-label="Notices">
            {items.map((i) => (
              <li key={i.id} className={`row ${selected === i.id ? 'selected' : ''} ${i.expired ? 'late' : ''}`}>
                <button type="button" className="rowbtn" aria-current={selected === i.id ? 'true' : undefined} onClick={() => setSelected(i.id)}>
                  <span className="grow">
                    <strong>{i.personName}</strong> · {i.address}
                    <br />
                    <span className="muted small">{i.conditions.map((c) => CONDITION_LABELS[c as SpecialNeedsCondition] ?? c).join(', ')}</span>
                  </span>
                  <span className="small">
                    {i.expired ? <span className="badge danger">expired</span> : i.dueSoon ? <span className="badge warn">due</span> : <span className="badge">{i.state}</span>}
                    <br />
                    <span className="muted">{new Date(i.submittedAt).toLocaleDateString()}</span>
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
        <p className="small muted">
          Public form: <a href="/special-needs" target="_blank" rel="noreferrer">/special-needs</a>
        </p>
      </section>
      {selected !== null ? (
        <ReviewDetail id={selected} purpose={purpose} onChanged={(m) => (setStatus(m), void load())} />
      ) : (
        <p className="panel muted">Choose a notice to review it.</p>
      )}
    </div>
  );
}
