import type { ReactNode } from 'react';

/** A labelled input with its hint and error wired up for screen readers; `name` is the server's field key. */
export function Field(props: {
  name: string;
  label: string;
  required?: boolean;
  hint?: string | undefined;
  error?: string | undefined;
  children: (a: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean; 'aria-required'?: boolean; name: string }) => ReactNode;
}) {
  const id = `f-${props.name.replace(/\./g, '-')}`;
  const described = [props.hint && `${id}-hint`, props.error && `${id}-err`].filter(Boolean).join(' ');
  return (
    <div className="form-field">
      <label htmlFor={id}>
        {props.label}
        {props.required && <span aria-hidden="true"> *</span>}
      </label>
      {props.hint && <p id={`${id}-hint`} className="hint">{props.hint}</p>}
      {props.children({ id, name: props.name, ...(described ? { 'aria-describedby': described } : {}), ...(props.error ? { 'aria-invalid': true } : {}), ...(props.required ? { 'aria-required': true } : {}) })}
      {props.error && <p id={`${id}-err`} className="field-error">{props.error}</p>}
    </div>
  );
}
