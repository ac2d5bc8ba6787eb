import type { GraphQLField } from 'graphql';
import { procedures } from '../../../schema/index.js';
import { ministryDossierTypes } from '../../../subgraphs/dossiers/ministry-dossier-types.js';
import { personOf } from '../citizens.js';
import { dossiersByCitizen, type CitizenDossiers } from '../world.js';
import type { ArgumentsOf, Hop } from './paths.js';

/** A citizen whose data the matrix reads: a reference of each ministry's dossier type, their birth act. */
export interface MatrixTarget {
  readonly niu: string;
  /** Dossier type → one of their references (overridable: a queued submission's Guichet reference). */
  readonly references: Readonly<Record<string, string>>;
  readonly actNumber: string;
  /** The caller who is a stranger to this target (`other-citizen`); default: the matrix's stranger. */
  readonly other?: string;
  /** Distinctive values of the target beyond the person's and their seeded dossiers' (a company dossier, its company). */
  readonly secrets?: readonly string[];
}

const listOfPrefix: Readonly<Record<string, keyof Omit<CitizenDossiers, 'niu'>>> = { CEET: 'ceet', URB: 'urb', RNEC: 'rnec', MEM: 'mem' };

/** Citizens with a dossier in every ministry's system, from the end of the list (other suites take the first ones). */
export function matrixTargets(): MatrixTarget[] {
  const candidates = [...dossiersByCitizen().values()].filter((c) => ministryDossierTypes.every((m) => c[listOfPrefix[m.referencePrefix]!].length > 0));
  return candidates.reverse().map((c) => ({
    niu: c.niu,
    references: Object.fromEntries(ministryDossierTypes.map((m) => [m.typeName, c[listOfPrefix[m.referencePrefix]!][0]!])),
    actNumber: personOf(c.niu).birthActNumber,
  }));
}

/** The webhook and delivery the matrix reads (its `integrator-webhooks` caller's own), once `setMatrixWebhook` made them. */
let matrixWebhook: { readonly webhookId: string; readonly deliveryId: string } | undefined;

export function setMatrixWebhook(webhook: { readonly webhookId: string; readonly deliveryId: string }): void {
  matrixWebhook = webhook;
}

/** Small pages: the matrix checks who reads, not how much. */
const pageArguments: Readonly<Record<string, string>> = { pageSize: '3', first: '3', last: '5' };

/** Literal arguments of a hop for `target`; a required argument nobody knows how to fill fails loudly. */
export function argumentsFor(target: MatrixTarget): ArgumentsOf {
  return (hop: Hop, field: GraphQLField<unknown, unknown>) =>
    field.args
      .flatMap((arg) => {
        const value = argumentValue(target, hop, arg.name);
        if (value !== undefined) return [`${arg.name}: ${value}`];
        if (arg.type.toString().endsWith('!') && arg.defaultValue === undefined) throw new Error(`the matrix has no value for ${hop.parent}.${hop.field}(${arg.name}:): add one in argumentValue`);
        return [];
      })
      .join(', ');
}

function argumentValue(target: MatrixTarget, hop: Hop, name: string): string | undefined {
  if (hop.parent === 'Query') {
    if (name === 'niu') return JSON.stringify(target.niu);
    if (name === 'reference') {
      const reference = target.references[hop.type];
      if (!reference) throw new Error(`the matrix target has no ${hop.type} reference`);
      return JSON.stringify(reference);
    }
    if (name === 'number') return JSON.stringify(target.actNumber);
    if (name === 'code') return JSON.stringify(procedures[0]!.code);
    // A period, so that `previousPeriod` (null without one) and what is under it are read too: the last 90 days,
    // the 90 before them holding the seeded world's dossiers as well.
    if (name === 'filter' && hop.field === 'supervision') return `{ from: "${new Date(Date.now() - 89 * 86_400_000).toISOString().slice(0, 10)}" }`;
    // The `integrator-webhooks` caller's own (another integrator's are NOT_FOUND: tests/integration/webhooks).
    if (name === 'id' && hop.field === 'webhook') return JSON.stringify(matrixWebhook?.webhookId ?? 'wh_matrix_none');
    if (name === 'id' && hop.field === 'webhookDelivery') return JSON.stringify(matrixWebhook?.deliveryId ?? 'msg_matrix_none');
  }
  // `Citizen.dossiers(first: 20)` keeps every kind of dossier of the target on the first page.
  if (hop.parent === 'Citizen' && hop.field === 'dossiers' && name === 'first') return '20';
  return pageArguments[name];
}
