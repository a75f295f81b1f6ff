import { useState, type FormEvent, type ReactNode } from 'react';
import type { ShareCreated } from '@openpsap/contract';
import { ApiError } from '../api/client';
import { shareEvidence } from './evidence-api';

/** Shares one item by an expiring link with another agency, a unit or a named person. */
export function ShareForm({ evidenceId, onShared, onCancel }: { evidenceId: number; onShared: (s: ShareCreated) => void; onCancel: () => void }) {
  const [recipientKind, setKind] = useState<'agency' | 'unit' | 'other'>('agency');
  const [recipient, setRecipient] = useState('');
  const [unitId, setUnitId] = useState('');
  const [purpose, setPurpose] = useState('');
  const [hours, setHours] = useState('72');
  const [sendTo, setSendTo] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const id = `share-${evidenceId}`;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    try {
      onShared(await shareEvidence(evidenceId, {
        recipientKind,
        recipient,
        purpose,
        hours: Number(hours) || undefined,
        ...(recipientKind === 'unit' && unitId ? { unitId: Number(unitId) } : {}),
        ...(sendTo.trim() ? { sendTo: sendTo.trim() } : {}),
      }));
    } catch (err) {
      const a = err as ApiError;
      setErrors(Object.keys(a.fields).length ? a.fields : { form: a.message });
    }
  }

  const field = (name: string, label: string, input: ReactNode) => (
    <div>
      <label htmlFor={`${id}-${name}`}>{label}</label>
      {input}
      {errors[name] && <p id={`${id}-${name}-err`} className="error small">{errors[name]}</p>}
    </div>
  );
  const err = (name: string) => ({ 'aria-invalid': Boolean(errors[name]), 'aria-describedby': errors[name] ? `${id}-${name}-err` : undefined });

  return (
    <form className="evidence-form" onSubmit={(e) => void submit(e)} aria-label="Share this item">
      <div className="evidence-form-row">
        {field('recipientKind', 'Share with', (
          <select id={`${id}-recipientKind`} value={recipientKind} onChange={(e) => setKind(e.target.value as typeof recipientKind)}>
            <option value="agency">Another agency</option>
            <option value="unit">A unit</option>
            <option value="other">A named person</option>
          </select>
        ))}
        {field('recipient', 'Recipient', <input id={`${id}-recipient`} value={recipient} onChange={(e) => setRecipient(e.target.value)} {...err('recipient')} />)}
        {recipientKind === 'unit' && field('unitId', 'Unit number (id)', <input id={`${id}-unitId`} inputMode="numeric" value={unitId} onChange={(e) => setUnitId(e.target.value)} {...err('unitId')} />)}
      </div>
      <div className="evidence-form-row">
        {field('purpose', 'Purpose of sharing', <input id={`${id}-purpose`} value={purpose} onChange={(e) => setPurpose(e.target.value)} {...err('purpose')} />)}
        {field('hours', 'Link works for (hours)', <input id={`${id}-hours`} inputMode="numeric" value={hours} onChange={(e) => setHours(e.target.value)} {...err('hours')} />)}
        {field('sendTo', 'Send link to (phone or e-mail, optional)', <input id={`${id}-sendTo`} value={sendTo} onChange={(e) => setSendTo(e.target.value)} {...err('sendTo')} />)}
      </div>
      {errors.form && <p className="error small" role="alert">{errors.form}</p>}
      <div className="inline-controls">
        <button type="submit">Create share link</button>
        <button type="button" className="secondary" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}
