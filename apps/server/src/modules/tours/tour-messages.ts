import { agesIn, type TourLang, type TourPeriod, type TourPreference, type TourRules } from '@openpsap/contract';

/** Why a message goes out; also its `purpose` in outbound_messages. */
export type TourMessageKind = 'acknowledged' | 'confirmed' | 'declined' | 'cancelled' | 'withdrawn';

/** What a message about one request needs to say. */
export interface TourMessageFacts {
  kind: TourMessageKind;
  lang: TourLang;
  reference: string;
  contactName: string;
  organisation: string;
  groupSize: number;
  ages: string;
  preferences: TourPreference[];
  tourDate: string | null;
  period: TourPeriod | null;
  staffMessage: string | null;
  /** The requester's private page (view, calendar file, withdraw). */
  manageUrl: string | null;
  icsUrl: string | null;
}

const CENTRE = { en: '9-1-1 Communications Center', es: 'Centro de Comunicaciones 9-1-1' };
const PERIOD_WORDS: Record<TourLang, Record<TourPeriod, string>> = { en: { morning: 'morning', afternoon: 'afternoon' }, es: { morning: 'mañana', afternoon: 'tarde' } };

/** A local date as people write it: "Tuesday, May 12, 2026" or "martes, 12 de mayo de 2026". */
export function humanDate(date: string, lang: TourLang): string {
  // The date is a calendar date, so it is formatted in UTC: no zone may move it a day.
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-US' : 'es-US', { timeZone: 'UTC', weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' }).format(
    new Date(`${date}T12:00:00Z`),
  );
}

/** "Tuesday, May 12, 2026, morning (10:00-11:30)" in the requester's language. */
export function humanSlot(rules: TourRules, date: string, period: TourPeriod, lang: TourLang): string {
  const s = rules.slots[period];
  return `${humanDate(date, lang)}, ${PERIOD_WORDS[lang][period]} (${s.start}-${s.end})`;
}

