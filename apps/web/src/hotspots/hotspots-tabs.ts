import { registerRtccTab } from '../rtcc/rtcc-tabs';
import { CameraEvaluationTab } from './CameraEvaluationTab';
import { HotspotsTab } from './HotspotsTab';

// Hot spots and camera evaluations as tabs of the RTCC screen (imported from rtcc/index.ts).
registerRtccTab({ id: 'hotspots', label: 'Hot spots', order: 20, component: HotspotsTab });
registerRtccTab({ id: 'camera-evaluation', label: 'Camera evaluation', order: 30, component: CameraEvaluationTab });
