/**
 * Checks on a CAP alert held in memory, each problem in plain words.
 *
 *   checkCap(alert: CapAlert, opts: { profile: 'ipaws' | 'none' }): CapProblem[]
 *
 * rule 'schema': what the OASIS CAP 1.2 schema (CAP-v1.2.xsd) demands of the values: required
 * elements present, enumerations, the date-time pattern (an offset such as +00:00; no Z, no
 * fractions), numbers, language tags. Element order and unknown elements cannot go wrong in
 * memory; the reader reports those for XML (see validateCapXml in cap-validate.ts).
 * rule 'profile' (only with profile 'ipaws'): the IPAWS-OPEN CAP profile v1.0 and the CAP 1.2
 * text rules IPAWS enforces: <code>IPAWSv1.0</code>, expires on every info, exactly one SAME event
 * code per info, areas given as polygon / circle / SAME geocode, closed polygons of at least four
 * points, WEA texts (CMAMtext at most 90 characters, CMAMlongtext at most 360), and references on
 * Update and Cancel. An empty list means the alert passes.
 */
import type { CapAlert, CapArea, CapInfo, CapProblem } from './cap-model';

export const CAP_ENUMS = {
  status: ['Actual', 'Exercise', 'System', 'Test', 'Draft'],
  msgType: ['Alert', 'Update', 'Cancel', 'Ack', 'Error'],
  scope: ['Public', 'Restricted', 'Private'],
  category: ['Geo', 'Met', 'Safety', 'Security', 'Rescue', 'Fire', 'Health', 'Env', 'Transport', 'Infra', 'CBRNE', 'Other'],
  responseType: ['Shelter', 'Evacuate', 'Prepare', 'Execute', 'Avoid', 'Monitor', 'Assess', 'AllClear', 'None'],
  urgency: ['Immediate', 'Expected', 'Future', 'Past', 'Unknown'],
  severity: ['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown'],
  certainty: ['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown'],
} as const;

/**
 * SAME event codes (47 CFR 11.31 and the NWS additions) IPAWS accepts. AMBER is CAE, missing
 * and endangered persons (Silver) MEP, Blue BLU, local emergencies LAE / CEM / EVI and so on.
 */
export const SAME_EVENT_CODES: Record<string, string> = {
  ADR: 'Administrative Message', AVA: 'Avalanche Watch', AVW: 'Avalanche Warning', BHW: 'Biological Hazard Warning', BLU: 'Blue Alert',
  BWW: 'Boil Water Warning', BZW: 'Blizzard Warning', CAE: 'Child Abduction Emergency', CDW: 'Civil Danger Warning', CEM: 'Civil Emergency Message',
  CFA: 'Coastal Flood Watch', CFW: 'Coastal Flood Warning', CHW: 'Chemical Hazard Warning', CWW: 'Contaminated Water Warning', DBA: 'Dam Watch',
  DBW: 'Dam Break Warning', DEW: 'Contagious Disease Warning', DMO: 'Practice/Demo Warning', DSW: 'Dust Storm Warning', EAN: 'Emergency Action Notification',
  EQW: 'Earthquake Warning', EVA: 'Evacuation Watch', EVI: 'Evacuation Immediate', EWW: 'Extreme Wind Warning', FCW: 'Food Contamination Warning',
  FFA: 'Flash Flood Watch', FFS: 'Flash Flood Statement', FFW: 'Flash Flood Warning', FLA: 'Flood Watch', FLS: 'Flood Statement', FLW: 'Flood Warning',
  FRW: 'Fire Warning', FSW: 'Flash Freeze Warning', FZW: 'Freeze Warning', HLS: 'Hurricane Statement', HMW: 'Hazardous Materials Warning',
  HUA: 'Hurricane Watch', HUW: 'Hurricane Warning', HWA: 'High Wind Watch', HWW: 'High Wind Warning', IBW: 'Iceberg Warning', IFW: 'Industrial Fire Warning',
  LAE: 'Local Area Emergency', LEW: 'Law Enforcement Warning', LSW: 'Land Slide Warning', MEP: 'Missing and Endangered Persons', NAT: 'National Audible Test',
  NIC: 'National Information Center', NMN: 'Network Message Notification', NPT: 'National Periodic Test', NUW: 'Nuclear Power Plant Warning',
  POS: 'Power Outage Statement', RHW: 'Radiological Hazard Warning', RMT: 'Required Monthly Test', RWT: 'Required Weekly Test', SMW: 'Special Marine Warning',
  SPS: 'Special Weather Statement', SPW: 'Shelter in Place Warning', SQW: 'Snow Squall Warning', SSA: 'Storm Surge Watch', SSW: 'Storm Surge Warning',
  SVA: 'Severe Thunderstorm Watch', SVR: 'Severe Thunderstorm Warning', SVS: 'Severe Weather Statement', TOA: 'Tornado Watch', TOE: '911 Telephone Outage Emergency',
  TOR: 'Tornado Warning', TRA: 'Tropical Storm Watch', TRW: 'Tropical Storm Warning', TSA: 'Tsunami Watch', TSW: 'Tsunami Warning', VOW: 'Volcano Warning',
  WFA: 'Wild Fire Watch', WFW: 'Wild Fire Warning', WSA: 'Winter Storm Watch', WSW: 'Winter Storm Warning',
};

