import { dispositionName, eidoIncidentStatus } from '@openpsap/contract';
import type { EidoSource } from './eido.queries';
import { agencyUri, callUrn, elementId, incidentUrn } from './emergency-ids';
import { pidfFor } from './eido-pidf';

const AGENCY_TYPE: Record<string, string> = { police: 'police', fire: 'fire', ems: 'ems' };
const iso = (d: Date | string) => (typeof d === 'string' ? d : d.toISOString());

// The stage times of an assignment, in the order a unit passes them.
const STAGES = [
  ['Dispatched', 'dispatchedAt'],
  ['Acknowledged', 'acknowledgedAt'],
  ['EnRoute', 'enrouteAt'],
  ['OnScene', 'onsceneAt'],
  ['PatientContact', 'patientContactAt'],
  ['Transporting', 'transportingAt'],
  ['Hospital', 'hospitalAt'],
  ['Cleared', 'clearedAt'],
] as const;

export interface EidoOptions {
  domain: string;
  /** Calls carry callers' numbers; they are left out for viewers off the centre's floor. */
  includeCalls: boolean;
}

/**
 * The incident as a NENA-STA-021 EIDO (JSON). Every component references the owning agency;
 * component ids are stable, so a receiver can match updates to what it already holds.
 */
export function buildEido(src: EidoSource, opts: EidoOptions): Record<string, unknown> {
  const { incident: inc, agency } = src;
  const d = opts.domain;
  const docId = incidentUrn(inc.id, d);
  const ours = { $ref: agencyUri(agency.code, d) };
  const cid = (kind: string, n: number | string) => `${kind}-${n}.${inc.id}@${d}`;
  const stamp = iso(src.lastChangeAt);

  const agencies = new Map<string, Record<string, unknown>>();
  const addAgency = (code: string, disciplines: string[], owning: boolean) => {
    const id = agencyUri(code, d);
    if (agencies.has(id)) return;
    agencies.set(id, {
      $id: id,
      lastUpdateTimeStamp: stamp,
      updatedByAgencyReference: { $ref: id },
      agencyRoleDescriptionRegistryText: [owning ? 'Dispatching' : 'Responding'],
      agencyType: disciplines.map((x) => AGENCY_TYPE[x] ?? x),
      incidentOwningAgencyIndicator: owning,
    });
  };
  addAgency(agency.code, agency.disciplines, true);

  const locations: Record<string, unknown>[] = [];
  const loc = inc.location;
  if (loc.text || loc.lat !== null) {
    locations.push({
      $id: cid('location', 'incident'),
      lastUpdateTimeStamp: stamp,
      updatedByAgencyReference: ours,
      locationTypeDescriptionRegistryText: 'Incident',
      locationByValue: pidfFor(docId, loc, loc.verified ? 'Manual' : 'Derived'),
      ...(loc.text ? { locationDescriptionText: loc.text } : {}),
    });
  }

  const notes = src.narrative.map((n) => ({
    $id: cid('note', n.id),
    lastUpdateTimeStamp: n.at,
    updatedByAgencyReference: ours,
    notesActionComments: n.text,
    ...(n.author ? { updatedByAgentReference: { $ref: `${n.author}@${d}` } } : {}),
  }));

  const agents: Record<string, unknown>[] = [];
  const resources = src.assignments.map((a) => {
    addAgency(a.agencyCode, [], a.agencyCode === agency.code);
    const crew = cid('crew', a.id);
    agents.push({ $id: crew, lastUpdateTimeStamp: stamp, updatedByAgencyReference: { $ref: agencyUri(a.agencyCode, d) }, agentRoleRegistryText: ['Responder'], agencyReference: { $ref: agencyUri(a.agencyCode, d) } });
    const times = STAGES.filter(([, k]) => a[k]).map(([label, k]) => `${label} ${a[k]}`);
    return {
      $id: cid('unit', a.id),
      lastUpdateTimeStamp: a.clearedAt ?? stamp,
      updatedByAgencyReference: { $ref: agencyUri(a.agencyCode, d) },
      emergencyResourceName: a.callSign,
      emergencyResourceTypeCommonRegistryText: a.unitType,
      emergencyResourceTypeInternalText: a.unitType,
      resourceAttributeRegistryText: [],
      primaryUnitStatusRegistryText: a.clearedAt ? 'Available' : 'NotAvailable',
      secondaryUnitStatusRegistryText: [a.status],
      unitStatusInternal: times,
      agentReference: [{ $ref: crew }],
      ...(a.clearedAt ? {} : { activeOnIncidentId: docId }),
    };
  });

  const calls: Record<string, unknown>[] = [];
  const callbacks: Record<string, unknown>[] = [];
  if (opts.includeCalls) {
    for (const c of src.calls) {
      const cb = c.callbackNumber ? cid('callback', c.id) : null;
      if (cb) {
        callbacks.push({ $id: cb, lastUpdateTimeStamp: iso(c.presentedAt), updatedByAgencyReference: ours, callBackInformationUri: [`tel:${c.callbackNumber!.replace(/[^0-9+]/g, '')}`] });
      }
      calls.push({
        $id: callUrn(c.id, d),
        lastUpdateTimeStamp: iso(c.releasedAt ?? c.answeredAt ?? c.presentedAt),
        updatedByAgencyReference: ours,
        standardPrimaryCallType: c.source === 'non-emergency' ? 'non-emergency' : 'emergency',
        localCallType: c.source,
        direction: 'incoming',
        callStartTimestamp: iso(c.presentedAt),
        ...(c.answeredAt ? { answerDate: iso(c.answeredAt) } : {}),
        callStateRegistryText: c.releasedAt ? 'callReleased' : c.answeredAt ? 'callAnswered' : 'callPresented',
        ...(cb ? { callBackReference: { $ref: cb } } : {}),
      });
    }
  }

  const status = eidoIncidentStatus(inc.status);
  const incidentComponent: Record<string, unknown> = {
    $id: cid('incident', 'info'),
    lastUpdateTimeStamp: stamp,
    updatedByAgencyReference: ours,
    incidentTypeCommonRegistryText: inc.type,
    incidentTypeInternalCode: inc.type,
    incidentTypeInternalText: inc.typeName,
    incidentStatusInternalText: [inc.status],
    incidentStatusCommonRegistryText: [status],
    internalIncidentId: `${inc.agencyCode} ${inc.number}`,
    incidentCommonPriorityNumber: inc.priority,
    incidentPriorityInternalText: `P${inc.priority}`,
    ...(inc.zones.police || inc.zones.fire ? { beatOrDispatchGroupText: [inc.zones.police, inc.zones.fire, inc.zones.ems].filter(Boolean).join(' / ') } : {}),
    locationReference: locations.map((l) => ({ $ref: l.$id as string })),
    notesReference: notes.map((n) => ({ $ref: n.$id })),
    ...(inc.disposition
      ? {
          dispositionComponent: [
            {
              $id: cid('disposition', 'primary'),
              lastUpdateTimeStamp: inc.closedAt ?? stamp,
              updatedByAgencyReference: ours,
              dispositionCommonRegistryCode: inc.disposition,
              dispositionDescriptionText: dispositionName(inc.disposition) ?? inc.disposition,
              dispositionPrimaryIndicator: true,
            },
          ],
        }
      : {}),
  };

  const doc: Record<string, unknown> = {
    $id: docId,
    lastUpdateTimeStamp: stamp,
    updatedByAgencyReference: ours,
    eidoVersion: '1.0',
    issuingElementIdentification: elementId(d),
    incidentComponent,
    agencyComponent: [...agencies.values()],
  };
  if (calls.length) doc.callComponent = calls;
  if (callbacks.length) doc.callbackComponent = callbacks;
  if (resources.length) {
    doc.dispatchComponent = [{ $id: cid('dispatch', 'all'), lastUpdateTimeStamp: stamp, updatedByAgencyReference: ours, agencyReference: ours, emergencyResourceReference: resources.map((r) => ({ $ref: r.$id })) }];
    doc.emergencyResourceComponent = resources;
    doc.agentComponent = agents;
  }
  if (src.alarms.length) {
    // The alarm company's details as CSAA data; keyholders are people's contacts, so only the floor gets them.
    doc.alarmsSensorsComponent = src.alarms.map((a) => ({
      $id: cid('alarm', a.id),
      lastUpdateTimeStamp: iso(a.receivedAt),
      updatedByAgencyReference: ours,
      csaaAlarmInformation: JSON.stringify({ company: a.company, account: a.account, eventType: a.eventType, zone: a.zone, permitNumber: a.permitNumber, siteAddress: a.address, comments: a.comments, ...(opts.includeCalls ? { contacts: a.contacts } : {}) }),
    }));
  }
  if (notes.length) doc.notesComponent = notes;
  if (locations.length) doc.locationComponent = locations;
  return doc;
}
