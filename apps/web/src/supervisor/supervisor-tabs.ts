import type { ComponentType } from 'react';
import type { SessionUser } from '@openpsap/contract';

/** One page of the supervisor view (floor overview, statistics, staffing, system status, ...). */
export interface SupervisorTab {
  id: string;
  label: string;
  /** Lower first. */
  order: number;
  component: ComponentType<{ user: SessionUser }>;
}

const tabs: SupervisorTab[] = [];

/** Each page registers itself here (see supervisor/index.ts), so pages never edit each other's files. */
export function registerSupervisorTab(tab: SupervisorTab): void {
  if (!tabs.some((t) => t.id === tab.id)) tabs.push(tab);
}

export function supervisorTabs(): SupervisorTab[] {
  return [...tabs].sort((a, b) => a.order - b.order);
}
