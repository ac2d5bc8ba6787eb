import { Field, Int, ObjectType } from 'type-graphql';
import { Dossier, type DossierHandle } from './dossier-interface.js';

@ObjectType({ description: 'Informations de pagination.' })
export class PageInfo {
  @Field({ description: 'Vrai s’il reste des dossiers après cette page.' })
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Curseur du dernier dossier de la page, à passer en `after` pour la suivante.' })
  endCursor!: string | null;
}

@ObjectType({ description: 'Les dossiers d’un citoyen, tous ministères confondus, du plus récemment mis à jour au plus ancien.' })
export class DossierConnection {
  @Field(() => Int, { description: 'Nombre total de dossiers (après filtre éventuel), toutes pages confondues.' })
  totalCount!: number;

  /** Handles only: the gateway fetches every other field from the owning ministry. */
  @Field(() => [Dossier])
  nodes!: DossierHandle[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field({ description: 'Vrai si le système d’au moins un ministère n’a pas répondu : la liste est alors partielle.' })
  incomplete!: boolean;

  @Field(() => [String], { description: 'Systèmes qui n’ont pas répondu (rnec, ceet, urbanisme).' })
  unavailableSystems!: string[];

  @Field(() => [String], { description: 'Systèmes injoignables dont la liste est la dernière version connue (dossiers marqués stale).' })
  staleSystems!: string[];
}
