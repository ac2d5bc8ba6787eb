export { generateClientTypes, generatedClientTypesFile } from './generate-client-types.js';
