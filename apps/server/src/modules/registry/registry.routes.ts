import { z } from 'zod';
import { DISPOSITIONS, INCIDENT_TYPES, PRIMARY_UNIT_STATUS_REGISTRY, SECONDARY_UNIT_STATUS_REGISTRY, primaryStatusOf, type UnitStatus } from '@openpsap/contract';
import type { Api } from '../../http/route-types';

const tags = ['registries'];

/** The standard code lists the API accepts, so clients build pickers from the same source. */
export function registerRegistryRoutes(api: Api): void {
  api.get('/api/v1/registries/incident-types', {
    schema: {
      tags,
      summary: 'APCO ANS 2.103.2 incident types with the centre\'s default discipline and priority',
      response: { 200: z.array(z.object({ code: z.string(), name: z.string(), description: z.string(), standard: z.string(), discipline: z.string(), defaultPriority: z.number() })) },
    },
    config: { access: { permission: 'registry.read' } },
  }, async () => INCIDENT_TYPES.map((t) => ({ ...t })));

  api.get('/api/v1/registries/dispositions', {
    schema: { tags, summary: 'APCO ANS 1.111.2 disposition codes', response: { 200: z.array(z.object({ code: z.string(), name: z.string() })) } },
    config: { access: { permission: 'registry.read' } },
  }, async () => DISPOSITIONS.map((d) => ({ ...d })));

  api.get('/api/v1/registries/unit-statuses', {
    schema: {
      tags,
      summary: 'NENA EIDO unit statuses: primary, and secondary with the primary each implies',
      response: { 200: z.object({ primary: z.array(z.object({ value: z.string(), description: z.string() })), secondary: z.array(z.object({ value: z.string(), description: z.string(), primary: z.string() })) }) },
    },
    config: { access: { permission: 'registry.read' } },
  }, async () => ({
    primary: PRIMARY_UNIT_STATUS_REGISTRY.map((s) => ({ ...s })),
    secondary: SECONDARY_UNIT_STATUS_REGISTRY.map((s) => ({ ...s, primary: primaryStatusOf(s.value as UnitStatus) })),
  }));
}
