import { useCallback, useEffect, useState } from 'react';
import type { SpecialNeedsRecord } from '@openpsap/contract';
import { api, ApiError } from '../api/client';
import { LanguageSwitch, useLang } from '../public/i18n';
import { NoticeForm, type Payload } from './NoticeForm';
import { fromRecord } from './form-state';
import { useConsentText } from './use-consent-text';
import { SN_WORDS } from './words';

type View = { kind: 'loading' } | { kind: 'missing' } | { kind: 'error'; message: string } | { kind: 'ready'; record: SpecialNeedsRecord } | { kind: 'withdrawn' };

/** What the private link opens: the notification's state, its PDF, and update, confirm or withdraw. */
export function ManageNoticePage({ params }: { params: Record<string, string> }) {
  const token = params.token ?? '';
  const base = `/api/v1/public/special-needs/manage/${encodeURIComponent(token)}`;
  const [lang, setLang] = useLang();
  const w = SN_WORDS[lang];
  const consent = useConsentText(lang);
  const [view, setView] = useState<View>({ kind: 'loading' });
  const [editing, setEditing] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [askWithdraw, setAskWithdraw] = useState(false);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      setView({ kind: 'ready', record: await api<SpecialNeedsRecord>('GET', base) });
    } catch (e) {
      setView(e instanceof ApiError && (e.status === 404 || e.status === 400) ? { kind: 'missing' } : { kind: 'error', message: w.network });
    }
  }, [base, w.network]);
  useEffect(() => void load(), [load]);

  const day = (iso: string) => new Intl.DateTimeFormat(lang === 'es' ? 'es-US' : 'en-US', { dateStyle: 'long' }).format(new Date(iso));

  async function act(fn: () => Promise<void>) {
    setBusy(true);
    try {
      await fn();
    } catch {
      setNote(w.network);
    } finally {
      setBusy(false);
    }
  }

  async function saveUpdate(p: Payload) {
    const record = await api<SpecialNeedsRecord>('PUT', base, p);
    setView({ kind: 'ready', record });
    setEditing(false);
    setNote(w.updated);
    window.scrollTo(0, 0);
  }

  return (
    <main className="public-page">
      <LanguageSwitch lang={lang} onChange={setLang} />
      <h1>{w.title}</h1>
      {view.kind === 'loading' && <p aria-live="polite">{w.loading}</p>}
      {view.kind === 'missing' && <p role="alert">{w.notFound}</p>}
      {view.kind === 'error' && (
        <p role="alert">
          {view.message} <button type="button" className="secondary" onClick={() => void load()}>↻</button>
        </p>
      )}
      {view.kind === 'withdrawn' && <p role="status">{w.withdrawn}</p>}
      {view.kind === 'ready' && (() => {
        const r = view.record;
        const f = r.form;
        return (
          <>
            <section className="notice-status" aria-labelledby="status-h">
              <h2 id="status-h">
                {f.person.firstName} {f.person.lastName} · <span className={`state-${r.state}`}>{w.state[r.state]}</span>
              </h2>
              <p className="mono">SN-{String(r.id).padStart(6, '0')}</p>
              {r.reviewMessage && (r.state === 'needs-info' || r.state === 'rejected' || r.state === 'approved') && (
                <p className="warn-box">
                  <strong>{w.reviewerSays}</strong> {r.reviewMessage}
                </p>
              )}
              {r.state === 'approved' && r.expiresAt && <p className={r.expired ? 'warn-box' : ''}>{r.expired ? w.expired : w.expiresOn(day(r.expiresAt))}</p>}
              {note && <p role="status" className="ok-box">{note}</p>}
            </section>
            {editing ? (
              <NoticeForm lang={lang} initial={fromRecord(f)} consentText={consent} existingPhotoUrl={r.hasPhoto ? `${base}/photo` : null} submitLabel={w.saveUpdate} onSubmit={saveUpdate} onCancel={() => setEditing(false)} />
            ) : (
              <div className="stack">
                {r.state === 'approved' && (
                  <button type="button" disabled={busy} onClick={() => void act(async () => {
                    setView({ kind: 'ready', record: await api<SpecialNeedsRecord>('POST', `${base}/confirm`) });
                    setNote(w.confirmed);
                  })}>{w.confirm}</button>
                )}
                <button type="button" className={r.state === 'approved' ? 'secondary' : ''} onClick={() => (setNote(null), setEditing(true))}>{w.update}</button>
                <a className="button secondary" href={`${base}/pdf`} download>{w.downloadPdf}</a>
                {askWithdraw ? (
                  <div className="warn-box" role="alertdialog" aria-labelledby="wd-q">
                    <p id="wd-q">{w.withdrawConfirm}</p>
                    <div className="stack">
                      <button type="button" className="danger" disabled={busy} onClick={() => void act(async () => {
                        await api('POST', `${base}/withdraw`);
                        setView({ kind: 'withdrawn' });
                      })}>{w.withdrawYes}</button>
                      <button type="button" className="secondary" onClick={() => setAskWithdraw(false)}>{w.cancelEdit}</button>
                    </div>
                  </div>
                ) : (
                  <button type="button" className="secondary" onClick={() => setAskWithdraw(true)}>{w.withdraw}</button>
                )}
              </div>
            )}
            <p className="hint">{w.emergency}</p>
          </>
        );
      })()}
    </main>
  );
}
