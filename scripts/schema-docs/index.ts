export { renderSchemaDocs } from './render-schema-docs.js';
export { supergraphAnnotations } from './supergraph-annotations.js';
export type { SupergraphAnnotations } from './supergraph-annotations.js';
export { schemaDocsPath } from './schema-docs-path.js';
