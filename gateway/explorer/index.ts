export { createExplorer } from './create-explorer.js';
export type { Explorer, ExplorerOptions } from './create-explorer.js';
export { explorerEnvSchema, explorerSettingsFromEnv } from './explorer-config.js';
export type { ExplorerEnv, ExplorerSettings } from './explorer-config.js';
export { explorerContentSecurityPolicy } from './explorer-headers.js';
export { explorerAssetsPath, explorerOperationsPath, explorerSchemaPath } from './explorer-documents.js';
export { vendorFiles } from './explorer-files.js';
