import { registerProgramTab } from '../community/program-tabs';
import { ReviewTab } from './ReviewTab';

registerProgramTab({ id: 'special-needs', label: 'Special needs', order: 10, roles: ['supervisor', 'community-officer'], component: ReviewTab });
