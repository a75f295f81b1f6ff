import { registerProgramTab } from '../community/program-tabs';
import { ToursCalendar } from './ToursCalendar';

// The tours calendar as a tab of the community services home (imported from community/index.ts).
registerProgramTab({ id: 'tours', label: 'Tours', order: 40, roles: ['supervisor', 'community-officer'], component: ToursCalendar });
