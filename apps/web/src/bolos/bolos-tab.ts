import { registerProgramTab } from '../community/program-tabs';
import { BoloBoard } from './BoloBoard';

// The floor writes BOLOs (call-takers and dispatchers take the calls they come from); dispatchers and supervisors cancel.
registerProgramTab({ id: 'bolos', label: 'BOLO board', order: 11, roles: ['call-taker', 'dispatcher', 'supervisor'], component: BoloBoard });
