import { registerProgramTab } from '../community/program-tabs';
import { AlertsTab } from './AlertsTab';

// Drafted by whoever takes the call (call-taker, dispatcher), approved by a second supervisor.
registerProgramTab({ id: 'alerts', label: 'Public alerts', order: 12, roles: ['supervisor', 'call-taker', 'dispatcher'], component: AlertsTab });
