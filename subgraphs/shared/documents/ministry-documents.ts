import { documentsConfigFromEnv, documentsEnvSchema, type DocumentsConfig } from '../../../documents/index.js';
import type { OwnEnv } from '../ministry/index.js';
import { forwardDocuments } from './forward-documents.js';

/**
 * What a ministry whose applications carry supporting documents adds to its `defineMinistrySubgraph` row (spread it
 * in): the store the gateway puts uploads in (`DOCUMENTS_PATH`, or PostgreSQL with `DATABASE_URL`), read from the
 * subgraph's own variables, and the files following the application through the outbox's delivery, exactly once.
 */
export const ministryDocuments = {
  ownEnv: { schema: documentsEnvSchema, read: (env) => documentsConfigFromEnv(documentsEnvSchema.parse(env)) } satisfies OwnEnv<DocumentsConfig>,
  documents: (own: DocumentsConfig): DocumentsConfig => own,
  completeDelivery: forwardDocuments,
};
