// Registers every tab of the RTCC screen besides live video. Each feature adds its import here,
// e.g. import '../hot-spots/hot-spots-tab';
export {};
import '../cameras/cameras-tab';
import '../hotspots/hotspots-tabs';