export const WEA_SHORT_MAX = 90;
export const WEA_LONG_MAX = 360;

const CAP_TIME = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)([+-])(\d\d):(\d\d)$/;
const LANGUAGE = /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/;

/** Why a CAP time is wrong, in plain words, or null when it is right. */
export function capTimeProblem(t: string): string | null {
  const s = t.trim();
  if (/Z$/i.test(s)) return `"${t}" ends in Z; CAP 1.2 wants the offset written out, e.g. +00:00`;
  if (/T\d\d:\d\d:\d\d[.,]\d/.test(s)) return `"${t}" has fractions of a second; CAP 1.2 wants whole seconds`;
  const m = CAP_TIME.exec(s);
  if (!m) return `"${t}" is not a CAP date and time such as 2026-11-21T14:05:00-05:00 (date, T, time to the second, offset)`;
  const [, y, mo, d, h, mi, se, , oh, om] = m.map(Number) as number[];
  const daysIn = new Date(Date.UTC(y!, mo!, 0)).getUTCDate();
  if (mo! < 1 || mo! > 12 || d! < 1 || d! > daysIn) return `"${t}" is not a real date`;
  if (h! > 24 || mi! > 59 || se! > 59 || (h === 24 && (mi || se))) return `"${t}" is not a real time of day`;
  if (oh! > 14 || om! > 59 || (oh === 14 && om)) return `"${t}" has an offset beyond ±14:00`;
  return null;
}

export function checkCap(alert: CapAlert, opts: { profile: 'ipaws' | 'none' }): CapProblem[] {
  const out: CapProblem[] = [];
  const schema = (path: string, message: string) => out.push({ path, message, rule: 'schema' });
  const required = (path: string, v: string | undefined, what: string) => {
    if (v === undefined || v === '') schema(path, `${what} (<${path.replace(/.*\./, '').replace(/\[\d+\]$/, '')}>) is missing`);
  };
  const oneOf = (path: string, v: string | undefined, allowed: readonly string[], what: string) => {
    if (v === undefined || v === '') return required(path, v, what);
    if (!allowed.includes(v)) schema(path, `${what} "${v}" is not one CAP allows (${allowed.join(', ')})`);
  };
  const time = (path: string, v: string | undefined, what: string) => {
    if (v === undefined) return;
    const p = capTimeProblem(v);
    if (p) schema(path, `${what}: ${p}`);
  };

  required('identifier', alert.identifier, 'the message identifier');
  required('sender', alert.sender, 'the sender');
  if (!alert.sent) required('sent', alert.sent, 'the time sent');
  else time('sent', alert.sent, 'the time sent');
  oneOf('status', alert.status, CAP_ENUMS.status, 'the status');
  oneOf('msgType', alert.msgType, CAP_ENUMS.msgType, 'the message type');
  oneOf('scope', alert.scope, CAP_ENUMS.scope, 'the scope');
  (alert.info ?? []).forEach((info, i) => checkInfoSchema(info, `info[${i}]`, { schema, required, oneOf, time }));

  if (opts.profile === 'ipaws') out.push(...checkIpaws(alert));
  return out;
}

interface Helpers {
  schema(path: string, message: string): void;
  required(path: string, v: string | undefined, what: string): void;
  oneOf(path: string, v: string | undefined, allowed: readonly string[], what: string): void;
  time(path: string, v: string | undefined, what: string): void;
}

