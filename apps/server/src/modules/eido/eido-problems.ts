import type { z } from 'zod';
import { AppError } from '../../errors/app-error';

/** A JSON path as people and JSONPath tools write it: $.locationComponent[0].locationByValue */
export function jsonPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((p, k) => (typeof k === 'number' ? `${p}[${k}]` : `${p}.${String(k)}`), '$');
}

/** A refused EIDO: 422 with every problem under its JSON path. */
export function eidoRefused(problems: { path: string; message: string }[]): AppError {
  const fields: Record<string, string> = {};
  for (const p of problems) fields[p.path] ??= p.message;
  const first = problems[0]!;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
  return new AppError(422, 'validation_failed', `${first.path}: ${first.message}${more}`, fields);
}

export function zodProblems(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.slice(0, 50).map((i) => ({ path: jsonPath(i.path), message: i.message }));
}
