import type { Bolo, BoloCreateBody, BoloSubject, BoloUpdateBody } from '@openpsap/contract';

/** What the form holds: every box as text, as typed. */
export interface BoloDraft {
  subject: BoloSubject;
  kind: string;
  title: string;
  body: string;
  caution: string;
  description: string;
  incidentId: string;
  name: string;
  age: string;
  sex: string;
  height: string;
  build: string;
  clothing: string;
  plate: string;
  plateState: string;
  make: string;
  model: string;
  colour: string;
  year: string;
  direction: string;
  /** Hours from now, or '' to keep the current expiry (editing only). */
  hours: string;
}

export const emptyDraft = (): BoloDraft => ({
  subject: 'vehicle', kind: 'attempt-to-locate', title: '', body: '', caution: '', description: '', incidentId: '',
  name: '', age: '', sex: '', height: '', build: '', clothing: '',
  plate: '', plateState: '', make: '', model: '', colour: '', year: '', direction: '', hours: '24',
});

export function draftOf(b: Bolo): BoloDraft {
  const p = b.person;
  const v = b.vehicle;
  return {
    subject: b.subject, kind: b.kind, title: b.title, body: b.body, caution: b.caution ?? '', description: b.description ?? '', incidentId: b.incidentId ? String(b.incidentId) : '',
    name: p?.name ?? '', age: p?.age ?? '', sex: p?.sex ?? '', height: p?.height ?? '', build: p?.build ?? '', clothing: p?.clothing ?? '',
    plate: v?.plate ?? '', plateState: v?.plateState ?? '', make: v?.make ?? '', model: v?.model ?? '', colour: v?.colour ?? '', year: v?.year ? String(v.year) : '', direction: v?.direction ?? '',
    hours: '',
  };
}

const orNull = (s: string) => (s.trim() === '' ? null : s.trim());

function fields(d: BoloDraft): BoloUpdateBody {
  return {
    subject: d.subject,
    kind: d.kind as BoloCreateBody['kind'],
    body: d.body.trim(),
    caution: orNull(d.caution),
    description: orNull(d.description),
    incidentId: d.incidentId ? Number(d.incidentId) : null,
    person: d.subject === 'person' ? { name: orNull(d.name), age: orNull(d.age), sex: orNull(d.sex), height: orNull(d.height), build: orNull(d.build), clothing: orNull(d.clothing) } : null,
    vehicle:
      d.subject === 'vehicle'
        ? { plate: orNull(d.plate), plateState: orNull(d.plateState), make: orNull(d.make), model: orNull(d.model), colour: orNull(d.colour), year: d.year.trim() ? Number(d.year) : null, direction: orNull(d.direction) }
        : null,
  };
}

export function createBody(d: BoloDraft): BoloCreateBody {
  const f = fields(d);
  return { ...f, subject: d.subject, kind: f.kind!, body: f.body ?? '', ...(d.title.trim() ? { title: d.title.trim() } : {}), expiresInHours: Number(d.hours || '24') } as BoloCreateBody;
}

/** Only what changed, so units are told exactly that. */
export function updateBody(before: BoloDraft, d: BoloDraft): BoloUpdateBody {
  const a = fields(before) as Record<string, unknown>;
  const b = fields(d) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(b)) if (JSON.stringify(a[k]) !== JSON.stringify(b[k])) out[k] = b[k];
  if (d.title.trim() !== before.title.trim() && d.title.trim()) out.title = d.title.trim();
  if (d.hours) out.expiresInHours = Number(d.hours);
  return out as BoloUpdateBody;
}
