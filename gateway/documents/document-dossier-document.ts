import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, print } from 'graphql';
import { operationsDirectory } from '../trusted-documents/index.js';

export const documentDossierOperationName = 'DocumentDossier';

/**
 * The read that decides who may download a filed document: the shipped `clients/operations/DocumentDossier.graphql`
 * (one source), sent as its printed text, which the trusted-documents manifest holds, so that it runs in `enforce`
 * mode with a citizen's or an agent's token.
 */
export const documentDossierDocument = print(parse(readFileSync(join(operationsDirectory(), `${documentDossierOperationName}.graphql`), 'utf8')));
