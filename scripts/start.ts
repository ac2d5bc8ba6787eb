import { productionWelcomeText, startProductionStack, startScaledStack, startStack, welcomeText, type ProductionStack, type Stack } from './stack/index.js';

/**
 * `npm start`: the whole stack on embedded defaults (simulated legacy systems, subgraphs, gateway on PORT or
 * 4000), then a ready-to-paste query with a real seeded NIU and reference. Ctrl-C stops every process.
 * `npm run start:scaled` (`--scaled`): the same behind HAProxy on the same port, with PostgreSQL, Redis, two
 * gateway processes and two replicas of every subgraph.
 * `npm start -- --production`: the embedded stack with NODE_ENV=production everywhere and secrets generated for the
 * run (trusted documents enforced); the welcome prints queries and tokens that work under those rules.
 * `--ephemeral-ports`: free ports everywhere (tests, several stacks on one machine); the welcome prints them.
 */
const scaled = process.argv.includes('--scaled');
const production = process.argv.includes('--production');
const ephemeral = process.argv.includes('--ephemeral-ports');
const gatewayPort = process.env.PORT ?? '4000';
if (scaled && production) {
  process.stderr.write('--production s’applique à la pile embarquée (npm start -- --production), pas à --scaled.\n');
  process.exit(2);
}

const quiet = new Set(['info', 'debug', 'trace']);
const onLine = (name: string, line: string) => {
  try {
    const entry = JSON.parse(line) as { level?: number; msg?: string; url?: string };
    const level = entry.level ?? 30;
    if (entry.msg === 'listening') process.stdout.write(`  ✓ ${name.padEnd(18)} ${entry.url}\n`);
    else if (level >= 40) process.stdout.write(`  ! ${name.padEnd(18)} ${entry.msg ?? line}\n`);
  } catch {
    if (!quiet.has(line.trim())) process.stdout.write(`  ${name.padEnd(20)} ${line}\n`);
  }
};

process.stdout.write(
  scaled
    ? 'Guichet — démarrage de la pile à l’échelle (PostgreSQL, Redis, HAProxy, deux passerelles, deux répliques de chaque sous-graphe)…\n'
    : production
      ? 'Guichet — démarrage de la pile en mode production (NODE_ENV=production, secrets générés, documents de confiance exigés)…\n'
      : 'Guichet — démarrage de la pile (systèmes simulés, sous-graphes, passerelle)…\n',
);
// The welcome's webhook receiver listens on this machine: development lets webhooks reach loopback (never in
// production, where the SSRF guard refuses it unless the operator's own allow-list says so).
const webhooks: Record<string, NodeJS.ProcessEnv> = production ? {} : { webhooks: { WEBHOOKS_ALLOWED_TARGETS: process.env.WEBHOOKS_ALLOWED_TARGETS ?? 'http+127.0.0.1' } };
const stackOptions = ephemeral ? ({ ports: 'ephemeral', serviceEnv: webhooks, onLine } as const) : ({ ports: 'fixed', serviceEnv: { ...webhooks, gateway: { PORT: gatewayPort } }, onLine } as const);
const starting: Promise<(Stack & { readonly databaseUrl?: string }) | ProductionStack> = scaled
  ? startScaledStack(stackOptions)
  : production
    ? startProductionStack(stackOptions)
    : startStack(stackOptions);
const stack = await starting.catch((error: unknown) => {
  process.stderr.write(`\nLa pile n’a pas pu démarrer : ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

process.stdout.write('production' in stack ? productionWelcomeText(stack) : welcomeText(stack));

let stopping = false;
const shutdown = () => {
  if (stopping) return;
  stopping = true;
  process.stdout.write('\nArrêt de la pile…\n');
  stack.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
