import { isLeafType, isObjectType, getNamedType, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { ministryDossierTypes } from '../../../subgraphs/dossiers/ministry-dossier-types.js';

/**
 * THE authorization matrix of the graph: who may read what, written as intent, not derived from the code under test.
 * Every field of every object type of the API schema has a row (a type's `fields`, or its `all`), so a new field —
 * personal or not — cannot ship without someone deciding who reads it (`unclassifiedFields` fails the tests).
 *
 * A read is allowed when, on the way from the root to the field, every hop is: the field's readers let the caller
 * through, and so does the `entry` rule of the object type the hop lands on (the row-level rule: whose record it is).
 */
export type Reader =
  /** The citizen the data is about (for `me`: the caller). */
  | 'self'
  /** An agent of the ministry that owns a dossier on the way to this field (its worklist, its applicant). */
  | 'agent-of-dossier'
  /** An agent of the ministry whose worklist this is. */
  | 'agent-of-worklist'
  /** An integrator (or supervisor) holding this scope. */
  | 'citizens:read'
  | 'dossiers:read'
  | 'supervision:read'
  /** An integrator managing its own webhooks (each sees only its own: tested in tests/integration/webhooks). */
  | 'webhooks:manage'
  /** Anyone, anonymous included (the public catalogue). */
  | 'anyone'
  /** Nothing more than having reached the object. */
  | 'reached';

export type Readers = readonly Reader[];

export interface TypeRules {
  /** Personal: the values are about a person (listed in the leak scan and on the access log when read by others). */
  readonly personal: boolean;
  /** Row-level rule of an object of this type, whatever field led to it. Default `reached`. */
  readonly entry?: Readers;
  /** Readers of each field; `all` for the fields not listed. */
  readonly fields?: Readonly<Record<string, Readers>>;
  readonly all?: Readers;
  /**
   * Objects of this type hang only off records read by reference, never off a record in a citizen's lists (a company
   * applicant: a company's dossiers are never among its representative's own). A path reaching it through a `Citizen`
   * is allowed but always empty, so the non-vacuity check leaves it out.
   */
  readonly neverInCitizenLists?: true;
}

/** Roots that answer with the caller's own data, whoever the caller is (`me`, the companies they represent). */
export const callersOwnRoots: ReadonlySet<string> = new Set(['me', 'myCompanies']);

const dossier: Readers = ['self', 'agent-of-dossier', 'dossiers:read'];
const identity: Readers = ['self', 'agent-of-dossier', 'citizens:read'];
const reached: Readers = ['reached'];
const supervision: TypeRules = { personal: false, all: reached };

/** Each ministry's dossier type: the owner, the ministry's agents, integrators allowed to read dossiers. */
const dossierTypes: Record<string, TypeRules> = Object.fromEntries(
  ministryDossierTypes.map((m) => [
    m.typeName,
    {
      personal: true,
      entry: dossier,
      all: reached,
      // The act of a copy request is civil-registry data: read like an act (never by dossiers:read alone).
      ...(m.typeName === 'CivilActCopyRequest' ? { fields: { act: identity } } : {}),
    },
  ]),
);

export const authorizationMatrix: Readonly<Record<string, TypeRules>> = {
  Query: {
    personal: false,
    fields: {
      me: ['self'],
      // The companies the caller represents, by their signed mandates: the caller's own.
      myCompanies: ['self'],
      citizen: ['self', 'citizens:read', 'dossiers:read'],
      dossier,
      civilAct: ['self', 'citizens:read'],
      civilActCopyRequest: dossier,
      electricityConnectionRequest: dossier,
      buildingPermitApplication: dossier,
      energyMinesApplication: dossier,
      electricityConnectionRequests: ['agent-of-worklist', 'dossiers:read'],
      buildingPermitApplications: ['agent-of-worklist', 'dossiers:read'],
      energyMinesApplicationQueue: ['agent-of-worklist', 'dossiers:read'],
      supervision: ['supervision:read'],
      procedures: ['anyone'],
      procedure: ['anyone'],
      myWebhooks: ['webhooks:manage'],
      webhook: ['webhooks:manage'],
      webhookDelivery: ['webhooks:manage'],
    },
  },
  Citizen: {
    personal: true,
    fields: {
      niu: reached,
      firstName: identity,
      lastName: identity,
      birthDate: identity,
      birthPlace: identity,
      sex: identity,
      deathDate: identity,
      civilActs: ['self', 'citizens:read'],
      civilActCopyRequests: ['self', 'dossiers:read'],
      electricityRequests: ['self', 'dossiers:read'],
      buildingPermitApplications: ['self', 'dossiers:read'],
      energyMinesApplications: ['self', 'dossiers:read'],
      dossiers: ['self', 'dossiers:read'],
      // Who read my data is mine alone to read.
      accessLog: ['self'],
    },
  },
  ...dossierTypes,
  CivilAct: { personal: true, all: reached },
  DossierStep: { personal: true, all: reached },
  // The files a ministry received for a dossier: part of it, read by whoever reached the dossier.
  FiledDocument: { personal: true, all: reached },
  DossierConnection: { personal: true, all: reached },
  AccessLogEntry: { personal: true, all: reached },
  // A company the caller represents and its access log: reached only through the caller's own `myCompanies`.
  RepresentedCompany: { personal: true, all: reached },
  // The applicant company of a company's dossier: read with the dossier (whose row-level rule admits its representatives).
  CompanyApplicant: { personal: true, all: reached, neverInCitizenLists: true },
  ElectricityRequestPage: { personal: false, all: reached },
  BuildingPermitPage: { personal: false, all: reached },
  EnergyMinesApplicationPage: { personal: false, all: reached },
  PageInfo: { personal: false, all: reached },
  Procedure: { personal: false, all: ['anyone'] },
  // A procedure's documents and handling body: the public catalogue's, whoever reached the procedure.
  RequiredDocument: { personal: false, all: reached },
  HandlingBody: { personal: false, all: reached },
  // Aggregates only (no person in them): the supervision room's readers, gated at `Query.supervision`.
  SupervisionOverview: supervision,
  ProcessingFigures: supervision,
  MinistryFigures: supervision,
  ProcedureFigures: supervision,
  CommuneFigures: supervision,
  DayCount: supervision,
  StatusCount: supervision,
  AlertThresholds: supervision,
  PreviousPeriod: supervision,
  // An integrator's own endpoints and what was sent to them, gated at the root (its own only: the owner check is
  // the webhooks subgraph's, tested end to end in tests/integration/webhooks).
  Webhook: { personal: false, all: reached },
  WebhookRegistration: { personal: false, all: reached },
  WebhookDeliveryPage: { personal: false, all: reached },
  WebhookDelivery: { personal: false, all: reached },
  WebhookDeliveryAttempt: { personal: false, all: reached },
  LegacySystemHealth: { personal: false, fields: { system: reached }, all: ['supervision:read'] },
};

/** Readers of `type.field`, or undefined when the matrix has no row for it. */
export function readersOf(type: string, field: string): Readers | undefined {
  const rules = authorizationMatrix[type];
  return rules?.fields?.[field] ?? rules?.all;
}

/** `Type.field` of every object field of the API schema without a row in the matrix (Mutation: see filing rules). */
export function unclassifiedFields(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  const pushedOnly = subscriptionOnlyTypes(schema);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || type === schema.getMutationType() || pushedOnly.has(type.name)) continue;
    for (const field of Object.keys(type.getFields())) if (!readersOf(type.name, field)) missing.push(`${type.name}.${field}`);
  }
  return missing;
}

