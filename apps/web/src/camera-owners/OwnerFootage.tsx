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
    if (!file) return setProblem(w.chooseFile);
    setProblem(null);
    setProgress(0);
    try {
      await uploadFootage(f.id, file, setProgress);
      onChanged();
    } catch (e) {
      setProblem(e instanceof ApiError && e.status === 415 ? w.notVideo : e instanceof ApiError && e.status === 0 ? w.network : (e as Error).message);
    } finally {
      setProgress(null);
    }
  }

  return (
    <li className={`owner-footage state-${f.state}`} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{w.camera}: {f.cameraName}</h3>
      <p className={`owner-footage-state state-${f.state}`}>{w.footageStates[f.state]}</p>
      <dl className="owner-facts">
        <dt>{w.window}</dt>
        <dd>{whenText(f.from, lang)} – {new Date(f.to).toLocaleTimeString(lang === 'es' ? 'es-US' : 'en-US', { timeStyle: 'short' })}</dd>
        <dt>{w.reason}</dt>
        <dd>{f.reason} ({w.incident(f.incidentNumber)})</dd>
        <dt>{w.askedBy}</dt>
        <dd>{f.requestedBy}, {whenText(f.createdAt, lang)}</dd>
        {f.ownerNote && (<><dt>{w.yourNote}</dt><dd>{f.ownerNote}</dd></>)}
        {f.cancelReason && (<><dt>{w.whyWithdrawn}</dt><dd>{f.cancelReason}</dd></>)}
      </dl>
      {f.state === 'requested' && (
        <>
          <p className="hint">{w.answerBy(dateText(f.expiresAt, lang))}</p>
          <label htmlFor={`${id}-note`}>{w.note}</label>
          <p id={`${id}-note-hint`} className="hint">{w.noteHint}</p>
          <input id={`${id}-note`} value={note} maxLength={1000} aria-describedby={`${id}-note-hint`} onChange={(e) => setNote(e.target.value)} />
          <div className="owner-buttons">
            <button type="button" disabled={busy} onClick={() => void decide('approve')}>{w.approve}</button>
            <button type="button" className="secondary" disabled={busy} onClick={() => void decide('decline')}>{w.decline}</button>
          </div>
        </>
      )}
      {f.state === 'approved' && (
        <div className="owner-upload">
          <label htmlFor={`${id}-file`}>{w.file}</label>
          <p id={`${id}-file-hint`} className="hint">{w.uploadHint}</p>
          <input id={`${id}-file`} type="file" accept="video/*" aria-describedby={`${id}-file-hint`} onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setProblem(null);
          }} />
          <button type="button" disabled={progress !== null} onClick={() => void upload()}>{progress !== null ? w.uploading(progress) : w.upload}</button>
          {progress !== null && <progress max={100} value={progress} aria-label={w.uploading(progress)} />}
        </div>
      )}
      {f.state === 'uploaded' && f.file && <p className="owner-uploaded">{w.uploaded(f.file.sha256)}<br /><span className="small muted">{f.file.name}</span></p>}
      {problem && <p className="field-error" role="alert">{problem}</p>}
    </li>
  );
}

export function OwnerFootage({ requests, lang, onChanged }: { requests: FootageRequest[]; lang: Lang; onChanged: () => void }) {
  const w = ownerWords(lang);
  const waiting = requests.filter((f) => f.state === 'requested' || f.state === 'approved').length;
  return (
    <section className="owner-card" aria-labelledby="owner-footage-title">
      <h2 id="owner-footage-title">{w.footageTitle}</h2>
      {waiting > 0 && <p className="owner-waiting">{w.footageWaiting(waiting)}</p>}
      {requests.length === 0 ? <p className="muted">{w.footageEmpty}</p> : <ul className="owner-list">{requests.map((f) => <FootageItem key={f.id} f={f} lang={lang} onChanged={onChanged} />)}</ul>}
    </section>
  );
}
