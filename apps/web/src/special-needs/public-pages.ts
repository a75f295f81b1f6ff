import { registerPublicRoute } from '../public/public-routes';
import { ManageNoticePage } from './ManageNoticePage';
import { NewNoticePage } from './NewNoticePage';

registerPublicRoute({ pattern: '/special-needs', component: NewNoticePage });
registerPublicRoute({ pattern: '/special-needs/manage/:token', component: ManageNoticePage });
