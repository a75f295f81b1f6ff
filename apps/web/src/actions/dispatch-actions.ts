import type { IncidentSummary } from '@openpsap/contract';
import { api, ApiError } from '../api/client';
import type { Action, ActionContext } from './action-registry';

function selectedIncident(ctx: ActionContext): IncidentSummary {
  const i = ctx.selectedIncidentId !== null ? ctx.store.snapshot.incidents.get(ctx.selectedIncidentId) : undefined;
  if (!i) throw new ApiError(0, 'validation_failed', 'select an incident first (F4 then Enter, or "sel 2026-000123")');
  return i;
}

/** Units named on the command line, or the unit selected on the board. */
function unitArgs(ctx: ActionContext, args: string): string[] {
  const named = args.split(/[\s,]+/).filter(Boolean).map((s) => s.toUpperCase());
  if (named.length) return named;
  const u = ctx.selectedUnitId !== null ? ctx.store.snapshot.units.get(ctx.selectedUnitId) : undefined;
  if (!u) throw new ApiError(0, 'validation_failed', 'name the unit(s), e.g. "os E-6", or select one on the board');
  return [u.callSign];
}

async function setStatus(ctx: ActionContext, args: string, status: string, label: string): Promise<void> {
  const units = unitArgs(ctx, args);
  const results = await Promise.allSettled(units.map((u) => api('POST', `/api/v1/units/${encodeURIComponent(u)}/status`, { status })));
  const failed = results.map((r, i) => (r.status === 'rejected' ? `${units[i]}: ${(r.reason as Error).message}` : null)).filter(Boolean);
  if (failed.length) ctx.say(failed.join('; '), 'error');
  else ctx.say(`${units.join(', ')} ${label}`);
}

const statusAction = (id: string, title: string, verbs: string[], status: string, label: string, key?: string): Action => ({
  id,
  title,
  verbs,
  ...(key ? { key } : {}),
  usage: `${verbs[0]} UNIT [UNIT...]`,
  run: (ctx, args) => setStatus(ctx, args, status, label),
});

