import { useEffect, useState } from 'react';

const KEY = 'psap.camera-purpose';

/** The reason stated for opening the camera registry in this tab; remembered for the browser tab. */
export function useCameraPurpose(): [string, (p: string) => void] {
  const [purpose, setPurpose] = useState(() => sessionStorage.getItem(KEY) ?? '');
  return [
    purpose,
    (p) => {
      sessionStorage.setItem(KEY, p);
      setPurpose(p);
    },
  ];
}

/**
 * Asks why the registry is opened: it says where private cameras are and who owns them, so every
 * search and camera opened is audited with this reason. An incident picked in the RTCC screen is offered.
 */
export function CameraPurposeBar({ purpose, incidentId, onChange }: { purpose: string; incidentId: number | null; onChange: (p: string) => void }) {
  const [text, setText] = useState(purpose);
  useEffect(() => setText(purpose), [purpose]);
  const suggestions = [...(incidentId ? [`Incident ${incidentId}: cameras near the scene`] : []), 'Registry upkeep (city cameras)', 'Consent check for a private camera', 'Footage request follow-up'];
  return (
    <form className="camera-purpose" onSubmit={(e) => (e.preventDefault(), text.trim().length >= 3 && onChange(text.trim()))}>
      <label htmlFor="camera-purpose-input">Purpose of access</label>
      <input id="camera-purpose-input" list="camera-purpose-list" value={text} minLength={3} maxLength={300} placeholder="Why are you opening the camera registry?" onChange={(e) => setText(e.target.value)} />
      <datalist id="camera-purpose-list">
        {suggestions.map((s) => <option key={s} value={s} />)}
      </datalist>
      <button type="submit" disabled={text.trim().length < 3 || text.trim() === purpose}>Use</button>
      <span className="muted small">{purpose ? `Recorded with every view: "${purpose}"` : 'Every search and camera opened is recorded with this purpose.'}</span>
    </form>
  );
}
