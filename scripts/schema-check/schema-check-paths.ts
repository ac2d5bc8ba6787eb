import { dirname, join } from 'node:path';
import { supergraphPath } from '../../gateway/trusted-documents/index.js';

/** `schema/accepted-changes.json`: breaking changes accepted on purpose, beside the committed supergraph. */
export const acceptedChangesPath = (): string => join(dirname(supergraphPath()), 'accepted-changes.json');
