import { registerProgramTab } from '../community/program-tabs';
import { CareDashboard } from './CareDashboard';

// The CARE dashboard as a tab of the community services home (imported from community/index.ts);
// the tab's purpose of access is sent with every read of a whole record.
registerProgramTab({ id: 'care', label: 'CARE check-ins', order: 30, roles: ['call-taker', 'dispatcher', 'supervisor', 'community-officer'], component: CareDashboard });
