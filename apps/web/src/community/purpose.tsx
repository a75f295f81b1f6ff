import { useState } from 'react';

const KEY = 'psap.access-purpose';

/** Common reasons staff open these records; "Other" takes free text. */
export const PURPOSES = [
  'Program administration (review, enrolment, scheduling)',
  'Active call or incident',
  'Missing person search',
  'Records request from the person or their guardian',
  'Quality assurance review',
] as const;

/** The purpose stated for this browser tab's session; asked once, changeable at any time. */
export function usePurpose(): [string, (p: string) => void] {
  const [purpose, setPurpose] = useState<string>(() => sessionStorage.getItem(KEY) ?? '');
  return [
    purpose,
    (p: string) => {
      sessionStorage.setItem(KEY, p);
      setPurpose(p);
    },
  ];
}

/** Asks why the records are being opened. Every view and search carries the answer to the audit log. */
export function PurposeBar({ purpose, onChange }: { purpose: string; onChange: (p: string) => void }) {
  const known = (PURPOSES as readonly string[]).includes(purpose);
  const [choice, setChoice] = useState<string>(purpose ? (known ? purpose : 'other') : '');
  const [other, setOther] = useState(known ? '' : purpose);
  const apply = (c: string, o: string) => onChange(c === 'other' ? o.trim() : c);
  return (
    <form className="purpose-bar" onSubmit={(e) => (e.preventDefault(), apply(choice, other))}>
      <label htmlFor="purpose-choice">Purpose of access</label>
      <select
        id="purpose-choice"
        value={choice}
        onChange={(e) => {
          setChoice(e.target.value);
          if (e.target.value !== 'other') apply(e.target.value, other);
        }}
      >
        <option value="">Choose why you are opening these records…</option>
        {PURPOSES.map((p) => (
          <option key={p} value={p}>{p}</option>
        ))}
        <option value="other">Other (describe)</option>
      </select>
      {choice === 'other' && (
        <>
          <label htmlFor="purpose-other" className="sr-only">Describe the purpose</label>
          <input id="purpose-other" value={other} minLength={3} maxLength={300} placeholder="Describe the purpose" onChange={(e) => setOther(e.target.value)} />
          <button type="submit" disabled={other.trim().length < 3}>Use</button>
        </>
      )}
      <span className="muted small">Every view is recorded with this purpose.</span>
    </form>
  );
}
