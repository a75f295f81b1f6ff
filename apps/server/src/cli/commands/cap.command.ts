import { cliActor, withDatabase } from '../cli-context';
import { UsageError, type Command } from '../command';
import type { CapAlert, CapProblem } from '../../cap/cap-model';
import { capDocumentKind, parseCap, parseCapAll } from '../../cap/cap-reader';
import { checkCap } from '../../cap/cap-checks';
import { describeProblems, validateCapXml } from '../../cap/cap-validate';
import { parseCapAtomIndex, type CapAtomEntry } from '../../cap/cap-atom-index';
import { DEFAULT_FETCH_TIMEOUT_MS, isUrl, loadCapSource } from '../../cap/cap-source';
import { storableProblem, storeExternalAlert, type StoreResult } from '../../cap/external-alerts.store';
import type { Database } from '../../db/database';

function profileOf(v: string | boolean | undefined): 'ipaws' | 'none' {
  if (v === undefined) return 'ipaws';
  if (v === 'ipaws' || v === 'none') return v;
  throw new UsageError('--profile must be ipaws or none');
}

function timeoutOf(v: string | boolean | undefined): number {
  if (v === undefined) return DEFAULT_FETCH_TIMEOUT_MS;
  const s = Number(v);
  if (!Number.isFinite(s) || s <= 0 || s > 300) throw new UsageError('--timeout must be a number of seconds from 1 to 300');
  return Math.round(s * 1000);
}

function oneSource(positionals: string[], what: string): string {
  if (positionals.length !== 1 || !positionals[0]) throw new UsageError(`give one ${what}`);
  return positionals[0];
}

const indent = (text: string) => text.split('\n').map((l) => `  ${l}`).join('\n');

/**
 * Checks a CAP file the way the centre's own alerts are checked before they go out: the OASIS
 * CAP 1.2 schema and, unless told otherwise, the IPAWS profile. Exit 0 valid, 1 not, 2 usage.
 */
export const capValidateCommand: Command = {
  path: ['cap', 'validate'],
  summary: 'check a CAP message against the CAP 1.2 schema and the IPAWS profile, in plain words',
  usage: 'psap cap validate FILE [--profile ipaws|none] [--json]',
  options: { profile: { type: 'string' }, json: { type: 'boolean' } },
  flagHelp: [['--profile ipaws|none', 'also check the IPAWS profile (default ipaws)'], ['--json', 'print the problems as JSON']],
  allowPositionals: true,
  async run({ values, positionals }) {
    const file = oneSource(positionals, 'CAP file to check');
    const profile = profileOf(values.profile);
    if (isUrl(file)) throw new UsageError('give a file; to read a URL use psap cap import URL --dry-run');
    const src = await loadCapSource(file);
    if (!src.ok) {
      process.stderr.write(`psap cap validate: ${src.reason}\n`);
      return /^no such file/.test(src.reason) ? 2 : 1;
    }
    const problems = validateCapXml(src.text, { profile });
    if (values.json) process.stdout.write(`${JSON.stringify({ file, valid: problems.length === 0, problems })}\n`);
    else if (!problems.length) process.stdout.write(`${file}: valid CAP 1.2${profile === 'ipaws' ? ' and IPAWS profile' : ''}\n`);
    else process.stdout.write(`${file}: not valid, ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${indent(describeProblems(problems))}\n`);
    return problems.length ? 1 : 0;
  },
};

interface ImportReport {
  source: string;
  ok: boolean;
  reason?: string;
  identifier?: string;
  sender?: string;
  sent?: string;
  msgType?: string;
  status?: string;
  version?: string;
  signed?: boolean;
  references?: string[];
  infos?: { event: string; sameCode: string | null; expires: string | null; areas: string[] }[];
  problems?: CapProblem[];
  stored?: StoreResult | null;
}

