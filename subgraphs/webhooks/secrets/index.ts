export { createSecretSealer, type SecretSealer } from './secret-sealer.js';
