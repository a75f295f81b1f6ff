import { registerPublicRoute } from './public-routes';
import { WitnessUploadPage } from '../witness/WitnessUploadPage';
import { CallerVideoPage } from '../witness/CallerVideoPage';
import { SharedEvidencePage } from '../witness/SharedEvidencePage';
import '../witness/witness.css';

// Short paths: these links are texted and sometimes read out over the phone.
registerPublicRoute({ pattern: '/w/:token', component: WitnessUploadPage });
registerPublicRoute({ pattern: '/v/:token', component: CallerVideoPage });
registerPublicRoute({ pattern: '/s/:token', component: SharedEvidencePage });
