export { postAs, testSubgraphSecret, citizenPrincipal, agentPrincipal, anonymous } from './post-as.js';
export type { SubgraphReply } from './post-as.js';
