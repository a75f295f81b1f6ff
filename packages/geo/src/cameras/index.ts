export * from './field-of-view';
export * from './camera-index';
