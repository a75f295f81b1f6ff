import type { PrivacyCriterion, PrivacySubject } from '@openpsap/contract';
import { invalid } from '../errors/app-error';

/** A subject made ready for matching: words lower-cased, a phone reduced to its national digits. */
export interface SubjectQuery {
  nameWords: string[];
  phoneDigits: string | null;
  email: string | null;
  addressWords: string[];
  criteria: PrivacyCriterion[];
}

const words = (s: string | undefined) =>
  (s ?? '')
    .toLowerCase()
    .split(/[\s,.;]+/)
    .filter((w) => w.length > 0)
    .slice(0, 12);

/**
 * The digits of a phone number without a North American country code, so +1 (410) 555-0142,
 * 410.555.0142 and 14105550142 are one number. Mirrors privacy_phone_digits() in migration 0009.
 */
export function phoneDigits(raw: string): string {
  const d = raw.replace(/\D/g, '');
  return d.length === 11 && d.startsWith('1') ? d.slice(1) : d;
}

/** Checks and normalises what staff typed; at least one criterion, and a phone long enough to mean one person. */
export function subjectQuery(s: PrivacySubject): SubjectQuery {
  const criteria: PrivacyCriterion[] = [];
  const nameWords = words(s.name);
  if (nameWords.length) criteria.push('name');
  let digits: string | null = null;
  if (s.phone?.trim()) {
    digits = phoneDigits(s.phone);
    if (digits.length < 7) throw invalid('phone', 'give at least 7 digits of the phone number');
    criteria.push('phone');
  }
  const email = s.email?.trim().toLowerCase() || null;
  if (email) {
    if (!email.includes('@')) throw invalid('email', 'must be an e-mail address');
    criteria.push('email');
  }
  const addressWords = words(s.address);
  if (addressWords.length) criteria.push('address');
  if (!criteria.length) throw invalid('name', 'give at least one of name, phone, email or address to search for');
  return { nameWords, phoneDigits: digits, email, addressWords, criteria };
}

const likeEscape = (w: string) => w.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Builds the SQL of one source's search: each candidate field becomes a boolean column (`m0`,
 * `m1`, ...) saying whether it matched, so the result tells staff why a record was found.
 */
export class SubjectSql {
  private readonly checks: Array<{ label: string; sql: string }> = [];

  /** `params` is shared with the builders of nested checks (see each), so numbering stays right. */
  constructor(
    private readonly q: SubjectQuery,
    readonly params: unknown[] = [],
  ) {}

  private param(v: unknown): string {
    this.params.push(v);
    return `$${this.params.length}`;
  }

  /** Every word of the name appears in the text (any order, any case). */
  name(label: string, expr: string): this {
    if (this.q.nameWords.length) this.checks.push({ label, sql: this.allWords(expr, this.q.nameWords) });
    return this;
  }

  address(label: string, expr: string): this {
    if (this.q.addressWords.length) this.checks.push({ label, sql: this.allWords(expr, this.q.addressWords) });
    return this;
  }

  /** The number's digits equal the query's, or end with them (the query left out an area code). */
  phone(label: string, expr: string): this {
    if (this.q.phoneDigits) this.checks.push({ label, sql: `COALESCE(privacy_phone_digits(${expr}) LIKE '%' || ${this.param(likeEscape(this.q.phoneDigits))}, false)` });
    return this;
  }

  email(label: string, expr: string): this {
    if (this.q.email) this.checks.push({ label, sql: `COALESCE(lower(trim(${expr})) = ${this.param(this.q.email)}, false)` });
    return this;
  }

  /** Checks over each element (`el`) of a jsonb array such as contacts: true when any element matches. */
  each(arrayExpr: string, build: (inner: SubjectSql) => void): this {
    const inner = new SubjectSql(this.q, this.params);
    build(inner);
    for (const c of inner.checks) {
      this.checks.push({ label: c.label, sql: `COALESCE((SELECT bool_or(${c.sql}) FROM jsonb_array_elements(COALESCE(${arrayExpr}, '[]'::jsonb)) el), false)` });
    }
    return this;
  }

  private allWords(expr: string, ws: string[]): string {
    return `COALESCE(${ws.map((w) => `${expr} ILIKE ${this.param(`%${likeEscape(w)}%`)}`).join(' AND ')}, false)`;
  }

  get empty(): boolean {
    return this.checks.length === 0;
  }

  /** `SELECT * FROM (SELECT <columns>, m0, m1... FROM <from>) WHERE any matched`; labels by column. */
  query(columns: string, from: string, order: string, limit = 200): { text: string; labels: string[] } {
    const flags = this.checks.map((c, i) => `${c.sql} AS m${i}`).join(', ');
    const any = this.checks.map((_, i) => `m${i}`).join(' OR ');
    return { text: `SELECT * FROM (SELECT ${columns}, ${flags} FROM ${from}) s WHERE ${any} ORDER BY ${order} LIMIT ${limit}`, labels: this.checks.map((c) => c.label) };
  }
}

/** The labels of the fields that matched in one result row (columns m0, m1, ...). */
export function matchedLabels(row: Record<string, unknown>, labels: string[]): string[] {
  return [...new Set(labels.filter((_, i) => row[`m${i}`] === true))];
}
