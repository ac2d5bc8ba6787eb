import type { World } from '../world/index.js';
import { architectNames } from '../world/names.js';

/** A registered architect of the Ordre national des architectes du Togo (ONAT). */
export interface Architecte {
  readonly numero_ordre: string;
  readonly nom: string;
}

/**
 * The Ordre's register as Urbanisme keeps a copy of it: the world's forty architects (`ONAT-0101`, `ONAT-0108`…),
 * completed with any architect found on a seeded dossier so the register never misses one.
 */
export function architectRegister(world: World): ReadonlyMap<string, Architecte> {
  const register = new Map<string, Architecte>();
  for (let i = 0; i < 40; i += 1) {
    const numero_ordre = `ONAT-${String(101 + i * 7).padStart(4, '0')}`;
    register.set(numero_ordre, { numero_ordre, nom: architectNames[i % architectNames.length] ?? 'Cabinet' });
  }
  for (const permit of world.permitApplications) {
    register.set(permit.architectRegistration, { numero_ordre: permit.architectRegistration, nom: permit.architectName });
  }
  return register;
}
