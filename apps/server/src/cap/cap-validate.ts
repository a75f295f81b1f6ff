/**
 * The whole check of a CAP document as text.
 *
 *   validateCapXml(xml: string, opts?: { profile?: 'ipaws' | 'none' }): CapProblem[]
 *
 * Reading (rule 'xml': not XML, DOCTYPE, too large, not a CAP alert), the CAP 1.2 schema (rule
 * 'schema': structure from the reader, values from checkCap) and, by default, the IPAWS profile
 * (rule 'profile'). A CAP 1.1 message is read but reported as not valid CAP 1.2, since it is not
 * in the 1.2 namespace. An empty list means valid. Never throws.
 */
import type { CapProblem } from './cap-model';
import { checkCap } from './cap-checks';
import { CAP11_NS, CAP12_NS, parseCap } from './cap-reader';

export function validateCapXml(xml: string, opts: { profile?: 'ipaws' | 'none' } = {}): CapProblem[] {
  const { alert, problems } = parseCap(xml);
  if (!alert) return problems;
  const out = [...problems];
  if (alert.version === '1.1') out.unshift({ path: 'alert', message: `this is CAP 1.1 (namespace ${CAP11_NS}); it reads, but CAP 1.2 needs namespace ${CAP12_NS}`, rule: 'schema' });
  out.push(...checkCap(alert, { profile: opts.profile ?? 'ipaws' }));
  return out;
}

/** True when none of the problems is against the schema or the XML itself (profile problems aside). */
export function schemaValid(problems: CapProblem[]): boolean {
  return !problems.some((p) => p.rule === 'xml' || p.rule === 'schema');
}

/** One problem per line: "info[0].expires: IPAWS needs an expiry time ... (profile)". */
export function describeProblems(problems: CapProblem[]): string {
  return problems.map((p) => `${p.path}: ${p.message} (${p.rule === 'xml' ? 'not readable' : p.rule === 'schema' ? 'CAP 1.2 schema' : 'IPAWS profile'})`).join('\n');
}
