/**
 * A CAP alert as the centre holds it in memory: the OASIS Common Alerting Protocol 1.2 structure
 * (1.1 messages are read into the same shape). Element names follow the standard so a reader of
 * the specification finds each field; the XML reader and writer in this folder convert to and from it.
 */
export type CapVersion = '1.1' | '1.2';
export type CapStatus = 'Actual' | 'Exercise' | 'System' | 'Test' | 'Draft';
export type CapMsgType = 'Alert' | 'Update' | 'Cancel' | 'Ack' | 'Error';
export type CapScope = 'Public' | 'Restricted' | 'Private';
export type CapCategory = 'Geo' | 'Met' | 'Safety' | 'Security' | 'Rescue' | 'Fire' | 'Health' | 'Env' | 'Transport' | 'Infra' | 'CBRNE' | 'Other';
export type CapResponseType = 'Shelter' | 'Evacuate' | 'Prepare' | 'Execute' | 'Avoid' | 'Monitor' | 'Assess' | 'AllClear' | 'None';
export type CapUrgency = 'Immediate' | 'Expected' | 'Future' | 'Past' | 'Unknown';
export type CapSeverity = 'Extreme' | 'Severe' | 'Moderate' | 'Minor' | 'Unknown';
export type CapCertainty = 'Observed' | 'Likely' | 'Possible' | 'Unlikely' | 'Unknown';

/** A name-value pair (eventCode, parameter, geocode). */
export interface CapValue {
  valueName: string;
  value: string;
}

export interface CapResource {
  resourceDesc: string;
  mimeType: string;
  size?: number;
  uri?: string;
  derefUri?: string;
  digest?: string;
}

export interface CapArea {
  areaDesc: string;
  /** Each polygon as "lat,lon lat,lon ..." pairs, first equal to last, as CAP writes them. */
  polygon: string[];
  /** "lat,lon radius_km". */
  circle: string[];
  geocode: CapValue[];
  altitude?: number;
  ceiling?: number;
}

export interface CapInfo {
  language: string;
  category: CapCategory[];
  event: string;
  responseType: CapResponseType[];
  urgency: CapUrgency;
  severity: CapSeverity;
  certainty: CapCertainty;
  audience?: string;
  eventCode: CapValue[];
  /** Times as written in the message: "2026-11-21T14:05:00-05:00" (an offset, never Z). */
  effective?: string;
  onset?: string;
  expires?: string;
  senderName?: string;
  headline?: string;
  description?: string;
  instruction?: string;
  web?: string;
  contact?: string;
  parameter: CapValue[];
  resource: CapResource[];
  area: CapArea[];
}

export interface CapAlert {
  version: CapVersion;
  identifier: string;
  sender: string;
  sent: string;
  status: CapStatus;
  msgType: CapMsgType;
  source?: string;
  scope: CapScope;
  restriction?: string;
  addresses?: string;
  code: string[];
  note?: string;
  /** "sender,identifier,sent" entries, space separated in the XML. */
  references: string[];
  incidents?: string;
  info: CapInfo[];
  /** True when the message carried an XML signature (kept as received; not verified here). */
  signed?: boolean;
}

/** One problem found in a message, in plain words, with where it is ("info[1].area[0].polygon[0]"). */
export interface CapProblem {
  path: string;
  message: string;
  /** schema: against the OASIS CAP 1.2 schema; profile: against the IPAWS profile. */
  rule: 'xml' | 'schema' | 'profile';
}
