import { useEffect, useState } from 'react';
import { LanguageSwitch, useLang } from '../public/i18n';
import { openLink } from './owner-api';
import { ownerWords } from './owner-words';
import './camera-owners.css';

/**
 * Where the e-mailed link lands. Signing in takes a tap rather than happening on load: mail
 * scanners that open links must not use up the owner's one-time link.
 */
export function OwnerLinkPage({ params }: { params: Record<string, string> }) {
  const [lang, setLang] = useLang();
  const w = ownerWords(lang);
  const [state, setState] = useState<'ready' | 'busy' | 'bad' | 'offline'>('ready');
  useEffect(() => {
    document.title = w.linkTitle;
  }, [w.linkTitle]);
  async function go() {
    setState('busy');
    try {
      await openLink(params.token ?? '');
      location.assign(`/public/cameras?lang=${lang}`);
    } catch (e) {
      setState((e as { status?: number }).status === 0 ? 'offline' : 'bad');
    }
  }
  return (
    <main className="public-page owner-page">
      <LanguageSwitch lang={lang} onChange={setLang} />
      <h1>{w.linkTitle}</h1>
      {state === 'bad' ? (
        <p className="field-error" role="alert">{w.linkBad} <a href={`/public/cameras?lang=${lang}`}>{w.linkAgain}</a></p>
      ) : (
        <>
          {state === 'offline' && <p className="field-error" role="alert">{w.network}</p>}
          <button type="button" className="owner-big" disabled={state === 'busy'} onClick={() => void go()}>{state === 'busy' ? w.loading : w.linkButton}</button>
        </>
      )}
    </main>
  );
}
