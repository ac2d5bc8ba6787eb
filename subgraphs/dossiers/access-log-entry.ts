import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../shared/index.js';

export const AccessKind = { READ: 'READ', WRITE: 'WRITE' } as const;
export type AccessKind = (typeof AccessKind)[keyof typeof AccessKind];
registerEnumType(AccessKind, { name: 'AccessKind', description: 'Lecture ou écriture de données personnelles.' });

export const AccessorRole = { CITIZEN: 'CITIZEN', AGENT: 'AGENT', SUPERVISOR: 'SUPERVISOR', INTEGRATOR: 'INTEGRATOR' } as const;
export type AccessorRole = (typeof AccessorRole)[keyof typeof AccessorRole];
registerEnumType(AccessorRole, {
  name: 'AccessorRole',
  description: 'Qui a accédé : un agent d’un ministère, un service intégrateur…',
  valuesConfig: {
    CITIZEN: { description: 'Un citoyen (vous-même n’apparaissez pas dans votre propre journal ; dans celui d’une société, ses représentants figurent).' },
    AGENT: { description: 'Un agent d’un ministère, pour traiter un dossier.' },
    SUPERVISOR: { description: 'Un superviseur.' },
    INTEGRATOR: { description: 'Un service intégrateur autorisé.' },
  },
});

@ObjectType({ description: 'Un accès à vos données personnelles, tel que le journal d’audit l’a enregistré.' })
export class AccessLogEntry {
  @Field(() => DateTimeScalar, { description: 'Quand.' })
  at!: string;

  @Field(() => AccessKind)
  kind!: AccessKind;

  @Field(() => AccessorRole)
  role!: AccessorRole;

  @Field(() => String, { nullable: true, description: 'Le ministère de l’agent, le cas échéant.' })
  ministry!: string | null;

  @Field({ description: 'L’application ou le service par lequel l’accès a eu lieu.' })
  client!: string;

  @Field(() => String, { nullable: true, description: 'L’opération demandée.' })
  operation!: string | null;

  @Field(() => [String], { description: 'Les systèmes des ministères consultés (rnec, ceet, urbanisme).' })
  systems!: string[];
}
