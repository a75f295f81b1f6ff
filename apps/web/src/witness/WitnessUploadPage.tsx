import { useEffect, useRef, useState } from 'react';
import type { SharedLocation, WitnessLinkInfo } from '@openpsap/contract';
import { LanguageSwitch, useLang, words } from '../public/i18n';
import { askOffset, sendChunks, UploadRefused } from './chunked-upload';
import { currentPosition, finishLink, startUpload, uploadUrl, witnessLink } from './witness-api';
import { WITNESS_WORDS } from './witness-words';

type PageState = { kind: 'loading' } | { kind: 'bad' } | { kind: 'expired' } | { kind: 'unreachable' } | { kind: 'ready'; info: WitnessLinkInfo } | { kind: 'finished'; files: number };

interface Pick {
  id: number;
  file: File;
  /** refused: the centre will not take this file (type, size, link spent); failed: the network gave up, sending again may work. */
  status: 'waiting' | 'sending' | 'resuming' | 'done' | 'refused' | 'failed';
  sent: number;
  problem?: string;
  sha256?: string;
}

const sizeText = (n: number) => (n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

/** Uploads already started from this phone, so a reloaded page resumes instead of starting again. */
function remembered(token: string): Record<string, string> {
  try {
    return JSON.parse(localStorage.getItem(`psap.witness.${token}`) ?? '{}') as Record<string, string>;
  } catch {
    return {};
  }
}
function remember(token: string, f: File, key: string | null) {
  const all = remembered(token);
  const id = `${f.name}|${f.size}|${f.lastModified}`;
  if (key) all[id] = key;
  else delete all[id];
  try {
    localStorage.setItem(`psap.witness.${token}`, JSON.stringify(all));
  } catch {
    // private browsing: resuming after a reload is lost, sending still works
  }
}

/** The page behind a witness's one-time link: pick photos and videos, send them with progress. */
export function WitnessUploadPage({ params }: { params: Record<string, string> }) {
  const token = params.token ?? '';
  const [lang, setLang] = useLang();
  const w = words(WITNESS_WORDS, lang);
  const [state, setState] = useState<PageState>({ kind: 'loading' });
  const [picks, setPicks] = useState<Pick[]>([]);
  const [busy, setBusy] = useState(false);
  const [wantLocation, setWantLocation] = useState(false);
  const [location, setLocation] = useState<SharedLocation | null>(null);
  const [locating, setLocating] = useState(false);
  const nextId = useRef(1);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    witnessLink(token).then(
      (info) => {
        setState({ kind: 'ready', info });
        if (!new URLSearchParams(window.location.search).has('lang')) setLang(info.language);
      },
      (e: UploadRefused) => setState(e.status === 404 ? { kind: 'bad' } : e.status === 410 ? { kind: 'expired' } : { kind: 'unreachable' }),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [token]);

  useEffect(() => {
    if (!wantLocation) {
      setLocation(null);
      return;
    }
    setLocating(true);
    void currentPosition().then((p) => {
      setLocation(p);
      setLocating(false);
    });
  }, [wantLocation]);

  const update = (id: number, patch: Partial<Pick>) => setPicks((all) => all.map((p) => (p.id === id ? { ...p, ...patch } : p)));

  function problemText(e: unknown): string {
    if (!(e instanceof UploadRefused)) return (e as Error).message || w.unreachable;
    if (e.status === 415) return w.notMedia;
    if (e.status === 413) return w.tooBig;
    if (e.status === 410 || e.status === 404) return w.expired;
    if (e.fields.files) return w.tooMany;
    if (e.status === 0) return w.unreachable;
    return lang === 'en' ? e.message : w.refused;
  }

  async function sendOne(p: Pick): Promise<void> {
    update(p.id, { status: 'sending', problem: undefined });
    try {
      const known = remembered(token)[`${p.file.name}|${p.file.size}|${p.file.lastModified}`];
      let key: string | null = null;
      let from = 0;
      if (known) {
        const s = await askOffset(uploadUrl(token, known)).catch(() => null);
        if (s?.state === 'complete') {
          update(p.id, { status: 'done', sent: p.file.size, sha256: s.sha256 ?? undefined });
          return;
        }
        if (s?.state === 'open') {
          key = known;
          from = s.offset;
        }
      }
      if (!key) {
        const started = await startUpload(token, { name: p.file.name || 'file', size: p.file.size, type: p.file.type || undefined, ...(location ? { location } : {}) });
        key = started.key;
        remember(token, p.file, key);
      }
      const done = await sendChunks({ url: uploadUrl(token, key) }, p.file, from, (sent) => update(p.id, { sent, status: 'sending' }), { onRetry: () => update(p.id, { status: 'resuming' }) });
      if (done.state !== 'complete') throw new UploadRefused(409, w.refused);
      remember(token, p.file, null);
      update(p.id, { status: 'done', sent: p.file.size, sha256: done.sha256 ?? undefined });
    } catch (e) {
      const retryable = !(e instanceof UploadRefused) || e.status === 0;
      update(p.id, { status: retryable ? 'failed' : 'refused', problem: problemText(e) });
    }
  }

  async function sendAll() {
    setBusy(true);
    for (const p of picks) if (p.status === 'waiting' || p.status === 'failed') await sendOne(p);
    setBusy(false);
  }

  async function finish() {
    setBusy(true);
    try {
      const r = await finishLink(token);
      setState({ kind: 'finished', files: r.files });
      window.setTimeout(() => headingRef.current?.focus(), 0);
    } catch (e) {
      if (e instanceof UploadRefused && e.status === 410) setState({ kind: 'expired' });
      else setState({ kind: 'unreachable' });
    } finally {
      setBusy(false);
    }
  }

  const ready = state.kind === 'ready' ? state.info : null;
  const waiting = picks.filter((p) => p.status === 'waiting' || p.status === 'failed').length;
  // Files cut off by a closed page or a lost signal: the server kept what arrived.
  const partial = ready?.uploads.filter((u) => u.state === 'open' && u.offset > 0 && !picks.some((p) => p.file.name === u.name && p.file.size === u.size)) ?? [];
  const sentCount = picks.filter((p) => p.status === 'done').length + (ready?.uploads.filter((u) => u.state === 'complete').length ?? 0);
  const until = ready ? new Date(ready.expiresAt).toLocaleString(lang === 'es' ? 'es-US' : 'en-US', { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }) : '';

  return (
    <main className="public-page witness-page">
      <LanguageSwitch lang={lang} onChange={setLang} />
      <h1 ref={headingRef} tabIndex={-1}>{w.title}</h1>
      {state.kind === 'loading' && <p>{w.loading}</p>}
      {state.kind === 'bad' && <p className="witness-problem" role="alert">{w.badLink}</p>}
      {state.kind === 'expired' && <p className="witness-problem" role="alert">{w.expired}</p>}
      {state.kind === 'unreachable' && <p className="witness-problem" role="alert">{w.unreachable}</p>}
      {state.kind === 'finished' && <p className="witness-done" role="status">{w.thanks(state.files)}</p>}
      {ready && (
        <>
          <p>{w.intro(ready.centreName)}</p>
          <p className="hint">{w.validUntil(until)}</p>
          {ready.uploads.some((u) => u.state === 'complete') && (
            <div className="witness-already">
              <p>{w.already}</p>
              <ul>{ready.uploads.filter((u) => u.state === 'complete').map((u) => <li key={u.key}>{u.name}</li>)}</ul>
            </div>
          )}
          {partial.length > 0 && (
            <div className="witness-already">
              <p>{w.partial}</p>
              <ul>{partial.map((u) => <li key={u.key}>{w.partialFile(u.name, sizeText(u.offset), sizeText(u.size ?? u.offset))}</li>)}</ul>
            </div>
          )}
          <div className="form-field">
            <label htmlFor="witness-files" className={`file-pick${busy ? ' disabled' : ''}`}>{w.choose}</label>
            <input
              id="witness-files"
              className="file-input"
              type="file"
              multiple
              accept="image/*,video/*"
              aria-describedby="witness-files-hint"
              disabled={busy}
              onChange={(e) => {
                const files = [...(e.target.files ?? [])];
                setPicks((all) => [...all, ...files.map((file) => ({ id: nextId.current++, file, status: 'waiting' as const, sent: 0 }))]);
                e.target.value = '';
              }}
            />
            <p id="witness-files-hint" className="hint">{w.chooseHint(ready.maxPhotoBytes, ready.maxVideoBytes, ready.maxFiles)}</p>
          </div>
          <div className="checks">
            <label>
              <input type="checkbox" checked={wantLocation} onChange={(e) => setWantLocation(e.target.checked)} disabled={busy} aria-describedby="witness-location-hint" />
              {w.shareLocation}
            </label>
            <p id="witness-location-hint" className="hint">
              {w.locationHint} {wantLocation ? (locating ? w.loading : location ? w.locationFound(Math.round(location.accuracyM ?? 0)) : w.locationNone) : ''}
            </p>
          </div>
          {picks.length > 0 && (
            <ul className="witness-files" aria-label={w.files}>
              {picks.map((p) => (
                <li key={p.id} className={`witness-file ${p.status}`}>
                  <div className="witness-file-head">
                    <span className="witness-file-name">{p.file.name}</span> <span className="hint">{sizeText(p.file.size)}</span>
                    {(p.status === 'waiting' || p.status === 'refused' || p.status === 'failed') && !busy && (
                      <button type="button" className="secondary small-btn" aria-label={w.remove(p.file.name)} onClick={() => setPicks((all) => all.filter((x) => x.id !== p.id))}>×</button>
                    )}
                  </div>
                  <progress max={p.file.size || 1} value={p.sent} aria-label={w.progress(p.file.name)} />
                  <p className="witness-file-status" aria-live="polite">
                    {p.status === 'waiting' && w.waiting}
                    {p.status === 'sending' && `${w.sending} ${Math.floor((p.sent / Math.max(1, p.file.size)) * 100)}%`}
                    {p.status === 'resuming' && w.resuming}
                    {p.status === 'done' && (p.sha256 ? w.sentWith(p.sha256) : w.done)}
                    {(p.status === 'refused' || p.status === 'failed') && <span className="witness-problem">{w.refused}: {p.problem}</span>}
                  </p>
                </li>
              ))}
            </ul>
          )}
          {waiting > 0 && (
            <button type="button" className="wide" onClick={() => void sendAll()} disabled={busy}>
              {busy ? w.sending : w.send(waiting)}
            </button>
          )}
          {sentCount > 0 && !busy && waiting === 0 && (
            <>
              <button type="button" className="wide secondary" onClick={() => void finish()}>{w.finish}</button>
              <p className="hint">{w.finishHint}</p>
            </>
          )}
        </>
      )}
    </main>
  );
}
