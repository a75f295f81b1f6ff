export const KIND_LABELS: Record<string, string> = {
  'attempt-to-locate': 'Attempt to locate',
  wanted: 'Wanted',
  suspect: 'Suspect',
  'missing-person': 'Missing person',
  'stolen-vehicle': 'Stolen vehicle',
  endangered: 'Endangered',
  alert: 'Public alert',
  other: 'Other',
};
