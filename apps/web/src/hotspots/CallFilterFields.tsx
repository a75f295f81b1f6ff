import { incidentType, type AnalysisSource } from '@openpsap/contract';
import { count } from './hotspot-format';

const CATEGORY_LABELS: Record<string, string> = { police: 'Police', fire: 'Fire', ems: 'EMS' };

/** A type as the analyst knows it: APCO codes of live incidents get their name. */
export function typeLabel(source: AnalysisSource, type: string): string {
  if (source.kind !== 'live') return type;
  const t = incidentType(type);
  return t ? `${type}, ${t.name}` : type;
}

/**
 * Which calls to count: whole categories, plus single types. The union is what an analyst means by
 * "all traffic calls and EMS vehicle accidents"; with nothing chosen, every call counts.
 */
export function CallFilterFields({ idPrefix, source, categories, types, onChange }: {
  idPrefix: string;
  source: AnalysisSource;
  categories: string[];
  types: string[];
  onChange: (next: { categories: string[]; types: string[] }) => void;
}) {
  const toggle = (c: string) => onChange({ categories: categories.includes(c) ? categories.filter((x) => x !== c) : [...categories, c], types });
  return (
    <>
      <fieldset className="hs-fieldset">
        <legend>Categories</legend>
        {source.categories.length === 0 && <p className="muted small">No calls in this source yet.</p>}
        {source.categories.map((c) => (
          <label key={c.name} className="hs-check">
            <input type="checkbox" checked={categories.includes(c.name)} onChange={() => toggle(c.name)} /> {CATEGORY_LABELS[c.name] ?? c.name} <span className="muted">({count(c.count)})</span>
          </label>
        ))}
      </fieldset>
      <label htmlFor={`${idPrefix}-types`}>Also these types</label>
      <select
        id={`${idPrefix}-types`}
        multiple
        size={6}
        value={types}
        aria-describedby={`${idPrefix}-types-hint`}
        onChange={(e) => onChange({ categories, types: [...e.currentTarget.selectedOptions].map((o) => o.value) })}
      >
        {source.types.map((t) => (
          <option key={t.name} value={t.name}>{typeLabel(source, t.name)} ({count(t.count)})</option>
        ))}
      </select>
      <p id={`${idPrefix}-types-hint`} className="muted small">
        {categories.length || types.length ? `Counting ${[...categories.map((c) => CATEGORY_LABELS[c] ?? c), ...types.map((t) => typeLabel(source, t))].join(', ')}.` : 'Nothing chosen: every call counts.'} Ctrl/⌘-click picks several types.
      </p>
    </>
  );
}