function checkInfoSchema(info: CapInfo, p: string, h: Helpers) {
  if (info.language !== undefined && !LANGUAGE.test(info.language)) h.schema(`${p}.language`, `the language "${info.language}" is not a language tag such as en-US or es-US`);
  if (!info.category?.length) h.schema(`${p}.category`, 'at least one category (<category>) is required, e.g. Rescue or Met');
  (info.category ?? []).forEach((c, j) => h.oneOf(`${p}.category[${j}]`, c, CAP_ENUMS.category, 'the category'));
  h.required(`${p}.event`, info.event, 'the event');
  (info.responseType ?? []).forEach((r, j) => h.oneOf(`${p}.responseType[${j}]`, r, CAP_ENUMS.responseType, 'the response type'));
  h.oneOf(`${p}.urgency`, info.urgency, CAP_ENUMS.urgency, 'the urgency');
  h.oneOf(`${p}.severity`, info.severity, CAP_ENUMS.severity, 'the severity');
  h.oneOf(`${p}.certainty`, info.certainty, CAP_ENUMS.certainty, 'the certainty');
  h.time(`${p}.effective`, info.effective, 'the effective time');
  h.time(`${p}.onset`, info.onset, 'the onset time');
  h.time(`${p}.expires`, info.expires, 'the expiry time');
  for (const [list, name] of [[info.eventCode, 'eventCode'], [info.parameter, 'parameter']] as const) {
    (list ?? []).forEach((v, j) => h.required(`${p}.${name}[${j}].valueName`, v.valueName, `the ${name} name`));
  }
  (info.resource ?? []).forEach((r, j) => {
    h.required(`${p}.resource[${j}].resourceDesc`, r.resourceDesc, 'the resource description');
    h.required(`${p}.resource[${j}].mimeType`, r.mimeType, 'the resource MIME type');
    if (r.size !== undefined && !Number.isInteger(r.size)) h.schema(`${p}.resource[${j}].size`, `the resource size ${r.size} is not a whole number`);
  });
  (info.area ?? []).forEach((a, j) => {
    h.required(`${p}.area[${j}].areaDesc`, a.areaDesc, 'the area description');
    for (const n of ['altitude', 'ceiling'] as const) if (a[n] !== undefined && !Number.isFinite(a[n])) h.schema(`${p}.area[${j}].${n}`, `the ${n} is not a number`);
  });
}

function checkIpaws(alert: CapAlert): CapProblem[] {
  const out: CapProblem[] = [];
  const profile = (path: string, message: string) => out.push({ path, message, rule: 'profile' });
  const badId = /[\s,<&]/;

  if (!(alert.code ?? []).includes('IPAWSv1.0')) profile('code', 'IPAWS needs <code>IPAWSv1.0</code> in the alert');
  if (alert.identifier && badId.test(alert.identifier)) profile('identifier', `the identifier "${alert.identifier}" contains a space, comma, < or &, which CAP forbids`);
  if (alert.sender && badId.test(alert.sender)) profile('sender', `the sender "${alert.sender}" contains a space, comma, < or &, which CAP forbids`);
  if (alert.msgType === 'Update' || alert.msgType === 'Cancel') {
    if (!alert.references?.length) profile('references', `an ${alert.msgType} must name the message(s) it ${alert.msgType === 'Update' ? 'updates' : 'cancels'} in <references> ("sender,identifier,sent")`);
  }
  (alert.references ?? []).forEach((r, i) => {
    const parts = r.split(',');
    if (parts.length !== 3 || !parts[0] || !parts[1] || capTimeProblem(parts[2] ?? '')) {
      profile(`references[${i}]`, `the reference "${r}" is not "sender,identifier,sent" with sent written like 2026-11-21T14:05:00-05:00`);
    }
  });
  if (!alert.info?.length && alert.msgType !== 'Ack' && alert.msgType !== 'Error') profile('info', 'IPAWS needs at least one <info> block');
  const sentMs = alert.sent && !capTimeProblem(alert.sent) ? Date.parse(alert.sent) : NaN;

  (alert.info ?? []).forEach((info, i) => {
    const p = `info[${i}]`;
    if (!info.expires) profile(`${p}.expires`, 'IPAWS needs an expiry time (<expires>) on every info');
    else if (!capTimeProblem(info.expires) && Date.parse(info.expires) <= sentMs) profile(`${p}.expires`, `the alert expires (${info.expires}) before or when it is sent (${alert.sent})`);
    const same = (info.eventCode ?? []).filter((c) => c.valueName === 'SAME');
    if (same.length === 0) profile(`${p}.eventCode`, 'IPAWS needs one SAME event code (<eventCode> with valueName SAME, e.g. CAE for AMBER, MEP for missing and endangered, BLU for Blue)');
    else if (same.length > 1) profile(`${p}.eventCode`, `there are ${same.length} SAME event codes (${same.map((c) => c.value).join(', ')}); IPAWS allows exactly one per info`);
    same.forEach((c) => {
      if (!/^[A-Z]{3}$/.test(c.value)) profile(`${p}.eventCode`, `the SAME event code "${c.value}" is not three capital letters such as CAE, MEP or BLU`);
      else if (!SAME_EVENT_CODES[c.value]) profile(`${p}.eventCode`, `"${c.value}" is not a SAME event code IPAWS knows (e.g. CAE, MEP, BLU, EVI, SVR, TOR)`);
    });
    for (const [name, max] of [['CMAMtext', WEA_SHORT_MAX], ['CMAMlongtext', WEA_LONG_MAX]] as const) {
      (info.parameter ?? []).forEach((prm, j) => {
        if (prm.valueName !== name) return;
        const n = [...prm.value].length;
        if (n > max) profile(`${p}.parameter[${j}]`, `the WEA text ${name} is ${n} characters; phones show at most ${max}`);
        if (n === 0) profile(`${p}.parameter[${j}]`, `the WEA text ${name} is empty`);
      });
    }
    if (!info.area?.length) profile(`${p}.area`, 'IPAWS needs at least one <area> saying where the alert applies');
    (info.area ?? []).forEach((a, j) => checkIpawsArea(a, `${p}.area[${j}]`, profile));
  });
  return out;
}

