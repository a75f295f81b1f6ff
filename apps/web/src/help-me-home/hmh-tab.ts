import { registerProgramTab } from '../community/program-tabs';
import { HmhTab } from './HmhTab';

// Call-takers and dispatchers need it mid-call ("someone was found at X"), not only the program's officers.
registerProgramTab({ id: 'help-me-home', label: 'Help Me Home', order: 20, roles: ['community-officer', 'supervisor', 'call-taker', 'dispatcher'], component: HmhTab });
