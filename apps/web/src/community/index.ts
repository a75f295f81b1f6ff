// Registers every program tab of the community services home. Each program adds its import here.
import '../special-needs/review-tab';
import '../help-me-home/hmh-tab';
import '../tours/tours-tab';
import '../care/care-tab';
import '../privacy/privacy-tab';
import '../alerts/alerts-tab';
import '../outside-alerts/outside-alerts-tab';
import '../bolos/bolos-tab';