export const DISPATCH_ACTIONS: Action[] = [
  { id: 'new-call', title: 'New call', verbs: ['new', 'nc'], key: 'F2', run: (ctx) => ctx.focusIntake() },
  { id: 'command-line', title: 'Command line', verbs: ['cmd'], key: 'F3', run: (ctx) => ctx.focusCommandLine() },
  { id: 'queue', title: 'Pending queue', verbs: ['queue', 'q'], key: 'F4', run: (ctx) => ctx.focusQueue() },
  {
    id: 'select',
    title: 'Select incident',
    verbs: ['sel', 'i'],
    usage: 'sel [AGENCY] 2026-000123 (or the last digits)',
    run: (ctx, args) => {
      const parts = args.trim().toUpperCase().split(/\s+/).filter(Boolean);
      const want = parts.at(-1) ?? '';
      const agency = parts.length > 1 ? parts[0] : null;
      // Numbers run per agency, so "000123" can name a police and a fire incident at once.
      const found = [...ctx.store.snapshot.incidents.values()].filter((i) => (i.number === want || i.number.endsWith(`-${want.padStart(6, '0')}`)) && (!agency || i.agencyCode === agency));
      if (found.length === 0) throw new ApiError(0, 'not_found', `no open incident ${args.trim()}`);
      if (found.length > 1) throw new ApiError(0, 'conflict', `${want} is open in ${found.map((i) => i.agencyCode).join(' and ')}: say which, e.g. "sel ${found[0]!.agencyCode} ${want}"`);
      ctx.select(found[0]!.id);
    },
  },
  {
    id: 'dispatch-recommended',
    title: 'Dispatch recommended units',
    verbs: ['dr'],
    key: 'F6',
    run: async (ctx) => {
      const i = selectedIncident(ctx);
      const units = (ctx.recommendation?.units ?? []).filter((u) => !u.assigned).map((u) => u.unitId);
      if (!units.length) throw new ApiError(0, 'validation_failed', `no recommended units to send to ${i.number}`);
      await api('POST', `/api/v1/incidents/${i.id}/dispatch`, { unitIds: units });
      ctx.say(`${i.number}: dispatched ${ctx.recommendation!.units.filter((u) => !u.assigned).map((u) => u.callSign).join(', ')}`);
    },
  },
  {
    id: 'dispatch',
    title: 'Dispatch units',
    verbs: ['d', 'disp'],
    usage: 'd UNIT [UNIT...] (to the selected incident; "d" alone sends the recommendation)',
    run: async (ctx, args) => {
      const i = selectedIncident(ctx);
      const named = args.split(/[\s,]+/).filter(Boolean);
      if (!named.length) return DISPATCH_ACTIONS.find((a) => a.id === 'dispatch-recommended')!.run(ctx, '');
      const divert = named.includes('!');
      const unitIds = named.filter((n) => n !== '!').map((n) => n.toUpperCase());
      await api('POST', `/api/v1/incidents/${i.id}/dispatch`, { unitIds, ...(divert ? { divert: true } : {}) });
      ctx.say(`${i.number}: dispatched ${unitIds.join(', ')}`);
    },
  },
  statusAction('enroute', 'En route', ['er', 'enroute'], 'EnRoute', 'en route', 'F7'),
  statusAction('onscene', 'On scene', ['os', 'onscene'], 'OnScene', 'on scene', 'F8'),
  statusAction('transporting', 'Transporting', ['tr', 'transport'], 'Transporting', 'transporting'),
  statusAction('hospital', 'At hospital', ['ah', 'hosp'], 'Hospital', 'at hospital'),
  statusAction('available', 'Available (clears the unit)', ['av', 'avail', 'clr'], 'Available', 'available', 'F10'),
  statusAction('out-of-service', 'Out of service', ['oos'], 'OutofService', 'out of service'),
  {
    id: 'narrative',
    title: 'Add narrative',
    verbs: ['n', 'note'],
    key: 'F9',
    usage: 'n TEXT (to the selected incident)',
    run: async (ctx, args) => {
      if (!args.trim()) return ctx.focusNarrative();
      const i = selectedIncident(ctx);
      await api('POST', `/api/v1/incidents/${i.id}/narrative`, { text: args.trim() });
      ctx.say(`${i.number}: narrative added`);
    },
  },
  {
    id: 'priority',
    title: 'Change priority',
    verbs: ['pri', 'p'],
    usage: 'pri 1-5',
    run: async (ctx, args) => {
      const i = selectedIncident(ctx);
      await api('PATCH', `/api/v1/incidents/${i.id}`, { priority: Number(args.trim()) });
      ctx.say(`${i.number}: priority ${args.trim()}`);
    },
  },
  {
    id: 'type',
    title: 'Change incident type',
    verbs: ['type', 't'],
    usage: 'type APCO-CODE',
    run: async (ctx, args) => {
      const i = selectedIncident(ctx);
      await api('PATCH', `/api/v1/incidents/${i.id}`, { type: args.trim() });
      ctx.say(`${i.number}: type ${args.trim().toUpperCase()}`);
    },
  },
  {
    id: 'close',
    title: 'Close with disposition',
    verbs: ['close', 'c'],
    key: 'F11',
    usage: 'close CODE [narrative] (APCO 1.111.2, e.g. close 23)',
    run: async (ctx, args) => {
      const [code, ...text] = args.trim().split(/\s+/);
      if (!code) return ctx.openClose();
      const i = selectedIncident(ctx);
      await api('POST', `/api/v1/incidents/${i.id}/close`, { disposition: code, ...(text.length ? { narrative: text.join(' ') } : {}) });
      ctx.say(`${i.number} closed (${code})`);
      ctx.select(null);
    },
  },
  { id: 'acknowledge', title: 'Acknowledge timer alerts', verbs: ['ack'], key: 'F12', run: (ctx) => ctx.acknowledgeAlerts() },
  { id: 'theme', title: 'Light / dark theme', verbs: ['theme'], run: (ctx) => ctx.toggleTheme() },
];
