import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, print } from 'graphql';
import { operationsDirectory } from '../trusted-documents/index.js';

export const supervisionRoomOperationName = 'SupervisionRoom';

/**
 * The one operation the supervision room reads, every push interval, per token and filter: the shipped client
 * document `clients/operations/SupervisionRoom.graphql` itself (one source), sent as its printed text — what the
 * trusted-documents manifest stores and hashes, so in `enforce` mode a supervisor may send no other document.
 */
export const supervisionRoomDocument = print(parse(readFileSync(join(operationsDirectory(), `${supervisionRoomOperationName}.graphql`), 'utf8')));
