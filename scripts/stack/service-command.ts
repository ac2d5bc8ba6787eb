import { stackServices, type StackService } from './service-catalog.js';

/** How to run one service of the stack alone: node, its options, its entry under dist/. */
export interface ServiceCommand {
  readonly service: StackService;
  /** Arguments to node: the service's node options, then its entry point. */
  readonly args: readonly string[];
}

/** The names `npm run service -- <name>` knows: every process of the stack, in start order. */
export const serviceNames = (): readonly string[] => stackServices.map((s) => s.name);

/**
 * `npm run service -- <name>`: any one service of the stack (simulator, subgraph, gateway…), resolved through the
 * stack's service catalog, so a new ministry's two processes run by name without a script of their own. An unknown
 * or missing name is refused with the known ones (French, then English).
 */
export function serviceCommand(argv: readonly string[], distRoot: string): ServiceCommand | { readonly refusal: string } {
  const known = `Services connus (known services) : ${serviceNames().join(', ')}.`;
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') return { refusal: `Usage : npm run service -- <nom> (après npm run build)\n${known}` };
  if (rest.length > 0) return { refusal: `Un seul service à la fois, reçu : ${argv.join(' ')} (one service at a time).\n${known}` };
  const service = stackServices.find((s) => s.name === name);
  if (!service) return { refusal: `Service inconnu : « ${name} » (unknown service).\n${known}` };
  return { service, args: [...(service.nodeOptions?.split(' ').filter(Boolean) ?? []), `${distRoot}${service.entry}`] };
}
