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
  /** "May wander or get lost": also register in Help Me Home. */
  mayWander: boolean;
  wSex: string;
  wFeet: string;
  wInches: string;
  wPounds: string;
  wHair: string;
  wEyes: string;
  wFeatures: string;
  wClothing: string;
  wBehaviours: string;
  wTracking: string;
  wPlaces: Array<{ label: string; address: string }>;
}

const NO_WANDER = { mayWander: false, wSex: '', wFeet: '', wInches: '', wPounds: '', wHair: '', wEyes: '', wFeatures: '', wClothing: '', wBehaviours: '', wTracking: '', wPlaces: [] as Array<{ label: string; address: string }> };

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
    ...NO_WANDER,
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
    ...wanderFrom(f.wander),
  };
}

function wanderFrom(w: SpecialNeedsForm['wander']): typeof NO_WANDER {
  if (!w) return { ...NO_WANDER };
  const inches = w.heightCm ? Math.round(w.heightCm / 2.54) : null;
  return {
    mayWander: true, wSex: w.sex ?? '', wFeet: inches !== null ? String(Math.floor(inches / 12)) : '', wInches: inches !== null ? String(inches % 12) : '',
    wPounds: w.weightKg ? String(Math.round(w.weightKg * 2.20462)) : '', wHair: w.hair ?? '', wEyes: w.eyes ?? '', wFeatures: w.features ?? '',
    wClothing: w.usualClothing ?? '', wBehaviours: w.behaviours ?? '', wTracking: w.trackingDevice ?? '', wPlaces: w.destinations.map((d) => ({ ...d })),
  };
}

const num = (s: string) => (s.trim() && Number.isFinite(Number(s)) ? Number(s) : undefined);

function wanderPayload(s: FormState) {
  if (!s.mayWander) return undefined;
  const ft = num(s.wFeet);
  const lb = num(s.wPounds);
  return {
    sex: (s.wSex || undefined) as 'female' | 'male' | 'other' | 'unknown' | undefined,
    heightCm: ft !== undefined ? Math.round((ft * 12 + (num(s.wInches) ?? 0)) * 2.54) : undefined,
    weightKg: lb !== undefined ? Math.round(lb / 2.20462) : undefined,
    hair: opt(s.wHair), eyes: opt(s.wEyes), features: opt(s.wFeatures), usualClothing: opt(s.wClothing), behaviours: opt(s.wBehaviours), trackingDevice: opt(s.wTracking),
    destinations: s.wPlaces.filter((p) => p.label.trim() && p.address.trim()).map((p) => ({ label: p.label.trim(), address: p.address.trim() })),
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
    wander: wanderPayload(s),
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