/** An e-mail (subject and body) or a short SMS about a request, in the requester's language. */
export function composeTourMessage(rules: TourRules, f: TourMessageFacts, channel: 'email' | 'sms'): { subject: string; body: string } {
  const en = f.lang === 'en';
  const slot = f.tourDate && f.period ? humanSlot(rules, f.tourDate, f.period, f.lang) : '';
  const manage = f.manageUrl ? (en ? `To see your request or withdraw it: ${f.manageUrl}` : `Para ver su solicitud o retirarla: ${f.manageUrl}`) : '';
  const ics = f.icsUrl ? (en ? `Add it to your calendar: ${f.icsUrl}` : `Agréguela a su calendario: ${f.icsUrl}`) : '';
  const staff = f.staffMessage ? (en ? `Message from the centre: ${f.staffMessage}` : `Mensaje del centro: ${f.staffMessage}`) : '';
  let subject: string;
  let sms: string[];
  let mail: string[];
  switch (f.kind) {
    case 'acknowledged': {
      const wishes = f.preferences.map((p) => `- ${humanSlot(rules, p.date, p.period, f.lang)}`).join('\n');
      subject = en ? `Tour request ${f.reference} received` : `Solicitud de visita ${f.reference} recibida`;
      sms = en
        ? [`9-1-1 centre: we received tour request ${f.reference} for ${f.organisation}. An officer will reply soon.`, manage]
        : [`Centro 9-1-1: recibimos la solicitud de visita ${f.reference} de ${f.organisation}. Un oficial le responderá pronto.`, manage];
      mail = en
        ? [
            `Thank you for asking to visit the 9-1-1 centre with ${f.organisation} (${f.groupSize} people, ages ${f.ages}). Your reference is ${f.reference}.`,
            `The dates you asked for:\n${wishes}`,
            'A community services officer will confirm one of them, or suggest another, within a few working days.',
            manage,
          ]
        : [
            `Gracias por pedir una visita al centro 9-1-1 con ${f.organisation} (${f.groupSize} personas, edades ${agesIn(f.ages, 'es')}). Su número de referencia es ${f.reference}.`,
            `Las fechas que pidió:\n${wishes}`,
            'Un oficial de servicios comunitarios confirmará una de ellas, o le propondrá otra, en unos días hábiles.',
            manage,
          ];
      break;
    }
    case 'confirmed':
      subject = en ? `Tour ${f.reference} confirmed: ${slot}` : `Visita ${f.reference} confirmada: ${slot}`;
      sms = en ? [`9-1-1 centre: your tour ${f.reference} is confirmed for ${slot}.`, ics, manage] : [`Centro 9-1-1: su visita ${f.reference} está confirmada para el ${slot}.`, ics, manage];
      mail = en
        ? [
            `Your tour of the 9-1-1 centre for ${f.organisation} is confirmed for ${slot}.`,
            `Please come to the ${rules.venue} ten minutes early. Adults should bring photo ID.`,
            ics,
            manage,
          ]
        : [
            `Su visita al centro 9-1-1 con ${f.organisation} está confirmada para el ${slot}.`,
            `Por favor llegue a la entrada de visitantes (${rules.venue}) diez minutos antes. Los adultos deben traer una identificación con foto.`,
            ics,
            manage,
          ];
      break;
    case 'declined':
      subject = en ? `Tour request ${f.reference}: we cannot offer a visit` : `Solicitud de visita ${f.reference}: no podemos ofrecer una visita`;
      sms = en ? [`9-1-1 centre: we cannot offer a tour for request ${f.reference}.`, staff] : [`Centro 9-1-1: no podemos ofrecer una visita para la solicitud ${f.reference}.`, staff];
      mail = en
        ? [`We are sorry: we cannot offer ${f.organisation} a tour for request ${f.reference}.`, staff, 'You are welcome to send a new request with other dates.']
        : [`Lo sentimos: no podemos ofrecer una visita a ${f.organisation} para la solicitud ${f.reference}.`, staff, 'Puede enviar una nueva solicitud con otras fechas.'];
      break;
    case 'cancelled':
      subject = en ? `Tour ${f.reference} on ${slot} is cancelled` : `Visita ${f.reference} del ${slot} cancelada`;
      sms = en ? [`9-1-1 centre: we had to cancel your tour ${f.reference} on ${slot}.`, staff] : [`Centro 9-1-1: tuvimos que cancelar su visita ${f.reference} del ${slot}.`, staff];
      mail = en
        ? [`We are sorry: we have had to cancel the tour for ${f.organisation} on ${slot} (${f.reference}).`, staff, 'You are welcome to send a new request with other dates.']
        : [`Lo sentimos: tuvimos que cancelar la visita de ${f.organisation} del ${slot} (${f.reference}).`, staff, 'Puede enviar una nueva solicitud con otras fechas.'];
      break;
    case 'withdrawn':
      subject = en ? `Tour request ${f.reference} withdrawn` : `Solicitud de visita ${f.reference} retirada`;
      sms = en
        ? [`9-1-1 centre: tour request ${f.reference} was withdrawn as asked. If that was not you, reply to this message.`]
        : [`Centro 9-1-1: la solicitud de visita ${f.reference} fue retirada. Si no fue usted, responda a este mensaje.`];
      mail = en
        ? [`Tour request ${f.reference} for ${f.organisation} was withdrawn, as asked with your private link.`, 'If that was not you, reply to this message.']
        : [`La solicitud de visita ${f.reference} de ${f.organisation} fue retirada con su enlace privado.`, 'Si no fue usted, responda a este mensaje.'];
      break;
  }
  if (channel === 'sms') return { subject, body: sms.filter(Boolean).join(' ') };
  const greeting = en ? `Hello ${f.contactName},` : `Hola ${f.contactName}:`;
  return { subject, body: [greeting, ...mail.filter(Boolean), CENTRE[f.lang]].join('\n\n') };
}
