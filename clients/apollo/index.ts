export { createGuichetApolloClient } from './create-guichet-apollo-client.js';
export type { GuichetApolloClientOptions } from './create-guichet-apollo-client.js';