function summarise(source: string, alert: CapAlert, problems: CapProblem[]): ImportReport {
  return {
    source,
    ok: true,
    identifier: alert.identifier,
    sender: alert.sender,
    sent: alert.sent,
    msgType: alert.msgType,
    status: alert.status,
    version: alert.version,
    signed: alert.signed ?? false,
    references: alert.references,
    infos: alert.info.map((i) => ({
      event: i.event,
      sameCode: i.eventCode.find((c) => c.valueName === 'SAME')?.value ?? null,
      expires: i.expires ?? null,
      areas: i.area.map((a) => a.areaDesc.trim().replace(/\s+/g, ' ')),
    })),
    problems,
    stored: null,
  };
}

function printReport(r: ImportReport, dryRun: boolean) {
  if (!r.ok) {
    process.stdout.write(`${r.source}: refused: ${r.reason}\n`);
    return;
  }
  const lines = [`${r.source}: CAP ${r.version} ${r.msgType} (${r.status}) ${r.identifier} from ${r.sender}, sent ${r.sent}${r.signed ? ', signed (signature not verified)' : ''}`];
  if (r.references?.length) lines.push(`  refers to: ${r.references.join(' ')}`);
  r.infos!.forEach((i, n) => {
    lines.push(`  info ${n + 1}: ${i.event || '(no event)'}${i.sameCode ? ` [SAME ${i.sameCode}]` : ''}, expires ${i.expires ?? 'not given'}`);
    lines.push(`    ${i.areas.length} area${i.areas.length === 1 ? '' : 's'}${i.areas.length ? `: ${i.areas.join('; ')}` : ''}`);
  });
  if (!r.infos!.length) lines.push('  no info blocks');
  if (r.problems!.length) lines.push(`  ${r.problems!.length} problem${r.problems!.length === 1 ? '' : 's'} (read anyway):`, indent(indent(describeProblems(r.problems!))));
  if (dryRun) lines.push('  dry run: nothing stored');
  else if (r.stored?.inserted) {
    lines.push(`  stored as external alert ${r.stored.id}`);
    if (r.stored.marked.length) lines.push(`  marked as ${r.msgType === 'Cancel' ? 'cancelled' : 'updated'}: ${r.stored.marked.join(', ')}`);
    if (r.stored.supersededBy) lines.push(`  already superseded by stored message ${r.stored.supersededBy}`);
  } else if (r.stored) lines.push(`  already stored as external alert ${r.stored.id}: nothing changed`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** Reads one CAP message and, unless dry, stores it. Never throws for bad input. */
async function importOne(source: string, text: string, url: string | null, db: Database | null, parsed = parseCap(text)): Promise<ImportReport> {
  const { alert, problems } = parsed;
  if (!alert) return { source, ok: false, reason: problems.map((p) => p.message).join('; ') };
  // Messages from outside are taken as they come (CAP 1.1, NWS habits): report, but do not refuse for the profile.
  const all = [...problems, ...checkCap(alert, { profile: 'none' })];
  const report = summarise(source, alert, all);
  const why = storableProblem(alert);
  if (why) return { ...report, ok: false, reason: why };
  if (db) report.stored = await storeExternalAlert(db.pool, cliActor(), { alert, xml: text, sourceUrl: url });
  return report;
}

const MAX_INDEX_IMPORTS = 500;

function entryLine(e: CapAtomEntry): string {
  const c = e.cap;
  return `  ${c.event || e.title || e.id}${c.expires ? `, expires ${c.expires}` : ''}${c.areaDesc ? `: ${c.areaDesc}` : ''}${e.link ? `\n    ${e.link}` : ''}`;
}

/**
 * Brings in CAP from outside: one message (CAP 1.1 or 1.2) from a file or URL, or an Atom index
 * URL whose entries' messages are each fetched and imported. With --dry-run nothing is stored.
 * Exit 0 when everything read was imported (or would be), 1 when something was refused.
 */
export const capImportCommand: Command = {
  path: ['cap', 'import'],
  summary: 'read CAP alerts from a file or URL (a message or an Atom index), check and store them',
  usage: 'psap cap import FILE|URL [--dry-run] [--json] [--timeout SECONDS]',
  options: { 'dry-run': { type: 'boolean' }, json: { type: 'boolean' }, timeout: { type: 'string' } },
  flagHelp: [
    ['--dry-run', 'read, check and report; store nothing'],
    ['--json', 'print one JSON report per message'],
    ['--timeout SECONDS', `time limit for each fetch (default ${DEFAULT_FETCH_TIMEOUT_MS / 1000})`],
  ],
  allowPositionals: true,
  async run({ values, positionals }) {
    const source = oneSource(positionals, 'file or http(s) URL to import');
    const timeoutMs = timeoutOf(values.timeout);
    const dryRun = values['dry-run'] === true;
    const src = await loadCapSource(source, { timeoutMs });
    if (!src.ok) {
      if (values.json) process.stdout.write(`${JSON.stringify({ source, ok: false, reason: src.reason })}\n`);
      else process.stdout.write(`${source}: refused: ${src.reason}\n`);
      return isUrl(source) || !/^no such file/.test(src.reason) ? 1 : 2;
    }
    const emit = (r: ImportReport) => (values.json ? process.stdout.write(`${JSON.stringify(r)}\n`) : printReport(r, dryRun));
    const work = async (db: Database | null): Promise<number> => {
      const kind = capDocumentKind(src.text);
      if (kind === 'container') {
        // A wrapper (EDXL-DE, an IPAWS-style list) is kept whole as received with each alert it carries.
        const all = parseCapAll(src.text);
        if (!values.json) process.stdout.write(`${source}: ${all.alerts.length} CAP alert${all.alerts.length === 1 ? '' : 's'} inside\n`);
        let refused = 0;
        for (const [i, one] of all.alerts.entries()) {
          const r = await importOne(`${source} #${i + 1}`, src.text, src.url, db, one);
          if (!r.ok) refused++;
          emit(r);
        }
        return refused ? 1 : 0;
      }
      if (kind !== 'atom') {
        const r = await importOne(source, src.text, src.url, db);
        emit(r);
        return r.ok ? 0 : 1;
      }
      const { entries, problems } = parseCapAtomIndex(src.text);
      if (!values.json) process.stdout.write(`${source}: Atom index with ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}\n`);
      if (problems.length && !values.json) process.stdout.write(`${indent(describeProblems(problems))}\n`);
      if (!src.url) {
        // A saved index only points at messages elsewhere; fetching them is what the URL form is for.
        if (values.json) process.stdout.write(`${JSON.stringify({ source, index: true, entries })}\n`);
        else process.stdout.write(`${entries.map(entryLine).join('\n')}\n(a saved index only lists the alerts; import the index URL to fetch and store each message)\n`);
        return 0;
      }
      let refused = 0;
      for (const e of entries.slice(0, MAX_INDEX_IMPORTS)) {
        let link: string | null = null;
        try {
          link = e.link ? new URL(e.link, src.url).href : null;
        } catch {
          link = null;
        }
        if (!link) {
          refused++;
          emit({ source: e.id || e.title, ok: false, reason: 'the entry has no usable link to its CAP message' });
          continue;
        }
        const msg = await loadCapSource(link, { timeoutMs });
        const r = msg.ok ? await importOne(link, msg.text, msg.url, db) : { source: link, ok: false, reason: msg.reason };
        if (!r.ok) refused++;
        emit(r);
      }
      if (entries.length > MAX_INDEX_IMPORTS && !values.json) process.stdout.write(`only the first ${MAX_INDEX_IMPORTS} entries were imported\n`);
      if (!values.json) process.stdout.write(`${Math.min(entries.length, MAX_INDEX_IMPORTS) - refused} imported${dryRun ? ' (dry run: nothing stored)' : ''}, ${refused} refused\n`);
      return refused ? 1 : 0;
    };
    return dryRun ? work(null) : withDatabase((db) => work(db));
  },
};
