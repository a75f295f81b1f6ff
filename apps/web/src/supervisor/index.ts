// Registers every page of the supervisor view. Each page adds its import here.
import './floor-tab';
import '../workforce/training-tab';
import '../workforce/certification-tab';
import '../workforce/schedule-tab';
import '../statistics/StatisticsTab';
import '../operations/SystemStatusTab';
