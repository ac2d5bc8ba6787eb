export { readConfig, ConfigError, configPart } from './read-config.js';
export { envPort, envMs, envInt, envNumber, envRate, envUrl, envBool, envString, envHost, envLogLevel, envNodeEnv } from './env-types.js';
export { envSecret, productionSecretProblems } from './env-secret.js';
