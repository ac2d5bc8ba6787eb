export { ministryLabelsModule, ministryLabelsModulePath } from './ministry-labels-module.js';
