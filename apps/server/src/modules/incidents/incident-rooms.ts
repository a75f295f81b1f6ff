/** The rooms an incident's events go to: its agency's floor and the incident itself, plus any extra. */
export function incidentRooms(i: { id: number; agencyId: number }, extra: string[] = []): string[] {
  return [`agency:${i.agencyId}`, `incident:${i.id}`, ...extra];
}
