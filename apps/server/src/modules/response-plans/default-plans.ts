import type { PlanRequirement, PlanSubstitution, ResponsePlan } from '@openpsap/contract';

// The centre's starting run cards: what a mid-size US city sends by default. Every APCO type is
// covered (by a type-specific plan or its discipline's default); a centre edits them as JSON
// (`psap plans export` / `psap plans import`).

const req = (label: string, unitTypes: PlanRequirement['unitTypes'], count: number, capabilities: PlanRequirement['capabilities'] = []): PlanRequirement => ({ label, unitTypes, capabilities, count });
const ENGINE = (n: number) => req(n === 1 ? 'Engine' : 'Engines', ['engine'], n);
const TRUCK = (n = 1) => req(n === 1 ? 'Truck' : 'Trucks', ['truck'], n);
const BC = req('Battalion chief', ['battalion'], 1);
const ALS = req('ALS medic', ['medic'], 1, ['ALS']);
const MEDIC = req('Medic', ['medic'], 1);
const PATROL = (n: number) => req(n === 1 ? 'Patrol unit' : 'Patrol units', ['patrol', 'sergeant'], n);
const SERGEANT = req('Sergeant', ['sergeant'], 1);

// Lincoln Fire & Rescue's run sheet rules (public run sheet): a truck stands in for the engine
// when it is more than 20 s closer; a truck joins when it is more than 60 s closer.
const TRUCK_FOR_ENGINE: PlanSubstitution = { requirement: 'Engine', kind: 'replace', unitTypes: ['truck'], capabilities: [], whenCloserBySeconds: 20 };
const TRUCK_JOINS: PlanSubstitution = { requirement: 'Engine', kind: 'add', unitTypes: ['truck'], capabilities: [], whenCloserBySeconds: 60 };

const plan = (name: string, typeCodes: string[], requirements: PlanRequirement[], extra: Partial<ResponsePlan> = {}): ResponsePlan => ({
  name,
  typeCodes,
  discipline: null,
  zone: null,
  alarmLevel: 1,
  requirements,
  substitutions: [],
  priority: 0,
  ...extra,
});

