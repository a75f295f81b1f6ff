import { z } from 'zod';
import { INCIDENT_TYPE_REGISTRY } from './registries/incident-types.generated';

/** Which kind of agency normally owns an incident of a type (the one whose number it takes). */
export const DISCIPLINES = ['police', 'fire', 'ems'] as const;
export type Discipline = (typeof DISCIPLINES)[number];

export type IncidentTypeCode = (typeof INCIDENT_TYPE_REGISTRY)[number]['code'];

export interface IncidentTypeInfo {
  code: IncidentTypeCode;
  name: string;
  description: string;
  standard: string;
  discipline: Discipline;
  /** 1 = most urgent. A starting point the call-taker may change. */
  defaultPriority: 1 | 2 | 3 | 4 | 5;
}

// Owning discipline by code. Everything not listed is a police matter. These are the centre's
// defaults, not part of the APCO standard, which deliberately does not assign agencies.
const FIRE = new Set<string>([
  'ACCIND', 'AIR', 'AIRINC', 'ALRBOX', 'ALRCO', 'ALRCO2', 'ALRF', 'ALRGAS', 'ALRHEAT', 'ALRKPAD', 'ALRNGAS',
  'ALRPROPN', 'ALRPULL', 'ALRWTR', 'BIO', 'BLDCLPSE', 'BRGCLPSE', 'CHEMICAL', 'ELECHZD', 'ENTRAP', 'EXPLOS',
  'FAIRC', 'FAPT', 'FARSON', 'FBRUSH', 'FELEC', 'FFUEL', 'FMARINE', 'FORCENTR', 'FOTHER', 'FREPORT', 'FSMOKE',
  'FSTRU', 'FTRAILER', 'FTRAIN', 'FTRASH', 'FTRUCK', 'FUNK', 'FVEH', 'GASLEAK', 'GASLEAKI', 'GASLEAKO', 'HAZ',
  'HAZMAT', 'MCI', 'MISBOATR', 'NCRELEV', 'NCRMUAIDF', 'NCRTASKFORCE', 'NCRTESTF', 'ODOR', 'RADIAT', 'RESCUE',
  'SAR', 'TRAINDRL', 'WATER', 'WIRES', 'XTRICATE', 'NCRTRANS',
]);
const EMS = new Set<string>([
  'ABDOM', 'ALLERGIC', 'ALRDEFIB', 'ALRMED', 'ALS', 'BACK', 'BLEEDING', 'BLS', 'BURN', 'CARDIAC', 'CHESPAIN',
  'CHOKE', 'DIABETIC', 'DROWN', 'ELEC', 'EXPOSURE', 'EYE', 'FALL', 'HEADACHE', 'HEMRG', 'NCRCPRF', 'NCRFACTR',
  'OD', 'PANDEMIC', 'PERUNCON', 'PREG', 'RESP', 'RESPARR', 'SEIZURE', 'SICK', 'STROKE', 'TRANSFER', 'TRAUMA',
  'TRAUMAP', 'MVAINJY',
]);