/**
 * The Subscription root and the object types only it reaches (`DossierEvent`): pushed events are authorized one by
 * one at the gateway against the event's owner and ministry (gateway/subscriptions, its own generated matrix), not by
 * paths from Query.
 */
function subscriptionOnlyTypes(schema: GraphQLSchema): Set<string> {
  const elsewhere = new Set([...typesReachedFrom(schema.getQueryType()), ...typesReachedFrom(schema.getMutationType())]);
  return new Set([...typesReachedFrom(schema.getSubscriptionType())].filter((name) => !elsewhere.has(name)));
}

/** The object types a root reaches through object fields (itself included). */
export function typesReachedFrom(root: GraphQLObjectType | null | undefined): Set<string> {
  const seen = new Set<string>();
  const visit = (type: GraphQLObjectType) => {
    if (seen.has(type.name)) return;
    seen.add(type.name);
    for (const field of Object.values(type.getFields())) {
      const named = getNamedType(field.type);
      if (isObjectType(named)) visit(named);
    }
  };
  if (root) visit(root);
  return seen;
}

/** Whether a field's values are leaves (scalars, enums, lists of them). */
export function isLeafField(schema: GraphQLSchema, type: string, field: string): boolean {
  const owner = schema.getType(type);
  return isObjectType(owner) && isLeafType(getNamedType(owner.getFields()[field]!.type));
}
