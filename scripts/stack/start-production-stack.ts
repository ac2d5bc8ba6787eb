import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { productionStackEnv } from './production-stack-env.js';
import { startStack, type Stack, type StackOptions } from './start-stack.js';

/** The stack in production mode, and what its welcome needs to say how to reach it. */
export interface ProductionStack extends Stack {
  readonly production: {
    /** The IdP's signing key (this run's): `production-token.js --key` signs people's tokens with it. */
    readonly idpKeyPath: string;
    readonly integrator: { readonly clientId: string; readonly clientSecret: string };
  };
}

/**
 * `npm start -- --production`: every service with NODE_ENV=production — trusted documents enforced, development
 * tokens and secrets refused, no introspection, masked errors — on secrets generated for this run
 * (productionStackEnv), in a temporary folder removed on stop. What a team deploys, on one machine.
 */
export async function startProductionStack(options: StackOptions): Promise<ProductionStack> {
  const runDir = mkdtempSync(join(tmpdir(), 'guichet-production-'));
  try {
    const { env, serviceEnv, idpKeyPath, integrator } = await productionStackEnv(runDir);
    const merged: Record<string, NodeJS.ProcessEnv> = { ...serviceEnv };
    for (const [name, extra] of Object.entries(options.serviceEnv ?? {})) merged[name] = { ...merged[name], ...extra };
    const stack = await startStack({ ...options, env: { ...options.env, ...env }, serviceEnv: merged });
    const stop = async () => {
      await stack.stop();
      rmSync(runDir, { recursive: true, force: true });
    };
    return { ...stack, stop, production: { idpKeyPath, integrator } };
  } catch (error) {
    rmSync(runDir, { recursive: true, force: true });
    throw error;
  }
}
