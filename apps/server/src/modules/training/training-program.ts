import { z } from 'zod';

const Key = z.string().regex(/^[a-z0-9-]{1,40}$/, 'use 1-40 lowercase letters, digits or dashes');
const Label = z.string().trim().min(1, 'must not be empty').max(200);

const PhaseSchema = z.object({
  key: Key,
  name: Label,
  minDays: z.number().int('must be a whole number').min(1).max(365),
  maxDays: z.number().int('must be a whole number').min(1).max(365),
  checklist: z.array(z.object({ key: Key, label: Label }).strict()).max(100),
}).strict();

/** A training program: phases in order, each with its checklist, and the DOR rating categories. */
export const ProgramDefinitionSchema = z.object({
  phases: z.array(PhaseSchema).min(1, 'at least one phase').max(12),
  categories: z.array(z.object({ key: Key, label: Label }).strict()).min(1, 'at least one rating category').max(20),
}).strict().superRefine((p, c) => {
  const dup = (keys: string[]) => keys.find((k, i) => keys.indexOf(k) !== i);
  const phase = dup(p.phases.map((x) => x.key));
  if (phase) c.addIssue({ code: 'custom', path: ['phases'], message: `phase key "${phase}" used twice` });
  p.phases.forEach((ph, i) => {
    if (ph.minDays > ph.maxDays) c.addIssue({ code: 'custom', path: ['phases', i, 'maxDays'], message: 'must be at least minDays' });
    const item = dup(ph.checklist.map((x) => x.key));
    if (item) c.addIssue({ code: 'custom', path: ['phases', i, 'checklist'], message: `item key "${item}" used twice` });
  });
  const cat = dup(p.categories.map((x) => x.key));
  if (cat) c.addIssue({ code: 'custom', path: ['categories'], message: `category key "${cat}" used twice` });
});
export type ProgramDefinition = z.infer<typeof ProgramDefinitionSchema>;
export type ProgramPhase = ProgramDefinition['phases'][number];

/**
 * The demo's program: five phases over six to nine months, as centres commonly run them. The
 * days and items are a starting point for a centre to replace with its own (a new program).
 */
export const DEFAULT_PROGRAM: { name: string; definition: ProgramDefinition } = {
  name: 'Communications training program (demo default)',
  definition: {
    phases: [
      { key: 'orientation', name: 'Phase 1: Classroom and orientation', minDays: 20, maxDays: 30, checklist: [
        { key: 'policies', label: 'Centre policies and procedures reviewed' },
        { key: 'confidentiality', label: 'Confidentiality and records access explained' },
        { key: 'cad-basics', label: 'CAD sign-in, incident entry and queue basics' },
        { key: 'radio-codes', label: 'Radio codes and phonetic alphabet' },
      ] },
      { key: 'call-taking', name: 'Phase 2: Call-taking', minDays: 45, maxDays: 70, checklist: [
        { key: 'location-first', label: 'Verifies location before anything else' },
        { key: 'ani-ali', label: 'Reads and questions ANI/ALI and wireless location' },
        { key: 'emd-protocol', label: 'Follows the EMD protocol on a medical call' },
        { key: 'hostile-caller', label: 'Keeps control of a hysterical or hostile caller' },
        { key: 'tty-text', label: 'Handles a TTY / text-to-9-1-1 session' },
      ] },
      { key: 'police-dispatch', name: 'Phase 3: Police dispatch', minDays: 45, maxDays: 70, checklist: [
        { key: 'unit-status', label: 'Tracks unit status and officer safety checks' },
        { key: 'priority-calls', label: 'Dispatches priority 1 calls within standard' },
        { key: 'pursuit', label: 'Runs a pursuit or foot chase on the radio' },
        { key: 'records-checks', label: 'Runs records and warrant checks' },
      ] },
      { key: 'fire-ems-dispatch', name: 'Phase 4: Fire and EMS dispatch', minDays: 45, maxDays: 70, checklist: [
        { key: 'run-cards', label: 'Applies run cards and alarm levels' },
        { key: 'mutual-aid', label: 'Requests mutual aid' },
        { key: 'mayday', label: 'Handles a firefighter MAYDAY drill' },
        { key: 'hospital-notify', label: 'Hospital notifications and EMS status' },
      ] },
      { key: 'solo', name: 'Phase 5: Solo and release', minDays: 30, maxDays: 34, checklist: [
        { key: 'solo-shifts', label: 'Works full shifts alone with the CTO observing' },
        { key: 'major-incident', label: 'Works a major incident or its simulation' },
        { key: 'final-review', label: 'Final review with the training coordinator' },
      ] },
    ],
    categories: [
      { key: 'call-control', label: 'Call control' },
      { key: 'radio-procedure', label: 'Radio procedure' },
      { key: 'policy-knowledge', label: 'Knowledge of policy' },
      { key: 'geography', label: 'Geography' },
      { key: 'cad-use', label: 'CAD use' },
      { key: 'stress-management', label: 'Stress management' },
    ],
  },
};
