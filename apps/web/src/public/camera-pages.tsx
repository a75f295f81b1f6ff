import { OwnerLinkPage } from '../camera-owners/OwnerLinkPage';
import { OwnerPortalPage } from '../camera-owners/OwnerPortal';
import { TransparencyPage } from '../camera-owners/TransparencyPage';
import { registerPublicRoute } from './public-routes';

// The camera owners' portal (sign-up, sign-in link, cameras and consents) and the public figures.
registerPublicRoute({ pattern: '/public/cameras', component: OwnerPortalPage });
registerPublicRoute({ pattern: '/public/cameras/link/:token', component: OwnerLinkPage });
registerPublicRoute({ pattern: '/transparency/cameras', component: TransparencyPage });
