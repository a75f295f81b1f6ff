import { useState } from 'react';
import type { FootageRequest } from '@openpsap/contract';
import { ApiError } from '../api/client';
import type { Lang } from '../public/i18n';
import { decideFootage, uploadFootage } from './owner-api';
import { dateText, ownerWords, whenText } from './owner-words';

/** One request: what is wanted and why, approve or decline, then the file. */
function FootageItem({ f, lang, onChanged }: { f: FootageRequest; lang: Lang; onChanged: () => void }) {
  const w = ownerWords(lang);
  const [note, setNote] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `footage-${f.id}`;

  async function decide(d: 'approve' | 'decline') {
    setBusy(true);
    setProblem(null);
    try {
      await decideFootage(f.id, d, note.trim() || undefined);
      onChanged();
    } catch (e) {
      setProblem((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  async function upload() {
    if (!file) return;
    setProblem(null);
    setProgress(0);
    try {
      await uploadFootage(f.id, file, setProgress);
      onChanged();
    } catch (e) {
      setProblem(e instanceof ApiError && e.status === 415 ? w.notVideo : (e as Error).message);
    } finally {
      setProgress(null);
    }
  }

  return (
    <li className={`owner-footage state-${f.state}`}>
      <h4 id={`${id}-title`}>{w.camera}: {f.cameraName} — {w.footageStates[f.state]}</h4>
      <dl className="owner-facts">
        <dt>{w.window}</dt>
        <dd>{whenText(f.from, lang)} – {new Date(f.to).toLocaleTimeString(lang === 'es' ? 'es-US' : 'en-US', { timeStyle: 'short' })}</dd>
        <dt>{w.reason}</dt>
        <dd>{f.reason} ({w.incident(f.incidentNumber)})</dd>
      </dl>
      {f.state === 'requested' && (
        <>
          <p className="hint">{w.answerBy(dateText(f.expiresAt, lang))}</p>
          <label htmlFor={`${id}-note`}>{w.note}</label>
          <input id={`${id}-note`} value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} />
          <div className="owner-buttons">
            <button type="button" disabled={busy} onClick={() => void decide('approve')}>{w.approve}</button>
            <button type="button" className="secondary" disabled={busy} onClick={() => void decide('decline')}>{w.decline}</button>
          </div>
        </>
      )}
      {f.state === 'approved' && (
        <div className="owner-upload">
          <label htmlFor={`${id}-file`}>{w.file}</label>
          <input id={`${id}-file`} type="file" accept="video/*" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          <button type="button" disabled={!file || progress !== null} onClick={() => void upload()}>{progress !== null ? w.uploading(progress) : w.upload}</button>
          {progress !== null && <progress max={100} value={progress} aria-label={w.uploading(progress)} />}
        </div>
      )}
      {f.state === 'uploaded' && f.file && <p role="status">{w.uploaded(f.file.sha256)}</p>}
      {problem && <p className="field-error" role="alert">{problem}</p>}
    </li>
  );
}

export function OwnerFootage({ requests, lang, onChanged }: { requests: FootageRequest[]; lang: Lang; onChanged: () => void }) {
  const w = ownerWords(lang);
  return (
    <section className="owner-card" aria-labelledby="owner-footage-title">
      <h2 id="owner-footage-title">{w.footageTitle}</h2>
      {requests.length === 0 ? <p className="muted">{w.footageEmpty}</p> : <ul className="owner-list">{requests.map((f) => <FootageItem key={f.id} f={f} lang={lang} onChanged={onChanged} />)}</ul>}
    </section>
  );
}
