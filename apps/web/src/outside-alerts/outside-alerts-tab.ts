import { registerProgramTab } from '../community/program-tabs';
import { OutsideAlertsTab } from './OutsideAlertsTab';

// The floor's view of warnings from other senders and who inside them may need a welfare check.
registerProgramTab({ id: 'outside-alerts', label: 'Weather and outside alerts', order: 14, roles: ['supervisor', 'dispatcher', 'call-taker'], component: OutsideAlertsTab });
