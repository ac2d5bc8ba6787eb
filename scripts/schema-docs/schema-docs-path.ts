import { dirname, join } from 'node:path';
import { supergraphPath } from '../../gateway/trusted-documents/index.js';

/** `docs/schema.md`: the committed schema reference, beside the package's `schema/` folder. */
export const schemaDocsPath = (): string => join(dirname(supergraphPath()), '..', 'docs', 'schema.md');