export const DEFAULT_PLANS: ResponsePlan[] = [
  // Fire
  plan('Structure fire', ['FSTRU', 'FAPT', 'EXPLOS'], [ENGINE(3), TRUCK(1), BC, ALS]),
  plan('Structure fire, 2nd alarm', ['FSTRU', 'FAPT', 'EXPLOS'], [ENGINE(5), TRUCK(2), req('Battalion chiefs', ['battalion'], 2), ALS, MEDIC], { alarmLevel: 2 }),
  plan('Structure fire, 3rd alarm', ['FSTRU', 'FAPT', 'EXPLOS'], [ENGINE(7), TRUCK(3), req('Battalion chiefs', ['battalion'], 2), req('ALS medics', ['medic'], 2, ['ALS'])], { alarmLevel: 3 }),
  plan('Aircraft / train fire', ['FAIRC', 'AIR', 'FTRAIN', 'TRAINDRL'], [ENGINE(4), TRUCK(1), BC, req('ALS medics', ['medic'], 2, ['ALS'])]),
  plan('Fire alarm', ['ALRF', 'ALRPULL', 'ALRHEAT', 'ALRWTR', 'ALRKPAD', 'ALRBOX', 'ALRCO2'], [ENGINE(1), TRUCK(1)]),
  plan('Gas alarm or leak inside', ['ALRGAS', 'ALRNGAS', 'ALRPROPN', 'GASLEAKI', 'GASLEAK'], [ENGINE(1), TRUCK(1)]),
  plan('Carbon monoxide', ['ALRCO'], [ENGINE(1)]),
  plan('Small fire or investigation', ['FVEH', 'FTRASH', 'FBRUSH', 'FELEC', 'FSMOKE', 'FUNK', 'FOTHER', 'FTRUCK', 'FTRAILER', 'FFUEL', 'FMARINE', 'FARSON', 'ODOR', 'GASLEAKO', 'ELECHZD', 'WIRES', 'HAZ'], [ENGINE(1)], {
    substitutions: [TRUCK_FOR_ENGINE],
  }),
  plan('Hazardous materials', ['HAZMAT', 'CHEMICAL', 'BIO', 'RADIAT'], [ENGINE(2), req('Hazmat unit', ['hazmat'], 1, ['HAZMAT']), BC, ALS]),
  plan('Technical rescue', ['ENTRAP', 'RESCUE', 'XTRICATE', 'BLDCLPSE', 'BRGCLPSE', 'ACCIND', 'NCRELEV', 'SAR'], [ENGINE(1), req('Rescue or truck', ['rescue', 'truck'], 1, ['TECHRESCUE']), ALS]),
  plan('Water rescue', ['WATER', 'DROWN', 'MISBOATR', 'FMARINE'], [ENGINE(1), req('Fireboat', ['boat'], 1, ['WATER']), ALS], { priority: 1 }),
  plan('Mass casualty incident', ['MCI', 'MAJORINC'], [ENGINE(2), TRUCK(1), req('Battalion chiefs', ['battalion'], 2), req('ALS medics', ['medic'], 4, ['ALS'])]),
  plan('Fire default', [], [ENGINE(1)], { discipline: 'fire', substitutions: [TRUCK_FOR_ENGINE] }),

  // EMS
  plan('Life-threatening medical (ALS + first responder)', ['CARDIAC', 'RESPARR', 'NCRCPRF', 'CHOKE', 'PERUNCON', 'STROKE', 'HEMRG', 'OD', 'SEIZURE', 'RESP', 'TRAUMAP', 'ELEC', 'BURN', 'ALS', 'ALRDEFIB', 'NCRFACTR', 'PREG', 'DIABETIC', 'ALLERGIC'], [ALS, ENGINE(1)], {
    substitutions: [TRUCK_FOR_ENGINE, TRUCK_JOINS],
  }),
  plan('Injury collision', ['MVAINJY', 'MVAUNK'], [ENGINE(1), ALS, PATROL(1)]),
  plan('Medical default', [], [MEDIC], { discipline: 'ems' }),

  // Police
  plan('Violent or in-progress crime', ['ASSAULT', 'FIGHT', 'DVA', 'ROBBERY', 'CARJACK', 'BURGLARY', 'FASX', 'NCRASLTWF', 'WEAPON', 'STKX', 'HOLD', 'PROW', 'ALMH', 'ALRPANA', 'ALRPANS', 'ALRROBA', 'ALRROBS', 'ALRBA', 'ALRBS', 'ALMB', 'ALMR', 'ALMA', 'DVNA', 'PURSUIT', 'ESCAPE', 'RESIST', 'HLP2'], [PATROL(2)]),
  plan('Shooting or stabbing', ['SHOOT', 'STABBING', 'HOMICIDE'], [PATROL(2), SERGEANT, ALS]),
  plan('Active threat', ['ACTSHOOT', 'HOSTAGE', 'BARICADE', 'TERROR', 'BOMB'], [PATROL(4), SERGEANT, req('K9 unit', ['k9'], 1, ['K9']), ALS, ENGINE(1)]),
  plan('Officer needs help', ['HLP1', 'MAYDAY'], [PATROL(4), SERGEANT]),
  // Crisis calls: two officers, one of them crisis-intervention trained, specific slot first.
  plan('Mental health crisis', ['MNTL', 'MTLV', 'EDP', 'SUICTHRT', 'SCRM'], [req('CIT-trained officer', ['patrol', 'sergeant'], 1, ['CIT']), PATROL(1)]),
  plan('Suicide (attempt)', ['SUICIDE'], [req('CIT-trained officer', ['patrol', 'sergeant'], 1, ['CIT']), PATROL(1), ALS]),
  plan('Missing or endangered person', ['PERMISS', 'ABDUCTF', 'ABDUCTNF'], [PATROL(1), req('Supervisor', ['sergeant'], 1)]),
  plan('Police default', [], [PATROL(1)], { discipline: 'police' }),
];
