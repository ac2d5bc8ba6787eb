import { z } from 'zod';
import type { DossierRecord, LegacySystem, MinistryAdapterKit } from '../../../adapters/shared/index.js';

/** A ministry's adapter kit seen from code that serves every ministry: its options and inputs are its own business. */
export type AnyAdapterKit = MinistryAdapterKit<z.ZodObject, object, DossierRecord, never>;

/**
 * The adapter kit of a legacy system, from its own folder: every `adapters/<system>/index.ts` exports `adapterKit`
 * (see MinistryAdapterKit). Loaded by name from the ministry registry, so no list of ministries imports each adapter.
 * The specifier is a plain relative path in a variable: node resolves it from dist/, vitest from the sources (`.js` →
 * `.ts`); a template literal would be turned by Vite into a glob of existing `.js` files, and find none.
 */
export async function loadAdapterKit(system: LegacySystem): Promise<AnyAdapterKit> {
  const specifier = `../../../adapters/${system}/index.js`;
  const module: unknown = await import(/* @vite-ignore */ specifier);
  const kit: unknown = typeof module === 'object' && module !== null && 'adapterKit' in module ? module.adapterKit : undefined;
  if (!isAdapterKit(kit) || kit.system !== system) throw new Error(`adapters/${system}/index.ts does not export the adapterKit of ${system} (MinistryAdapterKit)`);
  return kit;
}

function isAdapterKit(value: unknown): value is AnyAdapterKit {
  if (typeof value !== 'object' || value === null) return false;
  const kit = value as Partial<Record<keyof AnyAdapterKit, unknown>>;
  return (
    typeof kit.system === 'string' &&
    kit.envSchema instanceof z.ZodObject &&
    typeof kit.optionsFromEnv === 'function' &&
    typeof kit.create === 'function' &&
    typeof kit.locationOf === 'function' &&
    typeof kit.communeOf === 'function'
  );
}
