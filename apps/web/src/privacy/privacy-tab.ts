import { registerProgramTab } from '../community/program-tabs';
import { PrivacyTab } from './PrivacyTab';

// The Privacy tab of the community services home (imported from community/index.ts): last, since
// it works across every program before it.
registerProgramTab({ id: 'privacy', label: 'Privacy', order: 90, roles: ['supervisor', 'admin'], component: PrivacyTab });
