import type { SpecialNeedsCondition, SpecialNeedsForm } from '@openpsap/contract';
import type { Lang } from '../public/i18n';

/** The form as the inputs hold it: every text a string, empty when not given. */
export interface FormState {
  firstName: string;
  lastName: string;
  preferredName: string;
  dateOfBirth: string;
  street: string;
  unit: string;
  city: string;
  zip: string;
  conditions: SpecialNeedsCondition[];
  conditionsOther: string;
  communication: string;
  medications: string;
  equipment: string;
  access: string;
  contacts: Array<{ name: string; relationship: string; phone: string }>;
  submitterName: string;
  submitterRelationship: string;
  submitterPhone: string;
  submitterEmail: string;
  agreed: boolean;
  signedName: string;
  signedDate: string;
}

export const localToday = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

export function emptyForm(): FormState {
  return {
    firstName: '', lastName: '', preferredName: '', dateOfBirth: '',
    street: '', unit: '', city: '', zip: '',
    conditions: [], conditionsOther: '',
    communication: '', medications: '', equipment: '', access: '',
    contacts: [{ name: '', relationship: '', phone: '' }],
    submitterName: '', submitterRelationship: '', submitterPhone: '', submitterEmail: '',
    agreed: false, signedName: '', signedDate: localToday(),
  };
}

/** A stored notification back into the inputs, for corrections; consent is signed afresh. */
export function fromRecord(f: Omit<SpecialNeedsForm, 'photo'>): FormState {
  return {
    firstName: f.person.firstName, lastName: f.person.lastName, preferredName: f.person.preferredName ?? '', dateOfBirth: f.person.dateOfBirth ?? '',
    street: f.address.street, unit: f.address.unit ?? '', city: f.address.city ?? '', zip: f.address.zip ?? '',
    conditions: [...f.conditions], conditionsOther: f.conditionsOther ?? '',
    communication: f.communication ?? '', medications: f.medications ?? '', equipment: f.equipment ?? '', access: f.access ?? '',
    contacts: f.contacts.map((c) => ({ name: c.name, relationship: c.relationship ?? '', phone: c.phone })),
    submitterName: f.submitter.name, submitterRelationship: f.submitter.relationship ?? '', submitterPhone: f.submitter.phone ?? '', submitterEmail: f.submitter.email ?? '',
    agreed: false, signedName: '', signedDate: localToday(),
  };
}

const opt = (s: string) => (s.trim() ? s.trim() : undefined);

/** The request body; empty optional fields are left out rather than sent as "". */
export function toPayload(s: FormState, lang: Lang, photoBase64: string | null) {
  return {
    language: lang,
    person: { firstName: s.firstName.trim(), lastName: s.lastName.trim(), preferredName: opt(s.preferredName), dateOfBirth: opt(s.dateOfBirth) },
    address: { street: s.street.trim(), unit: opt(s.unit), city: opt(s.city), zip: opt(s.zip) },
    conditions: s.conditions,
    conditionsOther: s.conditions.includes('other') ? opt(s.conditionsOther) : undefined,
    communication: opt(s.communication),
    medications: opt(s.medications),
    equipment: opt(s.equipment),
    access: opt(s.access),
    contacts: s.contacts.map((c) => ({ name: c.name.trim(), relationship: opt(c.relationship), phone: c.phone.trim() })),
    submitter: { name: s.submitterName.trim(), relationship: opt(s.submitterRelationship), phone: opt(s.submitterPhone), email: opt(s.submitterEmail) },
    photo: photoBase64 ? { contentType: 'image/jpeg' as const, data: photoBase64 } : undefined,
    consent: { agreed: s.agreed, signedName: s.signedName.trim(), signedDate: s.signedDate },
  };
}

/** The checks a person can fix before sending, keyed like the server's field names. */
export function checkForm(s: FormState, w: { requiredField: string; chooseCondition: string; mustAgree: string; checkField: string }): Record<string, string> {
  const e: Record<string, string> = {};
  const need = (key: string, v: string) => {
    if (!v.trim()) e[key] = w.requiredField;
  };
  need('person.firstName', s.firstName);
  need('person.lastName', s.lastName);
  need('address.street', s.street);
  if (s.zip.trim() && !/^\d{5}(-\d{4})?$/.test(s.zip.trim())) e['address.zip'] = w.checkField;
  if (!s.conditions.length) e.conditions = w.chooseCondition;
  if (s.conditions.includes('other')) need('conditionsOther', s.conditionsOther);
  s.contacts.forEach((c, i) => {
    need(`contacts.${i}.name`, c.name);
    need(`contacts.${i}.phone`, c.phone);
    if (c.phone.trim() && !/^\+?[0-9 ()./-]{3,}$/.test(c.phone.trim())) e[`contacts.${i}.phone`] = w.checkField;
  });
  need('submitter.name', s.submitterName);
  if (s.submitterEmail.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s.submitterEmail.trim())) e['submitter.email'] = w.checkField;
  if (s.submitterPhone.trim() && !/^\+?[0-9 ()./-]{3,}$/.test(s.submitterPhone.trim())) e['submitter.phone'] = w.checkField;
  if (!s.agreed) e['consent.agreed'] = w.mustAgree;
  need('consent.signedName', s.signedName);
  need('consent.signedDate', s.signedDate);
  return e;
}
