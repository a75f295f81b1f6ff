import type { Recommendation } from '@openpsap/contract';
import type { FloorStore } from '../state/floor-store';

/** What an action can reach: the floor, the selection and the console's panels. */
export interface ActionContext {
  store: FloorStore;
  selectedIncidentId: number | null;
  selectedUnitId: number | null;
  recommendation: Recommendation | null;
  select(id: number | null): void;
  focusIntake(): void;
  focusCommandLine(): void;
  focusQueue(): void;
  focusNarrative(): void;
  openClose(): void;
  acknowledgeAlerts(): void;
  toggleTheme(): void;
  say(text: string, kind?: 'info' | 'error'): void;
}

/**
 * One definition per dispatcher action: its command-line verbs, its key and the code a button
 * runs. The console builds its shortcuts, command line and help from this list, so the three
 * never disagree.
 */
export interface Action {
  id: string;
  title: string;
  verbs: string[];
  key?: string;
  usage?: string;
  run(ctx: ActionContext, args: string): Promise<void> | void;
}

export class ActionRegistry {
  private readonly byVerb = new Map<string, Action>();
  private readonly byKey = new Map<string, Action>();

  constructor(readonly actions: readonly Action[]) {
    for (const a of actions) {
      for (const v of a.verbs) this.byVerb.set(v.toLowerCase(), a);
      if (a.key) this.byKey.set(a.key, a);
    }
  }

  forKey(key: string): Action | undefined {
    return this.byKey.get(key);
  }

  /** Splits "os e-6 t-1" into the action for "os" and its arguments. */
  parse(line: string): { action: Action; args: string } | null {
    const trimmed = line.trim();
    if (!trimmed) return null;
    const [verb, ...rest] = trimmed.split(/\s+/);
    const action = this.byVerb.get(verb!.toLowerCase());
    return action ? { action, args: rest.join(' ') } : null;
  }

  suggestions(prefix: string): Action[] {
    const p = prefix.trim().toLowerCase();
    if (!p) return [];
    return this.actions.filter((a) => a.verbs.some((v) => v.startsWith(p)) || a.title.toLowerCase().includes(p)).slice(0, 8);
  }
}
