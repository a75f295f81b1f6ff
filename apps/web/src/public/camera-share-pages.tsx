import { registerPublicRoute } from './public-routes';
import { SharedCameraPage } from '../camera-shares/SharedCameraPage';

// Short path: the link is texted to units and sometimes read out over the radio.
registerPublicRoute({ pattern: '/c/:token', component: SharedCameraPage });
