import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { RetentionRuleView } from '@openpsap/contract';
import { ApiError } from '../api/client';
import { loadRetention, saveRetention } from './privacy-api';

/**
 * How long each program keeps its records, editable, with how many records each rule would erase
 * if the daily job ran now: a change that would erase a lot is visible before it is saved.
 */
export function RetentionRules({ onSaved }: { onSaved: (m: string) => void }) {
  const [rules, setRules] = useState<RetentionRuleView[] | null>(null);
  const [days, setDays] = useState<Record<string, string>>({});
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);

  const show = useCallback((r: RetentionRuleView[]) => {
    setRules(r);
    setDays(Object.fromEntries(r.map((x) => [x.id, String(x.days)])));
  }, []);

  useEffect(() => {
    loadRetention().then((r) => show(r.rules), (e: Error) => setError(e.message));
  }, [show]);

  const changed = (rules ?? []).filter((r) => days[r.id] !== String(r.days));

  async function save(ev: FormEvent) {
    ev.preventDefault();
    try {
      const r = await saveRetention({ rules: changed.map((c) => ({ id: c.id, days: Number(days[c.id]) })) });
      show(r.rules);
      setFields({});
      setError(null);
      onSaved(`Retention saved: ${changed.map((c) => `${c.sourceLabel} ${days[c.id]} days`).join(', ')}.`);
    } catch (e) {
      // Fields come back as rules.<n>.days: map them to the rule that was sent n-th.
      const f = (e as ApiError).fields ?? {};
      setFields(Object.fromEntries(Object.entries(f).map(([k, v]) => [changed[Number(/^rules\.(\d+)/.exec(k)?.[1])]?.id ?? k, v])));
      setError((e as Error).message);
    }
  }

  return (
    <section className="panel privacy-retention" aria-labelledby="privacy-retention-h">
      <h3 id="privacy-retention-h">Retention rules</h3>
      <p className="muted small">The daily retention job erases what each rule says has been kept long enough. "Due now" is what it would erase today.</p>
      {error && <p role="alert" className="error">{error}</p>}
      {!rules && !error && <p className="muted">Loading…</p>}
      {rules && (
        <form onSubmit={save}>
          <table>
            <thead>
              <tr><th scope="col">Program</th><th scope="col">Rule</th><th scope="col">Days</th><th scope="col">Due now</th><th scope="col">Last changed</th></tr>
            </thead>
            <tbody>
              {rules.map((r) => (
                <tr key={r.id}>
                  <th scope="row">{r.sourceLabel}</th>
                  <td className="small">{r.description.replaceAll('{days}', days[r.id] || '…')}</td>
                  <td>
                    <label htmlFor={`days-${r.id}`} className="sr-only">Days for {r.sourceLabel}: {r.description.replaceAll('{days}', 'N')}</label>
                    <input
                      id={`days-${r.id}`}
                      className="privacy-days"
                      type="number"
                      min={1}
                      max={36500}
                      value={days[r.id] ?? ''}
                      onChange={(e) => setDays((d) => ({ ...d, [r.id]: e.target.value }))}
                      aria-invalid={Boolean(fields[r.id])}
                      aria-describedby={fields[r.id] ? `days-${r.id}-error` : `days-${r.id}-default`}
                    />
                    {fields[r.id] ? <p id={`days-${r.id}-error`} className="field-error">{fields[r.id]}</p> : <p id={`days-${r.id}-default`} className="muted small">default {r.defaultDays}</p>}
                  </td>
                  <td className={r.due > 0 ? 'privacy-due' : undefined}>{r.due}</td>
                  <td className="small">{r.updatedBy ? <>{r.updatedBy}<br /><span className="muted">{new Date(r.updatedAt!).toLocaleDateString()}</span></> : <span className="muted">default</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="buttons">
            <button type="submit" disabled={changed.length === 0}>Save {changed.length || ''} change{changed.length === 1 ? '' : 's'}</button>
            {changed.length > 0 && <button type="button" className="secondary" onClick={() => show(rules)}>Undo</button>}
          </div>
        </form>
      )}
    </section>
  );
}
