import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

/** Where the NENA EIDO JSON schema lives beside the repository (it is not copied into it). */
export const EIDO_SCHEMA_DIR = new URL('../../../../../../shared/standards/nena/eido-json/', import.meta.url).pathname;
const BASE = 'https://eido.invalid/';

// The published YAML has a few slips a strict validator trips on ("minItems: 1," and empty
// "required:"); they are repaired as written-intended, and OpenAPI's extra keywords ignored.
function repair(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(repair);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'required' && !Array.isArray(v)) continue;
    if ((k === 'minItems' || k === 'maxItems') && typeof v === 'string') out[k] = parseInt(v, 10);
    else if (k === '$ref' && typeof v === 'string') out[k] = v.replace(/\/\/+/g, '/');
    else out[k] = repair(v);
  }
  return out;
}

/** An ajv validator for EmergencyIncidentDataObjectType, built from the schema files on disk. */
export function eidoValidator(): ValidateFunction {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  for (const f of ['int32', 'int64', 'float', 'double', 'byte', 'binary', 'password']) ajv.addFormat(f, true);
  const schemaDir = join(EIDO_SCHEMA_DIR, 'Schema');
  const load = (rel: string) => ajv.addSchema({ ...(repair(parse(readFileSync(join(schemaDir, rel), 'utf8'))) as object), $id: BASE + rel });
  load('openapi.yaml');
  for (const f of readdirSync(join(schemaDir, 'NIEMComponents'))) if (f.endsWith('.yaml')) load(`NIEMComponents/${f}`);
  return ajv.compile({ $ref: `${BASE}openapi.yaml#/components/schemas/EmergencyIncidentDataObjectType` });
}

export function eidoSample(): Record<string, unknown> {
  return JSON.parse(readFileSync(join(EIDO_SCHEMA_DIR, 'Samples', 'Sample call transfer EIDO.json'), 'utf8'));
}