// Default priority by code; everything not listed is priority 3 (prompt).
const PRIORITY: Record<number, string[]> = {
  1: [
    'ACTSHOOT', 'SHOOT', 'STABBING', 'HLP1', 'MAYDAY', 'HOSTAGE', 'ABDUCTNF', 'ABDUCTF', 'BARICADE', 'BOMB',
    'EXPLOS', 'FSTRU', 'FAPT', 'FAIRC', 'AIR', 'BLDCLPSE', 'BRGCLPSE', 'TRAINDRL', 'CARDIAC', 'RESPARR',
    'NCRCPRF', 'CHOKE', 'DROWN', 'PERUNCON', 'STROKE', 'HEMRG', 'MCI', 'HAZMAT', 'RADIAT', 'BIO', 'TERROR',
    'ALMH', 'ALRPANS', 'ALRPANA', 'ALRROBS', 'ALRROBA', 'ROBBERY', 'CARJACK', 'FASX', 'NCRASLTWF', 'SUICIDE',
    'CU1', 'TRAUMAP', 'ELEC', 'ENTRAP', 'WATER', 'XTRICATE', 'GASLEAKI', 'PURSUIT', 'HOMICIDE', 'DVA', 'MTLV',
    'OD', 'SEIZURE', 'RESP', 'ALRCO',
  ],
  2: [
    'ASSAULT', 'FIGHT', 'BURGLARY', 'MVAINJY', 'MVAUNK', 'ALRF', 'ALRPULL', 'ALRHEAT', 'ALRWTR', 'ALRGAS',
    'ALRNGAS', 'ALRPROPN', 'ALRKPAD', 'ALRCO2', 'ALRBOX', 'ALRBA', 'ALRBS', 'ALMB', 'ALMR', 'ALMA', 'ALRU',
    'GASLEAK', 'GASLEAKO', 'FVEH', 'FTRUCK', 'FTRAILER', 'FTRAIN', 'FMARINE', 'FFUEL', 'FELEC', 'FUNK',
    'FOTHER', 'FBRUSH', 'FSMOKE', 'ELECHZD', 'WIRES', 'HAZ', 'CHEMICAL', 'RESCUE', 'SAR', 'MISBOATR',
    'NCRELEV', 'WEAPON', 'SUICTHRT', 'MNTL', 'EDP', 'PERMISS', 'RUNAWAY', 'PROW', 'STKX', 'THREATS', 'DUI',
    'RECKDRV', 'ESCAPE', 'ELUDING', 'HOLD', 'PERWANT', 'NCIC', 'SEXOFFNS', 'ABUSE', 'NEGLECT', 'CU2', 'CRWD',
    'CIVDIS', 'SCRM', 'SLMP', 'ALLERGIC', 'ABDOM', 'BLEEDING', 'BURN', 'CHESPAIN', 'DIABETIC', 'EXPOSURE',
    'FALL', 'PREG', 'TRAUMA', 'ALS', 'ALRDEFIB', 'ALRMED', 'NCRFACTR', 'FAS', 'WELFARE', 'HATE', 'DEATH',
    'MVA', 'THAZ', '911H', '911OPN', 'TROUBLE', 'ACCIND', 'NCRMUAIDF', 'NCRTASKFORCE', 'NCRTRANS', 'ODOR',
    'FORCENTR', 'AIRINC', 'FAM', 'DVNA', 'HLP2',
  ],
  4: [
    'LARCENY', 'SHOPLIFT', 'VANDAL', 'FRAUD', 'CNTRFT', 'PROPSTLN', 'VEHSTLN', 'VEHREC', 'IDTHEFT', 'INTERNET',
    'EXTORT', 'NOISE', 'PARKING', 'VEHABND', 'TOW', 'REPO', 'DISVEH', 'VEHASST', 'VEHLOCK', 'PROPFND',
    'PROPLOST', 'PHANDLE', 'VAG', 'SOL', 'SMOKING', 'CURFEW', 'TRUANT', 'LIQUOR', 'ANIMAL', 'WILDLIFE',
    'PUBWKS', 'CIVIL', 'CDX', 'COURT', 'CUST', 'DEATHNTF', 'FREPORT', 'FTRASH', 'DMPX', 'MVCP', 'MVAHR',
    'ORDERV', 'OPEN', 'INVEST', 'WARRANT', 'CITASST', 'STDBY', 'TRANSFER', 'BACK', 'EYE', 'HEADACHE', 'SICK',
    'SCH', 'JUV', 'DRUGPAR', 'CRIMPS', 'IMP', 'ALIEN', 'MISCON', 'CU3', 'FIREWRKS', 'BITE', 'PANDEMIC',
  ],
  5: ['ADMIN', 'INFO', 'NONEMERG', 'NCRNDE', 'NCRNONE', 'NCRTESTF', 'ATL', 'PERFND'],
};
const PRIORITY_BY_CODE = new Map<string, 1 | 2 | 4 | 5>();
for (const [p, codes] of Object.entries(PRIORITY)) for (const c of codes) PRIORITY_BY_CODE.set(c, Number(p) as 1 | 2 | 4 | 5);

export const INCIDENT_TYPES: readonly IncidentTypeInfo[] = INCIDENT_TYPE_REGISTRY.map((t) => ({
  ...t,
  discipline: FIRE.has(t.code) ? 'fire' : EMS.has(t.code) ? 'ems' : 'police',
  defaultPriority: PRIORITY_BY_CODE.get(t.code) ?? 3,
}));

const BY_CODE = new Map<string, IncidentTypeInfo>(INCIDENT_TYPES.map((t) => [t.code, t]));

/** Looks up a type by its APCO code, case-insensitively; undefined when the code is not in the registry. */
export function incidentType(code: string): IncidentTypeInfo | undefined {
  return BY_CODE.get(code.trim().toUpperCase());
}

const CODES = INCIDENT_TYPES.map((t) => t.code) as [IncidentTypeCode, ...IncidentTypeCode[]];

/** An APCO 2.103.2 code; accepts lower case and surrounding spaces, yields the registry spelling. */
export const IncidentTypeCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .pipe(z.enum(CODES, { error: 'is not an APCO 2.103.2 incident type code' }));
