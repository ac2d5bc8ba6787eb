export { createGuichetUrqlClient } from './create-guichet-urql-client.js';
export type { GuichetUrqlClientOptions } from './create-guichet-urql-client.js';
