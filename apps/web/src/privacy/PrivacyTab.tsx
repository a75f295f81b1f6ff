import { useState } from 'react';
import type { ProgramTabProps } from '../community/program-tabs';
import { PrivacyRequests } from './PrivacyRequests';
import { PrivacySearch } from './PrivacySearch';
import { RetentionRules } from './RetentionRules';
import './privacy.css';

/**
 * Privacy of the community programs for supervisors and administrators: find a person's records,
 * export or request their deletion, complete others' deletion requests, and set retention.
 */
export function PrivacyTab({ user, purpose }: ProgramTabProps) {
  const [status, setStatus] = useState('');
  // Bumped after each new request or completion, so the list below reloads.
  const [version, setVersion] = useState(0);
  const changed = (message: string) => {
    setStatus(message);
    setVersion((v) => v + 1);
  };
  return (
    <div className="privacy-tab">
      <p role="status" className="privacy-status">{status}</p>
      <PrivacySearch purpose={purpose} onRequested={changed} />
      <PrivacyRequests user={user} purpose={purpose} version={version} onChanged={changed} />
      <RetentionRules onSaved={setStatus} />
    </div>
  );
}
