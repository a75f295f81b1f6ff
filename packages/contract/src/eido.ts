import { z } from 'zod';

/**
 * NENA-STA-021 Emergency Incident Data Object (JSON). Only the parts this centre reads when it
 * imports an EIDO are described strictly; everything else passes through untouched, because an
 * EIDO may carry components we do not use and must not be refused for them.
 */
const Ref = z.object({ $ref: z.string({ error: 'must be a string naming a component $id' }).min(1, 'must not be empty') }).passthrough();
const Time = z.iso.datetime({ offset: true, local: false, error: 'must be an ISO 8601 date-time with a zone' });

const Prologue = {
  $id: z.string({ error: 'is required: a string that identifies the component' }).min(1, 'must not be empty'),
  lastUpdateTimeStamp: Time,
  updatedByAgencyReference: Ref,
};

export const EidoNoteSchema = z.object({ ...Prologue, notesActionComments: z.string({ error: 'is required: the note text' }) }).passthrough();
export const EidoLocationSchema = z
  .object({
    ...Prologue,
    locationTypeDescriptionRegistryText: z.string({ error: 'is required (e.g. "Incident", "Caller")' }),
    locationByValue: z.string().optional(),
    locationByReferenceUrl: z.string().optional(),
    locationDescriptionText: z.string().optional(),
  })
  .passthrough();
export const EidoCallSchema = z
  .object({
    ...Prologue,
    callStartTimestamp: Time.optional(),
    answerDate: Time.optional(),
    standardPrimaryCallType: z.string().optional(),
    callBackReference: Ref.optional(),
    notesReference: z.array(Ref).optional(),
    locationReference: z.array(Ref).optional(),
  })
  .passthrough();
export const EidoCallbackSchema = z.object({ ...Prologue, callBackInformationUri: z.array(z.string()).optional() }).passthrough();
export const EidoIncidentSchema = z
  .object({
    ...Prologue,
    incidentTypeInternalCode: z.string().optional(),
    incidentTypeInternalText: z.string().optional(),
    incidentTypeCommonRegistryText: z.string().optional(),
    incidentCommonPriorityNumber: z.number().int('must be a whole number').optional(),
    internalIncidentId: z.string().optional(),
    locationReference: z.array(Ref).optional(),
    notesReference: z.array(Ref).optional(),
  })
  .passthrough();
export const EidoAgencySchema = z
  .object({ ...Prologue, agencyRoleDescriptionRegistryText: z.array(z.string()), agencyType: z.array(z.string()) })
  .passthrough();
export const EidoResourceSchema = z
  .object({ ...Prologue, emergencyResourceName: z.string().optional(), primaryUnitStatusRegistryText: z.string().optional() })
  .passthrough();

export const EidoDocumentSchema = z
  .object({
    ...Prologue,
    eidoVersion: z.literal('1.0', { error: 'must be "1.0" (the only EIDO version this centre reads)' }),
    issuingElementIdentification: z.string({ error: 'is required: the functional element that made the EIDO' }).min(1, 'must not be empty'),
    agencyComponent: z.array(EidoAgencySchema, { error: 'is required: a list of agencies' }),
    incidentComponent: EidoIncidentSchema.optional(),
    callComponent: z.array(EidoCallSchema).optional(),
    callbackComponent: z.array(EidoCallbackSchema).optional(),
    notesComponent: z.array(EidoNoteSchema).optional(),
    locationComponent: z.array(EidoLocationSchema).optional(),
    emergencyResourceComponent: z.array(EidoResourceSchema).optional(),
  })
  .passthrough();
export type EidoDocument = z.infer<typeof EidoDocumentSchema> & Record<string, unknown>;

/** What an import created. */
export const EidoImportResultSchema = z.object({
  incidentId: z.number().int(),
  number: z.string(),
  type: z.string(),
  callIds: z.array(z.number().int()),
  notes: z.number().int(),
  location: z.object({ text: z.string().nullable(), lat: z.number().nullable(), lon: z.number().nullable(), geocoded: z.boolean() }),
  warnings: z.array(z.string()),
});
export type EidoImportResult = z.infer<typeof EidoImportResultSchema>;

/**
 * Subscriber messages on the EIDO WebSocket (NENA STA-024 style). A subscription names one
 * incident, or all open incidents of an agency with qualFilter "agency:<id or code>".
 */
export const EidoSubscriberMessageSchema = z.union([
  z.object({
    subscribe: z
      .object({
        requestId: z.string().min(1).max(200),
        requestType: z.literal('EIDO').optional(),
        requestSubType: z.enum(['single', 'new', 'resource']).optional(),
        incidentId: z.string().min(1).max(200).optional(),
        qualFilter: z.string().min(1).max(200).optional(),
        expires: z.number().int().positive().optional(),
      })
      .passthrough(),
  }),
  z.object({ unsubscribe: z.object({ requestId: z.string().min(1).max(200), subscriptionId: z.string().min(1).max(200) }).passthrough() }),
  z.object({ eventResponse: z.object({ transactionId: z.string() }).passthrough() }),
]);
export type EidoSubscriberMessage = z.infer<typeof EidoSubscriberMessageSchema>;
