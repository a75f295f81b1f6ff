import { useEffect, useState } from 'react';
import type { SharedEvidenceView } from '@openpsap/contract';
import { LanguageSwitch, useLang, words } from '../public/i18n';
import { UploadRefused } from './chunked-upload';
import { sharedContentUrl, sharedView } from './witness-api';
import { SHARE_WORDS } from './witness-words';

type State = { kind: 'loading' } | { kind: 'bad' } | { kind: 'gone' } | { kind: 'unreachable' } | { kind: 'ready'; view: SharedEvidenceView };

/** What another agency or a unit sees behind a share link: the file, its fingerprint, its origin. */
export function SharedEvidencePage({ params }: { params: Record<string, string> }) {
  const token = params.token ?? '';
  const [lang, setLang] = useLang();
  const w = words(SHARE_WORDS, lang);
  const [state, setState] = useState<State>({ kind: 'loading' });
  useEffect(() => {
    sharedView(token).then(
      (view) => setState({ kind: 'ready', view }),
      (e: UploadRefused) => setState(e.status === 404 ? { kind: 'bad' } : e.status === 410 ? { kind: 'gone' } : { kind: 'unreachable' }),
    );
  }, [token]);
  const fmt = (iso: string) => new Date(iso).toLocaleString(lang === 'es' ? 'es-US' : 'en-US', { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <main className="public-page shared-evidence-page">
      <LanguageSwitch lang={lang} onChange={setLang} />
      <h1>{w.title}</h1>
      {state.kind === 'loading' && <p>{w.loading}</p>}
      {state.kind === 'bad' && <p className="witness-problem" role="alert">{w.bad}</p>}
      {state.kind === 'gone' && <p className="witness-problem" role="alert">{w.gone}</p>}
      {state.kind === 'unreachable' && <p className="witness-problem" role="alert">{w.unreachable}</p>}
      {state.kind === 'ready' && (
        <>
          <p>{state.view.centreName} · {w.sharedWith(state.view.recipient)}</p>
          {state.view.item.mediaKind === 'video' ? (
            <video className="shared-media" controls playsInline preload="metadata" src={sharedContentUrl(token)} aria-label={w.media(state.view.item.declaredName)} />
          ) : (
            <img className="shared-media" src={sharedContentUrl(token)} alt={w.media(state.view.item.declaredName)} />
          )}
          <dl className="shared-facts">
            <dt>{w.purpose}</dt><dd>{state.view.purpose}</dd>
            <dt>{w.sharedBy}</dt><dd>{state.view.sharedBy}</dd>
            <dt>{w.until}</dt><dd>{fmt(state.view.expiresAt)}</dd>
            {state.view.item.incidentNumber && (<><dt>{w.incident}</dt><dd>{state.view.item.incidentNumber}</dd></>)}
            <dt>{w.received}</dt><dd>{fmt(state.view.item.receivedAt)}</dd>
            <dt>{w.how}</dt><dd>{state.view.item.how}</dd>
            <dt>{w.size}</dt><dd>{(state.view.item.sizeBytes / 1024 / 1024).toFixed(2)} MB · {state.view.item.contentType}</dd>
            <dt>{w.fingerprint}</dt><dd className="mono sha">{state.view.item.sha256}</dd>
          </dl>
          <div className="stack">
            <a className="button" href={sharedContentUrl(token, true)}>{w.download}</a>
          </div>
          <p className="hint">{w.logged}</p>
        </>
      )}
    </main>
  );
}
