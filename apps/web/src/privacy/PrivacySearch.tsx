import { useState, type FormEvent } from 'react';
import { PRIVACY_CRITERIA, type PrivacyCriterion, type PrivacySearchResult, type PrivacySubject } from '@openpsap/contract';
import { ApiError } from '../api/client';
import { createRequest, downloadExport, searchSubject } from './privacy-api';

const LABELS: Record<PrivacyCriterion, { label: string; type: string; hint: string }> = {
  name: { label: 'Name', type: 'text', hint: 'every word must appear, in any order' },
  phone: { label: 'Phone', type: 'tel', hint: 'digits only are compared' },
  email: { label: 'E-mail', type: 'email', hint: '' },
  address: { label: 'Address', type: 'text', hint: 'every word must appear' },
};

const SHOWN_AT_FIELD = new Set<string>([...PRIVACY_CRITERIA, 'identityCheck']);

/**
 * Finds what each program holds about a person, lets staff tick the records that are theirs, and
 * turns the choice into an export (downloaded at once) or a deletion request for a second
 * supervisor to complete. The identity check is asked before either.
 */
export function PrivacySearch({ purpose, onRequested }: { purpose: string; onRequested: (message: string) => void }) {
  const [subject, setSubject] = useState<PrivacySubject>({});
  const [searched, setSearched] = useState<PrivacySubject | null>(null);
  const [result, setResult] = useState<PrivacySearchResult | null>(null);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [identity, setIdentity] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<{ at: 'search' | 'request'; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const total = result?.groups.reduce((n, g) => n + g.matches.length, 0) ?? 0;

  async function search(ev: FormEvent) {
    ev.preventDefault();
    setBusy(true);
    try {
      const r = await searchSubject(subject, purpose);
      setResult(r);
      setSearched(subject);
      setChosen(new Set());
      setFields({});
      setError(null);
    } catch (e) {
      failed('search', e);
    } finally {
      setBusy(false);
    }
  }

  /** A field's message shows at the field; anything else as an alert where the action was. */
  function failed(at: 'search' | 'request', e: unknown) {
    const f = (e as ApiError).fields ?? {};
    setFields(f);
    setError(Object.keys(f).some((k) => SHOWN_AT_FIELD.has(k)) ? null : { at, message: (e as Error).message });
  }

  async function request(kind: 'export' | 'deletion') {
    if (!searched) return;
    setBusy(true);
    try {
      const r = await createRequest({ kind, subject: searched, identityCheck: identity, refs: [...chosen] });
      setFields({});
      setError(null);
      if (kind === 'export') {
        const file = await downloadExport(r.id, { purpose });
        onRequested(`Export request #${r.id}: ${file} downloaded (${chosen.size} record${chosen.size === 1 ? '' : 's'}).`);
      } else {
        onRequested(`Deletion request #${r.id} recorded for ${chosen.size} record${chosen.size === 1 ? '' : 's'}. Another supervisor must complete it.`);
      }
      setChosen(new Set());
      setIdentity('');
    } catch (e) {
      failed('request', e);
    } finally {
      setBusy(false);
    }
  }

  const toggle = (ref: string, on: boolean) =>
    setChosen((s) => {
      const next = new Set(s);
      if (on) next.add(ref);
      else next.delete(ref);
      return next;
    });

  return (
    <section className="panel privacy-search" aria-labelledby="privacy-search-h">
      <h3 id="privacy-search-h">Find what the centre holds about a person</h3>
      <form onSubmit={search} className="privacy-criteria" noValidate>
        {PRIVACY_CRITERIA.map((c) => (
          <div key={c}>
            <label htmlFor={`privacy-${c}`}>{LABELS[c].label}</label>
            <input
              id={`privacy-${c}`}
              type={LABELS[c].type}
              value={subject[c] ?? ''}
              onChange={(e) => setSubject((s) => ({ ...s, [c]: e.target.value }))}
              aria-invalid={Boolean(fields[c])}
              aria-describedby={fields[c] ? `privacy-${c}-error` : LABELS[c].hint ? `privacy-${c}-hint` : undefined}
              autoComplete="off"
            />
            {fields[c] ? <p id={`privacy-${c}-error`} className="field-error">{fields[c]}</p> : LABELS[c].hint && <p id={`privacy-${c}-hint`} className="hint muted small">{LABELS[c].hint}</p>}
          </div>
        ))}
        <button type="submit" disabled={busy}>Search all programs</button>
      </form>
      {error?.at === 'search' && <p role="alert" className="error">{error.message}</p>}

      {result && (
        <div className="privacy-results">
          <p className="muted small" role="status">
            {total === 0 ? 'Nothing found in any program.' : `${total} record${total === 1 ? '' : 's'} found. Tick the ones that are about this person.`}
          </p>
          {result.groups.map((g) => (
            <fieldset key={g.source} className="privacy-group">
              <legend>{g.label} ({g.matches.length})</legend>
              {g.matches.length === 0 ? (
                <p className="muted small">Nothing here.</p>
              ) : (
                <ul className="privacy-matches">
                  {g.matches.map((m) => (
                    <li key={m.ref}>
                      <input type="checkbox" id={`pick-${m.ref}`} checked={chosen.has(m.ref)} onChange={(e) => toggle(m.ref, e.target.checked)} />
                      <label htmlFor={`pick-${m.ref}`}>
                        {m.summary}
                        <span className="muted small privacy-why"> matched on {m.matchedOn.join(', ')}</span>
                      </label>
                    </li>
                  ))}
                </ul>
              )}
            </fieldset>
          ))}
          {total > 0 && (
            <div className="privacy-act">
              <label htmlFor="privacy-identity">How was the person's identity verified?</label>
              <textarea
                id="privacy-identity"
                rows={2}
                value={identity}
                placeholder="e.g. photo ID seen at the front desk; called back on the number we hold"
                onChange={(e) => setIdentity(e.target.value)}
                aria-invalid={Boolean(fields.identityCheck)}
                aria-describedby={fields.identityCheck ? 'privacy-identity-error' : undefined}
              />
              {fields.identityCheck && <p id="privacy-identity-error" className="field-error">{fields.identityCheck}</p>}
              <div className="buttons">
                <button type="button" disabled={busy || chosen.size === 0} onClick={() => void request('export')}>Export {chosen.size || ''} selected</button>
                <button type="button" className="danger" disabled={busy || chosen.size === 0} onClick={() => void request('deletion')}>Request deletion of {chosen.size || ''} selected</button>
              </div>
              {error?.at === 'request' && <p role="alert" className="error">{error.message}</p>}
            </div>
          )}
        </div>
      )}
    </section>
  );
}
