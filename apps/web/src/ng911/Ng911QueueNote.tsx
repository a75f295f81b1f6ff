import type { Ng911Call } from '@openpsap/contract';
import { locationWarning } from './Ng911CallPanel';

/** What a queue row adds for a call delivered over SIP: its line and a missing location. */
export function Ng911QueueNote({ ng911 }: { ng911: Ng911Call | undefined }) {
  if (!ng911) return null;
  const warning = locationWarning(ng911);
  return (
    <>
      {ng911.line === 'text' && <span className="badge">Text</span>}
      {ng911.line === 'admin' && <span className="badge">Admin</span>}
      {warning && <span className="badge danger">{warning}</span>}
    </>
  );
}
