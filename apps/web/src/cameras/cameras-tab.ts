import { registerRtccTab } from '../rtcc/rtcc-tabs';
import { CameraRegistryTab } from './CameraRegistryTab';
import { FootageTab } from './FootageTab';

// The camera registry and footage requests as tabs of the RTCC screen (imported from rtcc/index.ts).
registerRtccTab({ id: 'cameras', label: 'Camera registry', order: 10, component: CameraRegistryTab });
registerRtccTab({ id: 'footage', label: 'Footage requests', order: 11, component: FootageTab });
