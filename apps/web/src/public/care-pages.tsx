import { useEffect, useState, type FormEvent } from 'react';
import type { CarePublicInfo } from '@openpsap/contract';
import { ApiError } from '../api/client';
import { checkInByCode, checkInByLink, loadLink } from '../care/care-api';
import { CARE_WORDS } from '../care/care-words';
import { LanguageSwitch, useLang, words, type Lang } from './i18n';
import { registerPublicRoute } from './public-routes';
import '../care/care.css';

/** A time as the senior's phone shows it (8:31 AM, 8:31). */
function timeText(iso: string, lang: Lang): string {
  return new Date(iso).toLocaleTimeString(lang === 'es' ? 'es-US' : 'en-US', { hour: 'numeric', minute: '2-digit' });
}

/** The wall-clock window as the senior reads it; the server sends 24-hour HH:MM. */
function windowText(hhmm: string, lang: Lang): string {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return new Date(2000, 0, 1, h, m).toLocaleTimeString(lang === 'es' ? 'es-US' : 'en-US', { hour: 'numeric', minute: '2-digit' });
}

type LinkState = { kind: 'loading' } | { kind: 'bad' } | { kind: 'unreachable' } | { kind: 'ready'; info: CarePublicInfo };

/** The page behind the personal link: the first name, the window and one big "I'm OK" button. */
function CareLinkPage({ params }: { params: Record<string, string> }) {
  const token = params.token ?? '';
  // A language in the link wins; otherwise the page follows the language the senior enrolled in.
  const [linkHadLang] = useState(() => new URLSearchParams(location.search).has('lang'));
  const [lang, setLang] = useLang();
  const w = words(CARE_WORDS, lang);
  const [state, setState] = useState<LinkState>({ kind: 'loading' });
  const [sending, setSending] = useState(false);
  const [done, setDone] = useState<{ at: string; already: boolean } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    loadLink(token).then(
      (info) => {
        setState({ kind: 'ready', info });
        if (!linkHadLang) setLang(info.language);
        if (info.checkedInAt) setDone({ at: info.checkedInAt, already: true });
      },
      (e: ApiError) => setState(e.status === 404 || e.status === 400 ? { kind: 'bad' } : { kind: 'unreachable' }),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [token]);

  async function ok() {
    setSending(true);
    setProblem(null);
    try {
      const r = await checkInByLink(token);
      setDone({ at: r.checkedInAt, already: false });
    } catch (e) {
      const err = e as ApiError;
      setProblem(err.status === 409 ? w.paused : err.status === 429 ? w.tooMany : err.status === 404 ? w.badLink : w.unreachable);
    } finally {
      setSending(false);
    }
  }

  const name = state.kind === 'ready' ? state.info.firstName : null;
  return (
    <main className="public-page care-public">
      <LanguageSwitch lang={lang} onChange={setLang} />
      <h1>{name ? w.hello(name) : w.title}</h1>
      {state.kind === 'loading' && <p>{w.loading}</p>}
      {state.kind === 'bad' && (
        <p className="care-problem" role="alert">
          {w.badLink} <a href={`/care?lang=${lang}`}>{w.codeTitle}</a>
        </p>
      )}
      {state.kind === 'unreachable' && <p className="care-problem" role="alert">{w.unreachable}</p>}
      {state.kind === 'ready' && state.info.paused && <p className="care-problem" role="alert">{w.paused}</p>}
      {state.kind === 'ready' && !state.info.paused && (
        <>
          <p className="care-window">{w.window(windowText(state.info.windowStart, lang), windowText(state.info.windowEnd, lang))}</p>
          {done ? (
            <p className="care-done" role="status">{done.already ? w.already(timeText(done.at, lang)) : w.thanks(name, timeText(done.at, lang))}</p>
          ) : (
            <>
              <p>{w.tapToday}</p>
              <button type="button" className="care-ok" onClick={() => void ok()} disabled={sending}>
                {sending ? w.sending : w.ok}
              </button>
            </>
          )}
          {problem && <p className="care-problem" role="alert">{problem}</p>}
        </>
      )}
      <p className="care-help">{w.callCentre}</p>
    </main>
  );
}

/** The page at /care for seniors without their link: the 6-digit code and the same button. */
function CareCodePage() {
  const [lang, setLang] = useLang();
  const w = words(CARE_WORDS, lang);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [done, setDone] = useState<{ at: string; already: boolean } | null>(null);

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    setProblem(null);
    const digits = code.replace(/\D/g, '');
    if (digits.length !== 6) {
      setError(w.codeFormat);
      return;
    }
    setError(null);
    setSending(true);
    try {
      const r = await checkInByCode(digits);
      setDone({ at: r.checkedInAt, already: r.alreadyCheckedIn });
    } catch (e) {
      const err = e as ApiError;
      if (err.fields?.code) setError(err.status === 422 ? w.codeWrong : w.codeFormat);
      else setProblem(err.status === 429 ? w.tooMany : err.status === 409 ? w.paused : w.unreachable);
    } finally {
      setSending(false);
    }
  }

  return (
    <main className="public-page care-public">
      <LanguageSwitch lang={lang} onChange={setLang} />
      <h1>{w.codeTitle}</h1>
      {done ? (
        <p className="care-done" role="status">{done.already ? w.already(timeText(done.at, lang)) : w.thanks(null, timeText(done.at, lang))}</p>
      ) : (
        <form onSubmit={submit} noValidate>
          <p>{w.codeIntro}</p>
          <label htmlFor="care-code">{w.codeLabel}</label>
          <p id="care-code-hint" className="care-help">{w.codeHint}</p>
          <input
            id="care-code"
            className="care-code-input"
            inputMode="numeric"
            autoComplete="off"
            maxLength={7}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            aria-invalid={Boolean(error)}
            aria-describedby={error ? 'care-code-hint care-code-error' : 'care-code-hint'}
          />
          {error && <p id="care-code-error" className="field-error" role="alert">{error}</p>}
          <button type="submit" className="care-ok" disabled={sending}>{sending ? w.sending : w.ok}</button>
          {problem && <p className="care-problem" role="alert">{problem}</p>}
        </form>
      )}
      <p className="care-help">{w.callCentre}</p>
    </main>
  );
}

registerPublicRoute({ pattern: '/care/:token', component: CareLinkPage });
registerPublicRoute({ pattern: '/care', component: CareCodePage });
