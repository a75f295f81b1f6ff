import type { ComponentType } from 'react';
import type { Role, SessionUser } from '@openpsap/contract';

/** What every program tab gets: who is signed in and the purpose they stated for this session. */
export interface ProgramTabProps {
  user: SessionUser;
  /** Sent with every read of records about a person; the server audits it. */
  purpose: string;
}

/** One program on the community services home (special needs, Help Me Home, CARE, tours, privacy). */
export interface ProgramTab {
  id: string;
  label: string;
  /** Lower first. */
  order: number;
  roles: readonly Role[];
  component: ComponentType<ProgramTabProps>;
}

const tabs: ProgramTab[] = [];

/** Programs register their tab here (see community/index.ts). */
export function registerProgramTab(tab: ProgramTab): void {
  if (!tabs.some((t) => t.id === tab.id)) tabs.push(tab);
}

export function programTabsFor(role: Role): ProgramTab[] {
  return tabs.filter((t) => t.roles.includes(role)).sort((a, b) => a.order - b.order);
}
