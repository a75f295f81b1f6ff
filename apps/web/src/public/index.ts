// Registers every public page. Each program adds its pages here.
import '../special-needs/public-pages';
import './tour-pages';
import './care-pages';
import './camera-pages';
import './witness-pages';
import './camera-share-pages';
import './alert-pages';
