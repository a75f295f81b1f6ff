import { forwardRef, useEffect, useImperativeHandle, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Caution } from '@openpsap/contract';
import { CautionList } from '../shared/CautionList';
import type { Call, GeocodeCandidate, IncidentSummary, NearbyIncident, Recommendation } from '@openpsap/contract';
import { api, ApiError } from '../api/client';
import { formatEta } from '../shared/time';
import { matchTypes, useIncidentTypes, type TypeOption } from './incident-types';

export interface PickedLocation {
  text: string;
  lat: number;
  lon: number;
  zones: Record<string, string>;
  how: 'geocoded' | 'map';
}

export interface CallIntakeHandle {
  focus(): void;
  /** A click on the map sets or corrects the location. */
  setPoint(lat: number, lon: number): void;
}

const SOURCES = ['911', 'non-emergency', 'text', 'alarm', 'officer-initiated', 'walk-in'] as const;

/**
 * Taking a call: the address (suggestions on every keystroke, misspellings forgiven, Enter takes
 * the first), the type (APCO code or words), priority, caller and narrative. Enter moves on;
 * Enter in the narrative creates the incident. Possible duplicates and the units a plan would
 * send are shown before anything is created.
 */
export const CallIntake = forwardRef<CallIntakeHandle, { onCreated: (i: IncidentSummary) => void; onLocation: (p: PickedLocation | null) => void; say: (t: string, k?: 'info' | 'error') => void }>(
  function CallIntake({ onCreated, onLocation, say }, ref) {
    const types = useIncidentTypes();
    const addressRef = useRef<HTMLInputElement>(null);
    const typeRef = useRef<HTMLInputElement>(null);
    const narrativeRef = useRef<HTMLTextAreaElement>(null);
    const [address, setAddress] = useState('');
    const [suggestions, setSuggestions] = useState<GeocodeCandidate[]>([]);
    const [active, setActive] = useState(0);
    const [location, setLocation] = useState<PickedLocation | null>(null);
    const [typeQuery, setTypeQuery] = useState('');
    const [typeActive, setTypeActive] = useState(0);
    const [type, setType] = useState<TypeOption | null>(null);
    const [priority, setPriority] = useState<number | null>(null);
    const [callback, setCallback] = useState('');
    const [caller, setCaller] = useState('');
    const [source, setSource] = useState<(typeof SOURCES)[number]>('911');
    const [narrative, setNarrative] = useState('');
    const [nearby, setNearby] = useState<NearbyIncident[]>([]);
    const [cautions, setCautions] = useState<Caution[]>([]);
    const [preview, setPreview] = useState<Recommendation | null>(null);
    const [busy, setBusy] = useState(false);
    const [errors, setErrors] = useState<Record<string, string>>({});
    const typeMatches = useMemo(() => (type && typeQuery === `${type.code} ${type.name}` ? [] : matchTypes(types, typeQuery)), [types, typeQuery, type]);

    const choose = (c: GeocodeCandidate, how: PickedLocation['how'] = 'geocoded') => {
      const picked: PickedLocation = { text: c.label, lat: c.lat, lon: c.lon, zones: c.zoneIds ?? {}, how };
      setLocation(picked);
      setAddress(c.label);
      setSuggestions([]);
      onLocation(picked);
    };

    useImperativeHandle(ref, () => ({
      focus: () => addressRef.current?.focus(),
      setPoint: (lat, lon) => {
        void api<GeocodeCandidate[]>('GET', `/api/v1/geocode?lat=${lat}&lon=${lon}`).then((r) => {
          const label = r[0] && (r[0].distanceM ?? 99) < 40 ? r[0].label : `${lat.toFixed(5)}, ${lon.toFixed(5)}`;
          choose({ lat, lon, label, matchType: 'address', score: 1, ...(r[0]?.zoneIds ? { zoneIds: r[0].zoneIds } : {}) }, 'map');
        });
      },
    }));

    // Suggestions as the address is typed; a newer keystroke cancels the older request's result.
    useEffect(() => {
      if (!address.trim() || (location && address === location.text)) {
        setSuggestions([]);
        return;
      }
      let stale = false;
      const t = window.setTimeout(() => {
        api<GeocodeCandidate[]>('GET', `/api/v1/geocode?q=${encodeURIComponent(address)}&suggest=true&limit=6`)
          .then((r) => {
            if (!stale) {
              setSuggestions(r);
              setActive(0);
            }
          })
          .catch(() => undefined);
      }, 60);
      return () => {
        stale = true;
        window.clearTimeout(t);
      };
    }, [address, location]);

    useEffect(() => {
      if (!location) {
        setNearby([]);
        setCautions([]);
        return;
      }
      void api<NearbyIncident[]>('GET', `/api/v1/incidents/nearby?lat=${location.lat}&lon=${location.lon}`).then(setNearby, () => setNearby([]));
      // The call-taker learns of special needs and hazards while still on the line.
      void api<Caution[]>('GET', `/api/v1/cautions?lat=${location.lat}&lon=${location.lon}`, undefined, { purpose: `call intake at ${location.text}` }).then(setCautions, () => setCautions([]));
    }, [location]);

    useEffect(() => {
      if (!location || !type) {
        setPreview(null);
        return;
      }
      void api<Recommendation>('GET', `/api/v1/recommendation?type=${type.code}&at=${location.lat},${location.lon}`).then(setPreview, () => setPreview(null));
    }, [location, type]);

    const pickType = (t: TypeOption) => {
      setType(t);
      setTypeQuery(`${t.code} ${t.name}`);
      setPriority(t.defaultPriority);
      narrativeRef.current?.focus();
    };

    function reset() {
      setAddress('');
      setLocation(null);
      onLocation(null);
      setTypeQuery('');
      setType(null);
      setPriority(null);
      setCallback('');
      setCaller('');
      setNarrative('');
      setErrors({});
      setSource('911');
    }

    async function submit() {
      const errs: Record<string, string> = {};
      if (!location && !address.trim()) errs.address = 'enter where the emergency is';
      if (!type) errs.type = 'choose an incident type';
      setErrors(errs);
      if (Object.keys(errs).length) {
        (errs.address ? addressRef : typeRef).current?.focus();
        return;
      }
      setBusy(true);
      try {
        const loc = location ? { text: location.text, lat: location.lat, lon: location.lon, verified: true } : { text: address.trim() };
        const call = await api<Call>('POST', '/api/v1/calls', {
          source,
          ...(callback.trim() ? { callbackNumber: callback.trim() } : {}),
          ...(caller.trim() ? { callerName: caller.trim() } : {}),
          location: loc,
        });
        const incident = await api<IncidentSummary>('POST', '/api/v1/incidents', {
          type: type!.code,
          priority: priority ?? type!.defaultPriority,
          location: loc,
          callId: call.id,
          ...(narrative.trim() ? { narrative: narrative.trim() } : {}),
        });
        say(`${incident.number} created: ${incident.typeName}, P${incident.priority}`);
        reset();
        onCreated(incident);
      } catch (e) {
        if (e instanceof ApiError) {
          setErrors(e.fields);
          say(e.message, 'error');
        }
      } finally {
        setBusy(false);
      }
    }

    const addressKeys = (e: KeyboardEvent) => {
      if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, suggestions.length - 1));
      else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
      else if (e.key === 'Enter') {
        e.preventDefault();
        const c = suggestions[active];
        if (c) choose(c);
        if (c || location) typeRef.current?.focus();
      } else if (e.key === 'Escape') setSuggestions([]);
      else return;
      e.preventDefault();
    };
    const typeKeys = (e: KeyboardEvent) => {
      if (e.key === 'ArrowDown') setTypeActive((a) => Math.min(a + 1, typeMatches.length - 1));
      else if (e.key === 'ArrowUp') setTypeActive((a) => Math.max(a - 1, 0));
      else if (e.key === 'Enter') {
        const t = typeMatches[typeActive];
        if (t) pickType(t);
        else if (type) narrativeRef.current?.focus();
      } else return;
      e.preventDefault();
    };

    return (
      <section className="panel intake" aria-labelledby="intake-h">
        <h2 id="intake-h">New call (F2)</h2>
        <div className="field combo">
          <label htmlFor="intake-address">Address or place</label>
          <input
            id="intake-address"
            ref={addressRef}
            role="combobox"
            aria-expanded={suggestions.length > 0}
            aria-controls="intake-address-list"
            aria-activedescendant={suggestions.length ? `addr-opt-${active}` : undefined}
            aria-invalid={Boolean(errors.address || errors['location.text'])}
            autoComplete="off"
            value={address}
            onChange={(e) => {
              setAddress(e.target.value);
              if (location && e.target.value !== location.text) {
                setLocation(null);
                onLocation(null);
              }
            }}
            onKeyDown={addressKeys}
            placeholder="e.g. 100 n holliday, charles & 25th, city hall"
          />
          {suggestions.length > 0 && (
            <ul id="intake-address-list" role="listbox" className="suggestions">
              {suggestions.map((c, i) => (
                <li key={`${c.label}-${i}`} id={`addr-opt-${i}`} role="option" aria-selected={i === active} className={i === active ? 'active' : ''} onMouseDown={(e) => { e.preventDefault(); choose(c); typeRef.current?.focus(); }}>
                  <span>{c.label}</span> <small className="muted">{c.matchType} {Math.round(c.score * 100)}%{c.zoneIds?.['police-district'] ? ` · ${c.zoneIds['police-district']}` : ''}</small>
                </li>
              ))}
            </ul>
          )}
          {location ? (
            <p className="located" role="status">
              <span className="badge ok">verified</span> {location.text} <span className="muted">{Object.entries(location.zones).map(([k, v]) => `${k.split('-')[0]} ${v}`).join(' · ')}{location.how === 'map' ? ' · set on map' : ''}</span>
            </p>
          ) : (
            address.trim() && <p className="muted small">Unverified: pick a suggestion (Enter) or click the map.</p>
          )}
          {(errors.address || errors['location.text']) && <p className="error small">{errors.address ?? errors['location.text']}</p>}
        </div>
        <CautionList cautions={cautions} purpose={`call intake at ${location?.text ?? ''}`} />
        {nearby.length > 0 && (
          <div className="warn-box" role="alert">
            Possible duplicate: {nearby.slice(0, 3).map((n) => `${n.number} ${n.typeName} (${n.distanceM} m, ${n.status})`).join('; ')}
          </div>
        )}
        <div className="field combo">
          <label htmlFor="intake-type">Incident type</label>
          <input
            id="intake-type"
            ref={typeRef}
            role="combobox"
            aria-expanded={typeMatches.length > 0}
            aria-controls="intake-type-list"
            aria-activedescendant={typeMatches.length ? `type-opt-${typeActive}` : undefined}
            aria-invalid={Boolean(errors.type)}
            autoComplete="off"
            value={typeQuery}
            onChange={(e) => {
              setTypeQuery(e.target.value);
              setTypeActive(0);
              if (type) setType(null);
            }}
            onKeyDown={typeKeys}
            placeholder="APCO code or words: fstru, fire structure, chest pain"
          />
          {typeMatches.length > 0 && (
            <ul id="intake-type-list" role="listbox" className="suggestions">
              {typeMatches.map((t, i) => (
                <li key={t.code} id={`type-opt-${i}`} role="option" aria-selected={i === typeActive} className={i === typeActive ? 'active' : ''} onMouseDown={(e) => { e.preventDefault(); pickType(t); }}>
                  <span className="mono">{t.code}</span> {t.name} <small className="muted">P{t.defaultPriority} · {t.discipline}</small>
                </li>
              ))}
            </ul>
          )}
          {errors.type && <p className="error small">{errors.type}</p>}
        </div>
        <div className="row">
          <div className="field">
            <label htmlFor="intake-priority">Priority</label>
            <select id="intake-priority" value={priority ?? ''} onChange={(e) => setPriority(Number(e.target.value))}>
              <option value="" disabled>—</option>
              {[1, 2, 3, 4, 5].map((p) => <option key={p} value={p}>{p}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor="intake-source">Source</label>
            <select id="intake-source" value={source} onChange={(e) => setSource(e.target.value as (typeof SOURCES)[number])}>
              {SOURCES.map((s) => <option key={s} value={s}>{s}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor="intake-callback">Callback number</label>
            <input id="intake-callback" inputMode="tel" value={callback} onChange={(e) => setCallback(e.target.value)} aria-invalid={Boolean(errors.callbackNumber)} />
          </div>
          <div className="field">
            <label htmlFor="intake-caller">Caller</label>
            <input id="intake-caller" value={caller} onChange={(e) => setCaller(e.target.value)} />
          </div>
        </div>
        {errors.callbackNumber && <p className="error small">Callback number: {errors.callbackNumber}</p>}
        <div className="field">
          <label htmlFor="intake-narrative">Narrative (Enter creates the incident; Shift+Enter for a new line)</label>
          <textarea
            id="intake-narrative"
            ref={narrativeRef}
            rows={2}
            value={narrative}
            onChange={(e) => setNarrative(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey) {
                e.preventDefault();
                void submit();
              }
            }}
          />
        </div>
        {preview && (
          <p className="muted small" aria-live="polite">
            {preview.plan.name}: {preview.units.map((u) => `${u.callSign} ${formatEta(u.etaSeconds)}`).join(', ')}
            {preview.unfilled.length ? ` · missing ${preview.unfilled.map((f) => `${f.missing} ${f.requirement}`).join(', ')}` : ''}
          </p>
        )}
        <div className="buttons">
          <button type="button" onClick={() => void submit()} disabled={busy}>
            {busy ? 'Creating…' : 'Create incident'}
          </button>
          <button type="button" className="secondary" onClick={reset}>
            Clear
          </button>
        </div>
      </section>
    );
  },
);
