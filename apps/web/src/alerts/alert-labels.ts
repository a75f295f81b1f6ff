import type { AlertState } from '@openpsap/contract';

export const STATE_LABELS: Record<AlertState, string> = {
  draft: 'Draft',
  'awaiting-approval': 'Awaiting approval',
  issued: 'Issued',
  updated: 'Issued (updated)',
  cancelled: 'Cancelled',
  expired: 'Expired',
};
