import type { Person } from '../../legacy/world/index.js';
import { dossiersByCitizen, testWorld, type CitizenDossiers } from './world.js';

/** Two different citizens, each with dossiers in all three systems: one to act, one to be the victim. */
export function twoCitizensInAllSystems(): readonly [CitizenDossiers, CitizenDossiers] {
  const found = [...dossiersByCitizen().values()].filter((c) => c.ceet.length > 0 && c.urb.length > 0 && c.rnec.length > 0 && c.ceet.length + c.urb.length + c.rnec.length <= 20);
  const [first, second] = found;
  if (!first || !second) throw new Error('the test world has fewer than two citizens with dossiers in every system');
  return [first, second];
}

/** A seeded person by NIU. */
export function personOf(niu: string): Person {
  const person = testWorld().persons.find((p) => p.niu === niu);
  if (!person) throw new Error(`no person with NIU ${niu} in the test world`);
  return person;
}
