import { CONDITION_LABELS, DISPATCH_RELEVANT_CONDITIONS, type Role, type SpecialNeedsForm } from '@openpsap/contract';

/** What a special-needs caution shows: one summary line for all, then per role only what that role acts on. */
export interface CautionContent {
  summary: string;
  byRole: {
    details: Partial<Record<Role, string>>;
    photoUrl: string | null;
    photoRoles: Role[];
  };
}

type Form = Omit<SpecialNeedsForm, 'photo'>;

const join = (parts: Array<string | null | undefined | false>, sep = '\n') => parts.filter(Boolean).join(sep);

function conditionList(form: Form, only?: readonly string[]): string {
  const labels = form.conditions.filter((c) => !only || only.includes(c)).map((c) => (c === 'other' && form.conditionsOther ? form.conditionsOther : CONDITION_LABELS[c]));
  return labels.join(', ');
}

function personLine(form: Form): string {
  const p = form.person;
  const name = `${p.firstName} ${p.lastName}${p.preferredName ? ` ("${p.preferredName}")` : ''}`;
  return p.dateOfBirth ? `${name}, born ${p.dateOfBirth}` : name;
}

/**
 * Builds the caution from an approved form. The summary names no one (any role on the floor sees
 * it); a call-taker gets how to talk with the person, a dispatcher what changes the response
 * (equipment, mobility, access), a responder and a supervisor everything including contacts.
 */
export function cautionContent(noticeId: number, form: Form, hasPhoto: boolean): CautionContent {
  const summary = `Special needs: ${conditionList(form)}`.slice(0, 200);
  const unit = form.address.unit ? `Unit ${form.address.unit}` : null;
  const callTaker = join([personLine(form), unit, form.communication && `How to communicate: ${form.communication}`]);
  const relevant = conditionList(form, DISPATCH_RELEVANT_CONDITIONS);
  const dispatcher = join([unit, relevant && `Affects the response: ${relevant}`, form.equipment && `Equipment: ${form.equipment}`, form.access && `Access: ${form.access}`]);
  const contacts = form.contacts.map((c) => `${c.name}${c.relationship ? ` (${c.relationship})` : ''} ${c.phone}`).join('; ');
  const full = join([
    personLine(form),
    unit,
    `Conditions: ${conditionList(form)}`,
    form.communication && `How to communicate and calm: ${form.communication}`,
    form.medications && `Medications / devices: ${form.medications}`,
    form.equipment && `Equipment: ${form.equipment}`,
    form.access && `Access: ${form.access}`,
    `Emergency contacts: ${contacts}`,
  ]);
  return {
    summary,
    byRole: {
      details: { 'call-taker': callTaker, dispatcher: dispatcher || 'No equipment or access notes.', responder: full, supervisor: full },
      photoUrl: hasPhoto ? `/api/v1/special-needs/${noticeId}/photo` : null,
      // Seeing the person's face helps the people who will meet them; the call-taker only talks.
      photoRoles: ['responder', 'dispatcher', 'supervisor'],
    },
  };
}
