import type { Lang } from '../public/i18n';

/** Everything the public tour pages say, in English and Spanish. */
export const TOUR_WORDS: Record<Lang, {
  title: string;
  intro: (r: { min: number; max: number; notice: number; months: number }) => string;
  group: string;
  organisation: string;
  organisationHint: string;
  groupSize: string;
  ages: string;
  agesHint: string;
  accessibility: string;
  accessibilityHint: string;
  contact: string;
  contactName: string;
  email: string;
  phone: string;
  contactHint: string;
  dates: string;
  datesHint: (earliest: string, latest: string) => string;
  choice: (n: number) => string;
  optional: string;
  date: string;
  time: string;
  morning: (slot: string) => string;
  afternoon: (slot: string) => string;
  message: string;
  send: string;
  sending: string;
  fixThese: string;
  required: string;
  notEmail: string;
  notPhone: string;
  needContact: string;
  notNumber: string;
  badAges: string;
  pickTime: string;
  sameChoice: string;
  thanksTitle: string;
  thanks: (reference: string) => string;
  thanksNext: (by: 'email' | 'sms') => string;
  another: string;
  network: string;
  // The private link page
  linkTitle: string;
  reference: string;
  state: Record<string, string>;
  yourDates: string;
  booked: string;
  addToCalendar: string;
  fromCentre: string;
  withdraw: string;
  withdrawSure: string;
  withdrawYes: string;
  keep: string;
  withdrawn: string;
  notFound: string;
  loading: string;
}> = {
  en: {
    title: 'Visit the 9-1-1 centre',
    intro: (r) =>
      `Schools, scout troops and neighbourhood groups are welcome to see how 9-1-1 calls are answered. Tours last 90 minutes on weekdays, for groups of ${r.min} to ${r.max} people. Ask at least ${r.notice} days and at most ${r.months} months ahead.`,
    group: 'Your group',
    organisation: 'School or organisation',
    organisationHint: 'For a class, add the grade (for example: Hampden Elementary, Grade 4).',
    groupSize: 'Number of people, adults included',
    ages: 'Ages',
    agesHint: 'A range such as 8-10, a list such as 8, 9, 12, or "adults".',
    accessibility: 'Accessibility needs (optional)',
    accessibilityHint: 'Wheelchairs, hearing, seating, anything that helps us prepare.',
    contact: 'How we reach you',
    contactName: 'Your name',
    email: 'E-mail',
    phone: 'Mobile phone',
    contactHint: 'Give an e-mail address or a mobile number (or both). We send your confirmation there.',
    dates: 'Preferred dates',
    datesHint: (earliest, latest) => `Up to three choices, Monday to Friday, between ${earliest} and ${latest}.`,
    choice: (n) => `Choice ${n}`,
    optional: '(optional)',
    date: 'Date',
    time: 'Time',
    morning: (slot) => `Morning (${slot})`,
    afternoon: (slot) => `Afternoon (${slot})`,
    message: 'Message (optional)',
    send: 'Send request',
    sending: 'Sending…',
    fixThese: 'Please correct these before sending:',
    required: 'is required',
    notEmail: 'must be an e-mail address such as name@example.org',
    notPhone: 'must be a phone number (digits, spaces, + ( ) - . /)',
    needContact: 'give an e-mail address or a phone number so we can answer',
    notNumber: 'must be a whole number',
    badAges: 'write ages as a range such as 8-10, a list such as 8, 9, 12, or adults',
    pickTime: 'choose morning or afternoon',
    sameChoice: 'is the same as an earlier choice',
    thanksTitle: 'Thank you, your request was sent',
    thanks: (reference) => `Your reference is ${reference}. Please quote it if you contact us.`,
    thanksNext: (by) => `We have sent an acknowledgement by ${by === 'email' ? 'e-mail' : 'text message'}, with a private link to see or withdraw your request. A community services officer will confirm a date within a few working days.`,
    another: 'Send another request',
    network: 'We could not reach the server. Check your connection and try again.',
    linkTitle: 'Your tour request',
    reference: 'Reference',
    state: { requested: 'Waiting for an officer to confirm a date', confirmed: 'Confirmed', declined: 'Declined by the centre', cancelled: 'Cancelled by the centre', withdrawn: 'Withdrawn by you' },
    yourDates: 'The dates you asked for',
    booked: 'Your tour',
    addToCalendar: 'Add to my calendar (.ics)',
    fromCentre: 'Message from the centre',
    withdraw: 'Withdraw this request',
    withdrawSure: 'Withdraw the request? The centre will free the slot for another group.',
    withdrawYes: 'Yes, withdraw',
    keep: 'No, keep it',
    withdrawn: 'Your request was withdrawn. We have sent you a confirmation.',
    notFound: 'This link does not match a tour request. Check that the whole link was copied.',
    loading: 'Loading…',
  },
  es: {
    title: 'Visite el centro 9-1-1',
    intro: (r) =>
      `Escuelas, grupos scout y grupos vecinales pueden ver cómo se contestan las llamadas al 9-1-1. Las visitas duran 90 minutos, de lunes a viernes, para grupos de ${r.min} a ${r.max} personas. Pídala con al menos ${r.notice} días y como máximo ${r.months} meses de anticipación.`,
    group: 'Su grupo',
    organisation: 'Escuela u organización',
    organisationHint: 'Para una clase, agregue el grado (por ejemplo: Escuela Hampden, 4.º grado).',
    groupSize: 'Número de personas, incluidos los adultos',
    ages: 'Edades',
    agesHint: 'Un rango como 8-10, una lista como 8, 9, 12, o "adultos".',
    accessibility: 'Necesidades de accesibilidad (opcional)',
    accessibilityHint: 'Sillas de ruedas, audición, asientos, lo que nos ayude a preparar la visita.',
    contact: 'Cómo le contactamos',
    contactName: 'Su nombre',
    email: 'Correo electrónico',
    phone: 'Teléfono celular',
    contactHint: 'Dé un correo electrónico o un número de celular (o ambos). Allí le enviaremos la confirmación.',
    dates: 'Fechas preferidas',
    datesHint: (earliest, latest) => `Hasta tres opciones, de lunes a viernes, entre el ${earliest} y el ${latest}.`,
    choice: (n) => `Opción ${n}`,
    optional: '(opcional)',
    date: 'Fecha',
    time: 'Horario',
    morning: (slot) => `Mañana (${slot})`,
    afternoon: (slot) => `Tarde (${slot})`,
    message: 'Mensaje (opcional)',
    send: 'Enviar solicitud',
    sending: 'Enviando…',
    fixThese: 'Corrija lo siguiente antes de enviar:',
    required: 'es obligatorio',
    notEmail: 'debe ser un correo electrónico como nombre@ejemplo.org',
    notPhone: 'debe ser un número de teléfono (dígitos, espacios, + ( ) - . /)',
    needContact: 'dé un correo electrónico o un número de teléfono para poder responderle',
    notNumber: 'debe ser un número entero',
    badAges: 'escriba las edades como un rango (8-10), una lista (8, 9, 12) o adultos',
    pickTime: 'elija mañana o tarde',
    sameChoice: 'es igual a una opción anterior',
    thanksTitle: 'Gracias, su solicitud fue enviada',
    thanks: (reference) => `Su número de referencia es ${reference}. Menciónelo si se comunica con nosotros.`,
    thanksNext: (by) => `Le enviamos un acuse de recibo por ${by === 'email' ? 'correo electrónico' : 'mensaje de texto'}, con un enlace privado para ver o retirar su solicitud. Un oficial de servicios comunitarios confirmará una fecha en unos días hábiles.`,
    another: 'Enviar otra solicitud',
    network: 'No pudimos comunicarnos con el servidor. Revise su conexión e intente de nuevo.',
    linkTitle: 'Su solicitud de visita',
    reference: 'Referencia',
    state: { requested: 'Esperando que un oficial confirme una fecha', confirmed: 'Confirmada', declined: 'Rechazada por el centro', cancelled: 'Cancelada por el centro', withdrawn: 'Retirada por usted' },
    yourDates: 'Las fechas que pidió',
    booked: 'Su visita',
    addToCalendar: 'Agregar a mi calendario (.ics)',
    fromCentre: 'Mensaje del centro',
    withdraw: 'Retirar esta solicitud',
    withdrawSure: '¿Retirar la solicitud? El centro liberará el horario para otro grupo.',
    withdrawYes: 'Sí, retirar',
    keep: 'No, conservarla',
    withdrawn: 'Su solicitud fue retirada. Le enviamos una confirmación.',
    notFound: 'Este enlace no corresponde a ninguna solicitud de visita. Verifique que copió el enlace completo.',
    loading: 'Cargando…',
  },
};

/** A local date as people read it in the page's language: "Tuesday, March 18, 2031". */
export function readableDate(date: string, lang: Lang): string {
  // A calendar date: formatted in UTC so the browser's zone cannot move it a day.
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-US' : 'es-US', { timeZone: 'UTC', weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' }).format(new Date(`${date}T12:00:00Z`));
}
