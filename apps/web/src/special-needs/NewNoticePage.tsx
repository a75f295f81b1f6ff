import { useState } from 'react';
import { api } from '../api/client';
import { LanguageSwitch, useLang } from '../public/i18n';
import { NoticeForm, type Payload } from './NoticeForm';
import { emptyForm } from './form-state';
import { useConsentText } from './use-consent-text';
import { SN_WORDS } from './words';

interface Submitted {
  id: number;
  manageUrl: string;
  pdfUrl: string;
}

/** The public Special Needs Notification form and its receipt. */
export function NewNoticePage() {
  const [lang, setLang] = useLang();
  const w = SN_WORDS[lang];
  const consent = useConsentText(lang);
  const [done, setDone] = useState<Submitted | null>(null);
  const [copied, setCopied] = useState(false);

  async function send(p: Payload) {
    const r = await api<Submitted>('POST', '/api/v1/public/special-needs', p);
    setDone(r);
    window.scrollTo(0, 0);
  }

  return (
    <main className="public-page">
      <LanguageSwitch lang={lang} onChange={setLang} />
      <h1>{w.title}</h1>
      {done ? (
        <section aria-live="polite" className="receipt">
          <h2>{w.thanks}</h2>
          <p>
            {w.reference}: <strong className="mono">SN-{String(done.id).padStart(6, '0')}</strong>
          </p>
          <p>{w.nextSteps}</p>
          <p className="warn-box">{w.keepLink}</p>
          <p className="link-box mono">{done.manageUrl}</p>
          <div className="stack">
            <button type="button" onClick={() => void navigator.clipboard?.writeText(done.manageUrl).then(() => setCopied(true))}>{copied ? w.copied : w.copyLink}</button>
            <a className="button" href={done.pdfUrl} download>{w.downloadPdf}</a>
            <a className="button secondary" href={done.manageUrl}>{w.openLink}</a>
          </div>
          <p className="hint">{w.emergency}</p>
        </section>
      ) : (
        <>
          <p>{w.intro}</p>
          <p className="hint">{w.emergency}</p>
          <NoticeForm lang={lang} initial={emptyForm()} consentText={consent} submitLabel={w.submit} onSubmit={send} />
        </>
      )}
    </main>
  );
}
