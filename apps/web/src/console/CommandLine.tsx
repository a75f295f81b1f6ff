import { forwardRef, useImperativeHandle, useRef, useState, type KeyboardEvent } from 'react';
import type { ActionRegistry } from '../actions/action-registry';

export interface CommandLineHandle {
  focus(): void;
}

/** The dispatcher's command line: "os e-6", "d e-6 t-1", "n caller says smoke on 2nd floor", "close 23". */
export const CommandLine = forwardRef<CommandLineHandle, { registry: ActionRegistry; run: (line: string) => Promise<boolean> }>(function CommandLine({ registry, run }, ref) {
  const input = useRef<HTMLInputElement>(null);
  const [line, setLine] = useState('');
  const [history, setHistory] = useState<string[]>([]);
  const [back, setBack] = useState(-1);
  useImperativeHandle(ref, () => ({ focus: () => input.current?.focus() }));
  const verb = line.trim().split(/\s+/)[0] ?? '';
  const hints = line.includes(' ') ? [] : registry.suggestions(verb);

  const keys = async (e: KeyboardEvent) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      const entered = line;
      if (!entered.trim()) return;
      // Clear at once so the next command can be typed while this one runs; give it back if it fails
      // and nothing new was typed.
      setLine('');
      setHistory((h) => [entered, ...h].slice(0, 50));
      setBack(-1);
      if (!(await run(entered))) setLine((current) => (current === '' ? entered : current));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      const n = Math.min(back + 1, history.length - 1);
      if (history[n] !== undefined) {
        setBack(n);
        setLine(history[n]!);
      }
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      const n = back - 1;
      setBack(Math.max(n, -1));
      setLine(n >= 0 ? history[n]! : '');
    } else if (e.key === 'Escape') {
      setLine('');
      input.current?.blur();
    }
  };

  return (
    <div className="cmdline">
      <label htmlFor="cmd" className="sr-only">Command line</label>
      <input id="cmd" ref={input} value={line} onChange={(e) => setLine(e.target.value)} onKeyDown={(e) => void keys(e)} placeholder="Command (F3): os E-6 · d E-6 T-1 · n text · close 23 · help" autoComplete="off" spellCheck={false} />
      {hints.length > 0 && (
        <ul className="cmd-hints" role="list">
          {hints.map((a) => (
            <li key={a.id}><span className="mono">{a.usage ?? a.verbs[0]}</span> <span className="muted">{a.title}{a.key ? ` (${a.key})` : ''}</span></li>
          ))}
        </ul>
      )}
    </div>
  );
});
