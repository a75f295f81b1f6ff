import { useEffect, useState } from 'react';
import type { PublicAlert } from '@openpsap/contract';
import { publicAlerts } from '../alerts/alerts-api';
import { LanguageSwitch, useLang, words } from './i18n';
import { registerPublicRoute } from './public-routes';
import '../alerts/alerts.css';

const W = {
  en: {
    title: 'Active alerts',
    intro: 'Alerts issued by the 9-1-1 center that are in force now. If you see the person or vehicle described, call 9-1-1.',
    loading: 'Loading alerts…',
    none: 'There are no active alerts right now.',
    failed: 'The alerts could not be loaded. Try again in a moment; in an emergency call 9-1-1.',
    issued: 'Issued',
    updated: 'Updated',
    expires: 'Until',
    area: 'Area',
    whatToDo: 'What to do',
    cap: 'Alert message (CAP)',
    feed: 'Feed of active alerts (Atom)',
    photo: 'Photo',
    call: 'Call 9-1-1',
    contentNote: '',
  },
  es: {
    title: 'Alertas activas',
    intro: 'Alertas emitidas por el centro 9-1-1 que están vigentes. Si ve a la persona o el vehículo descritos, llame al 9-1-1.',
    loading: 'Cargando alertas…',
    none: 'No hay alertas activas en este momento.',
    failed: 'No se pudieron cargar las alertas. Inténtelo de nuevo en un momento; en una emergencia llame al 9-1-1.',
    issued: 'Emitida',
    updated: 'Actualizada',
    expires: 'Hasta',
    area: 'Zona',
    whatToDo: 'Qué hacer',
    cap: 'Mensaje de alerta (CAP)',
    feed: 'Canal de alertas activas (Atom)',
    photo: 'Foto',
    call: 'Llame al 9-1-1',
    contentNote: 'El texto de cada alerta se publica en inglés.',
  },
};

/** The centre's active public alerts, phone first, no sign-in. */
function AlertsPage() {
  const [lang, setLang] = useLang();
  const w = words(W, lang);
  const [alerts, setAlerts] = useState<PublicAlert[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    publicAlerts().then(setAlerts, () => setFailed(true));
  }, []);
  const fmt = (iso: string) => new Date(iso).toLocaleString(lang === 'es' ? 'es-US' : 'en-US', { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <main className="public-page public-alerts">
      <LanguageSwitch lang={lang} onChange={setLang} />
      <h1>{w.title}</h1>
      <p>{w.intro}</p>
      {w.contentNote && <p className="hint">{w.contentNote}</p>}
      {failed && <p role="alert" className="field-error">{w.failed}</p>}
      {!alerts && !failed && <p role="status">{w.loading}</p>}
      {alerts?.length === 0 && <p role="status">{w.none}</p>}
      {alerts?.map((a) => (
        <article key={a.id} id={`alert-${a.id}`} className={`public-alert kind-${a.kind}`} aria-labelledby={`alert-${a.id}-h`} lang="en">
          <p className="public-alert-event">{a.event}</p>
          <h2 id={`alert-${a.id}-h`}>{a.headline}</h2>
          {a.photoUrl && <img src={a.photoUrl} alt={`${w.photo}: ${a.headline}`} className="public-alert-photo" />}
          <p className="pre">{a.description}</p>
          {a.instruction && <p><strong lang={lang}>{w.whatToDo}:</strong> {a.instruction}</p>}
          <p className="hint" lang={lang}>
            {w.area}: <span lang="en">{a.areaDesc}</span>. {a.updatedAt !== a.issuedAt ? `${w.updated} ${fmt(a.updatedAt)}` : `${w.issued} ${fmt(a.issuedAt)}`}
            {a.expiresAt ? `. ${w.expires} ${fmt(a.expiresAt)}` : ''}
          </p>
          <p className="public-alert-actions" lang={lang}>
            <a className="call-911" href="tel:911">{w.call}</a> <a href={a.capUrl}>{w.cap}</a>
          </p>
        </article>
      ))}
      <p className="hint"><a href="/api/v1/public/alerts.atom">{w.feed}</a></p>
    </main>
  );
}

registerPublicRoute({ pattern: '/alerts', component: AlertsPage });
