import { CONDITION_LABELS, CONDITION_LABELS_ES } from '@openpsap/contract';
import { PdfDocument } from '../../pdf/pdf-writer';
import type { NoticeRow } from './special-needs.queries';

type Lang = 'en' | 'es';

const L = {
  en: {
    title: 'Special Needs Notification',
    sub: 'Copy for your records',
    ref: 'Reference', submitted: 'Submitted', status: 'Status', expires: 'Confirm again by',
    states: { pending: 'Waiting for review', 'needs-info': 'More information requested', approved: 'Active', rejected: 'Not accepted', withdrawn: 'Withdrawn' },
    person: 'The person', name: 'Name', preferred: 'Preferred name', dob: 'Date of birth', address: 'Address',
    needs: 'Needs', conditions: 'Conditions', communication: 'How to communicate and calm', medications: 'Medications / devices', equipment: 'Equipment', access: 'Access to the home',
    contacts: 'Emergency contacts', submitter: 'Submitted by', phone: 'Phone', email: 'E-mail', photo: 'Photo',
    consent: 'Consent',
    consentText: 'I agree that the information above may be shown to 9-1-1 call-takers, dispatchers and emergency responders when they handle a call at this address, and that the centre may contact me to confirm it once a year.',
    signed: 'Signed (typed name)', date: 'Date',
    keep: 'Keep your private link safe: anyone with it can see, change or withdraw this notification.',
  },
  es: {
    title: 'Notificación de Necesidades Especiales',
    sub: 'Copia para sus archivos',
    ref: 'Referencia', submitted: 'Enviada', status: 'Estado', expires: 'Confirmar de nuevo antes de',
    states: { pending: 'En espera de revisión', 'needs-info': 'Se pidió más información', approved: 'Activa', rejected: 'No aceptada', withdrawn: 'Retirada' },
    person: 'La persona', name: 'Nombre', preferred: 'Nombre preferido', dob: 'Fecha de nacimiento', address: 'Dirección',
    needs: 'Necesidades', conditions: 'Condiciones', communication: 'Cómo comunicarse y calmarle', medications: 'Medicamentos / dispositivos', equipment: 'Equipo', access: 'Acceso a la vivienda',
    contacts: 'Contactos de emergencia', submitter: 'Enviada por', phone: 'Teléfono', email: 'Correo', photo: 'Foto',
    consent: 'Consentimiento',
    consentText: 'Acepto que la información anterior se muestre a los operadores del 9-1-1, despachadores y personal de emergencia cuando atiendan una llamada en esta dirección, y que el centro me contacte una vez al año para confirmarla.',
    signed: 'Firma (nombre escrito)', date: 'Fecha',
    keep: 'Guarde su enlace privado: cualquiera que lo tenga puede ver, cambiar o retirar esta notificación.',
  },
} as const;

/** The consent statement the public form shows, in the same words as the PDF. */
export const CONSENT_TEXT = { en: L.en.consentText, es: L.es.consentText };

const day = (d: Date | null, lang: Lang) => (d ? new Intl.DateTimeFormat(lang === 'es' ? 'es-US' : 'en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(d) : null);

/** The submitter's copy of their notification, in the language they used. */
export function noticePdf(n: NoticeRow, photo: Buffer | null, centreName: string): Buffer {
  const f = n.form;
  const lang: Lang = f.language === 'es' ? 'es' : 'en';
  const t = L[lang];
  const names = lang === 'es' ? CONDITION_LABELS_ES : CONDITION_LABELS;
  const d = new PdfDocument();
  d.line(centreName, { size: 10 });
  d.line(t.title, { size: 20, bold: true });
  d.line(t.sub, { size: 11, gap: 6 });
  d.field(t.ref, `SN-${String(n.id).padStart(6, '0')}`);
  d.field(t.submitted, day(n.submitted_at, lang));
  d.field(t.status, t.states[n.state]);
  if (n.state === 'approved') d.field(t.expires, day(n.expires_at, lang));

  d.heading(t.person);
  if (photo) d.jpeg(photo, { maxWidth: 120, maxHeight: 150 });
  d.field(t.name, `${f.person.firstName} ${f.person.lastName}`);
  d.field(t.preferred, f.person.preferredName);
  d.field(t.dob, f.person.dateOfBirth);
  d.field(t.address, [f.address.street, f.address.unit, f.address.city, f.address.zip].filter(Boolean).join(', '));

  d.heading(t.needs);
  d.field(t.conditions, f.conditions.map((c) => (c === 'other' && f.conditionsOther ? `${names.other}: ${f.conditionsOther}` : names[c])).join(', '));
  d.field(t.communication, f.communication);
  d.field(t.medications, f.medications);
  d.field(t.equipment, f.equipment);
  d.field(t.access, f.access);

  d.heading(t.contacts);
  for (const c of f.contacts) d.field(c.name, [c.relationship, c.phone].filter(Boolean).join(' · '));

  d.heading(t.submitter);
  d.field(t.name, [f.submitter.name, f.submitter.relationship].filter(Boolean).join(' · '));
  d.field(t.phone, f.submitter.phone);
  d.field(t.email, f.submitter.email);

  d.heading(t.consent);
  d.paragraph(t.consentText);
  d.y -= 6;
  d.field(t.signed, f.consent.signedName);
  d.field(t.date, f.consent.signedDate);
  d.y -= 10;
  d.paragraph(t.keep, { size: 9 });
  return d.toBuffer({ title: `${t.title} SN-${String(n.id).padStart(6, '0')}`, footer: `${centreName} · ${t.title}` });
}
