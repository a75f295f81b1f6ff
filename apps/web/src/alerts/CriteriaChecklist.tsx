import type { AlertCriteriaSet, CriterionAnswer } from '@openpsap/contract';

/** Each criterion answered yes or no; all must be "yes" before the draft can go for approval. */
export function CriteriaChecklist({ set, answers, error, onChange, readOnly }: {
  set: AlertCriteriaSet;
  answers: Record<string, CriterionAnswer>;
  error?: string;
  onChange?: (a: Record<string, CriterionAnswer>) => void;
  readOnly?: boolean;
}) {
  const open = set.criteria.filter((c) => !answers[c.key]).length;
  const no = set.criteria.filter((c) => answers[c.key] === 'no').length;
  return (
    <fieldset className="alert-criteria" aria-describedby="criteria-summary">
      <legend>{set.title}</legend>
      <p id="criteria-summary" className="small muted">{open ? `${open} still to answer` : no ? `${no} not met` : 'All criteria met'}</p>
      {set.criteria.map((c) => (
        <div key={c.key} className={`criterion ${answers[c.key] ?? 'open'}`} role="radiogroup" aria-label={c.question}>
          <span className="question">{c.question}</span>
          {(['yes', 'no'] as const).map((v) => (
            <label key={v}>
              <input type="radio" name={`crit-${c.key}`} value={v} checked={answers[c.key] === v} disabled={readOnly} onChange={() => onChange?.({ ...answers, [c.key]: v })} /> {v}
            </label>
          ))}
        </div>
      ))}
      {error && <p className="error small" role="alert">{error}</p>}
    </fieldset>
  );
}
