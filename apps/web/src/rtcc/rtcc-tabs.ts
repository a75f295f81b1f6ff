import type { ComponentType } from 'react';
import type { SessionUser } from '@openpsap/contract';

/** What every RTCC tab gets: who is signed in, and the incident the analyst is working, if any. */
export interface RtccTabProps {
  user: SessionUser;
  /** The incident picked in the RTCC screen's incident picker; tabs may follow it or ignore it. */
  incidentId: number | null;
}

/** One tab of the RTCC screen beside live video (hot spots, footage requests, ...). */
export interface RtccTab {
  id: string;
  label: string;
  /** Lower first; live video is order 0. */
  order: number;
  component: ComponentType<RtccTabProps>;
}

const tabs: RtccTab[] = [];

/** Features register their RTCC tab here and add one import line to rtcc/index.ts. */
export function registerRtccTab(tab: RtccTab): void {
  if (!tabs.some((t) => t.id === tab.id)) tabs.push(tab);
}

export function rtccTabs(): RtccTab[] {
  return [...tabs].sort((a, b) => a.order - b.order);
}
