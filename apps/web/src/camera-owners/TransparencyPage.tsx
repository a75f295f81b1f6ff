import { useEffect, useState } from 'react';
import type { CameraTransparency } from '@openpsap/contract';
import { api } from '../api/client';
import { LanguageSwitch, useLang, words } from '../public/i18n';
import './camera-owners.css';

const WORDS = {
  en: {
    title: 'Cameras and the 9-1-1 centre: public figures',
    intro: 'How the Real-Time Crime Center uses cameras, in counts. No names, addresses or camera locations are published here.',
    camerasTitle: 'Cameras in the registry',
    city: 'City cameras',
    business: 'Business cameras',
    resident: 'Residents\' cameras',
    total: 'Total',
    consentsTitle: 'Owners\' written consents',
    active: 'Active',
    revoked: 'Revoked by their owners',
    expired: 'Expired',
    byLevel: 'Active consents by what they allow',
    registry: 'Registry only (contact me)',
    footage: 'Footage on request',
    live: 'Live view during incidents',
    monthsTitle: 'Use by month (last 12 months)',
    month: 'Month',
    liveViews: 'Live views',
    refused: 'Views refused',
    requests: 'Footage requests',
    rulesTitle: 'The rules',
    updated: (t: string) => `Figures as of ${t}.`,
    loading: 'Loading…',
    failed: 'The figures cannot be loaded right now. Try again later.',
    portal: 'Own a camera? Register it with the centre',
  },
  es: {
    title: 'Las cámaras y el centro 9-1-1: cifras públicas',
    intro: 'Cómo usa las cámaras el Centro de Respuesta en Tiempo Real, en cifras. Aquí no se publican nombres, direcciones ni ubicaciones de cámaras.',
    camerasTitle: 'Cámaras en el registro',
    city: 'Cámaras de la ciudad',
    business: 'Cámaras de negocios',
    resident: 'Cámaras de residentes',
    total: 'Total',
    consentsTitle: 'Consentimientos escritos de los dueños',
    active: 'Vigentes',
    revoked: 'Revocados por sus dueños',
    expired: 'Vencidos',
    byLevel: 'Consentimientos vigentes según lo que permiten',
    registry: 'Solo registro (contáctenme)',
    footage: 'Grabaciones a petición',
    live: 'Vista en vivo durante incidentes',
    monthsTitle: 'Uso por mes (últimos 12 meses)',
    month: 'Mes',
    liveViews: 'Vistas en vivo',
    refused: 'Vistas rechazadas',
    requests: 'Peticiones de grabación',
    rulesTitle: 'Las reglas',
    updated: (t: string) => `Cifras al ${t}.`,
    loading: 'Cargando…',
    failed: 'No se pueden cargar las cifras ahora. Inténtelo más tarde.',
    portal: '¿Tiene una cámara? Regístrela con el centro',
  },
};

const monthName = (m: string, lang: 'en' | 'es') => new Date(`${m}-15T12:00:00Z`).toLocaleDateString(lang === 'es' ? 'es-US' : 'en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** /transparency/cameras: the registry's public figures, no sign-in, no personal data. */
export function TransparencyPage() {
  const [lang, setLang] = useLang();
  const w = words(WORDS, lang);
  const [data, setData] = useState<CameraTransparency | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    setFailed(false);
    api<CameraTransparency>('GET', `/api/v1/public/transparency/cameras?lang=${lang}`).then(setData, () => setFailed(true));
  }, [lang]);
  useEffect(() => {
    document.title = w.title;
  }, [w.title]);
  const n = (x: number) => x.toLocaleString(lang === 'es' ? 'es-US' : 'en-US');
  return (
    <main className="public-page transparency-page">
      <LanguageSwitch lang={lang} onChange={setLang} />
      <h1>{w.title}</h1>
      <p>{w.intro}</p>
      {failed && <p className="field-error" role="alert">{w.failed}</p>}
      {!data && !failed && <p>{w.loading}</p>}
      {data && (
        <>
          <h2>{w.camerasTitle}</h2>
          <dl className="transparency-figures">
            {(['city', 'business', 'resident', 'total'] as const).map((k) => (
              <div key={k}><dt>{w[k]}</dt><dd>{n(data.cameras[k])}</dd></div>
            ))}
          </dl>
          <h2>{w.consentsTitle}</h2>
          <dl className="transparency-figures">
            {(['active', 'revoked', 'expired'] as const).map((k) => (
              <div key={k}><dt>{w[k]}</dt><dd>{n(data.consents[k])}</dd></div>
            ))}
          </dl>
          <h3>{w.byLevel}</h3>
          <dl className="transparency-figures">
            {(['registry', 'footage', 'live'] as const).map((k) => (
              <div key={k}><dt>{w[k]}</dt><dd>{n(data.consents.activeByLevel[k])}</dd></div>
            ))}
          </dl>
          <h2 id="transparency-months">{w.monthsTitle}</h2>
          <div className="transparency-table-wrap" tabIndex={0} role="region" aria-labelledby="transparency-months">
            <table aria-labelledby="transparency-months">
              <thead>
                <tr><th scope="col">{w.month}</th><th scope="col">{w.liveViews}</th><th scope="col">{w.refused}</th><th scope="col">{w.requests}</th></tr>
              </thead>
              <tbody>
                {[...data.months].reverse().map((m) => (
                  <tr key={m.month}><th scope="row">{monthName(m.month, lang)}</th><td>{n(m.liveViews)}</td><td>{n(m.viewsRefused)}</td><td>{n(m.footageRequests)}</td></tr>
                ))}
              </tbody>
            </table>
          </div>
          <h2>{w.rulesTitle}</h2>
          <ul className="transparency-rules">
            {data.rules.map((r) => <li key={r}>{r}</li>)}
          </ul>
          <p className="muted">{w.updated(new Date(data.generatedAt).toLocaleString(lang === 'es' ? 'es-US' : 'en-US', { dateStyle: 'long', timeStyle: 'short' }))}</p>
          <p><a href={`/public/cameras?lang=${lang}`}>{w.portal}</a></p>
        </>
      )}
    </main>
  );
}