function checkIpawsArea(a: CapArea, p: string, profile: (path: string, message: string) => void) {
  const sameCodes = (a.geocode ?? []).filter((g) => g.valueName === 'SAME');
  if (!a.polygon?.length && !a.circle?.length && !sameCodes.length) profile(p, `the area "${a.areaDesc}" has no polygon, circle or SAME geocode; IPAWS needs at least one to know where to alert`);
  sameCodes.forEach((g) => {
    if (!/^\d{6}$/.test(g.value)) profile(`${p}.geocode`, `the SAME geocode "${g.value}" is not six digits (state and county FIPS with a leading part digit, e.g. 006037)`);
  });
  (a.polygon ?? []).forEach((poly, k) => {
    const problem = polygonProblem(poly);
    if (problem) profile(`${p}.polygon[${k}]`, problem);
  });
  (a.circle ?? []).forEach((c, k) => {
    const problem = circleProblem(c);
    if (problem) profile(`${p}.circle[${k}]`, problem);
  });
}

function pointProblem(pair: string): string | null {
  const m = /^([+-]?\d+(?:\.\d+)?),([+-]?\d+(?:\.\d+)?)$/.exec(pair);
  if (!m) return `"${pair}" is not a point written "latitude,longitude"`;
  const lat = Number(m[1]);
  const lon = Number(m[2]);
  if (Math.abs(lat) > 90) return `latitude ${lat} is beyond ±90`;
  if (Math.abs(lon) > 180) return `longitude ${lon} is beyond ±180`;
  return null;
}

/** Why a CAP polygon is wrong, or null: pairs "lat,lon", at least 4, the first repeated last. */
export function polygonProblem(poly: string): string | null {
  const pts = poly.trim().split(/\s+/).filter(Boolean);
  if (!pts.length) return 'the polygon is empty';
  for (const pt of pts) {
    const e = pointProblem(pt);
    if (e) return `in the polygon, ${e}`;
  }
  if (pts.length < 4) return `the polygon has ${pts.length} points; it needs at least 4 (three corners and the first again to close it)`;
  const same = (a: string, b: string) => a.split(',').map(Number).join() === b.split(',').map(Number).join();
  if (!same(pts[0]!, pts[pts.length - 1]!)) return `the polygon is not closed: it starts at ${pts[0]} and ends at ${pts[pts.length - 1]}; the last point must repeat the first`;
  return null;
}

export function circleProblem(c: string): string | null {
  const m = /^(\S+)\s+([+-]?\d+(?:\.\d+)?)$/.exec(c.trim());
  if (!m) return `the circle "${c}" is not written "latitude,longitude radius-in-km"`;
  const e = pointProblem(m[1]!);
  if (e) return `in the circle, ${e}`;
  if (Number(m[2]) < 0) return `the circle's radius ${m[2]} is negative`;
  return null;
}
