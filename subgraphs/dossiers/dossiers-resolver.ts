import { Arg, Ctx, Directive, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { findProcedure, procedures } from '../../schema/index.js';
import {
  assertNiu,
  assertReference,
  canSeeCitizen,
  CitizenDossierListReaders,
  DossierReaders,
  DossierStatus,
  dossierListingFields,
  sealedListingField,
  notFoundError,
  RequiresScopes,
  Scopes,
  userInputError,
  type SubgraphContext,
} from '../shared/index.js';
import { Citizen, type ListedDossier } from './citizen.js';
import { Dossier, type DossierHandle } from './dossier-interface.js';
import { DossierConnection } from './dossier-connection.js';
import { ministryDossierTypes, ministryOfReferencePrefix } from './ministry-dossier-types.js';
import { InvalidCursorError, paginateDossiers } from './paginate-dossiers.js';
import { Procedure } from './procedure.js';
import { procedureView } from './procedure-view.js';

const MAX_PAGE_SIZE = 100;
/**
 * Each ministry's list hands over just what sorting, filtering and paging need, and its sealed listings: handed back
 * as the page's `lookup` keys, they let each owner serve the page without reading its system a second time.
 */
const requiredLists = ministryDossierTypes.map((m) => `${m.citizenListField} { ${dossierListingFields} ${sealedListingField} }`).join(' ');

@Resolver()
export class DossiersQueryResolver {
  @RequiresScopes(Scopes.citizenSelf, Scopes.readCitizens, Scopes.readDossiers)
  @Query(() => Citizen, { nullable: true, description: 'Un citoyen par son NIU, avec ses dossiers de tous les ministères (un citoyen ne voit que lui-même).' })
  citizen(@Arg('niu', () => ID) niu: string, @Ctx() ctx: SubgraphContext): Pick<Citizen, 'niu'> {
    assertNiu(niu);
    // Another citizen's NIU is answered as unknown: no existence leak.
    if (ctx.principal.role === 'citizen' && !canSeeCitizen(ctx.principal, niu)) throw notFoundError('Aucun citoyen ne correspond à ce NIU.');
    return { niu };
  }

  @RequiresScopes(Scopes.citizenSelf)
  @Query(() => Citizen, { nullable: true, description: 'Le citoyen connecté, avec ses dossiers de tous les ministères.' })
  me(@Ctx() ctx: SubgraphContext): Pick<Citizen, 'niu'> | null {
    return ctx.principal.niu ? { niu: ctx.principal.niu } : null;
  }

  @DossierReaders()
  @Query(() => Dossier, { nullable: true, description: 'Un dossier de n’importe quel ministère, par sa référence (CEET-…, URB-…, RNEC-…).' })
  dossier(@Arg('reference', () => ID) reference: string): DossierHandle {
    const ministry = ministryOfReferencePrefix(assertReference(reference));
    if (!ministry) throw userInputError(`Aucun ministère ne gère les références « ${reference.slice(0, 40)} ».`, 'reference');
    return { __typename: ministry.typeName, lookup: reference };
  }

  @Query(() => [Procedure], { description: 'Le catalogue des démarches en ligne.' })
  procedures(): Procedure[] {
    return procedures.map(procedureView);
  }

  @Query(() => Procedure, { nullable: true, description: 'Une démarche par son code.' })
  procedure(@Arg('code', () => ID) code: string): Procedure {
    const entry = findProcedure(code);
    if (!entry) throw notFoundError(`Aucune démarche n’a le code « ${code.slice(0, 60)} ».`);
    return procedureView(entry);
  }
}

@Resolver(() => Citizen)
export class CitizenDossiersResolver {
  @CitizenDossierListReaders()
  @Directive(`@requires(fields: "${requiredLists}")`)
  @FieldResolver(() => DossierConnection, {
    nullable: true,
    description: 'Les dossiers du citoyen, tous ministères confondus, du plus récemment mis à jour au plus ancien (pagination par curseur).',
  })
  dossiers(
    @Root() citizen: Citizen,
    @Arg('first', () => Int, { defaultValue: 20, description: `Nombre de dossiers (1 à ${MAX_PAGE_SIZE}).` }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'Curseur `endCursor` de la page précédente.' }) after: string | null,
    @Arg('status', () => DossierStatus, { nullable: true, description: 'Ne garder que les dossiers de ce statut.' }) status: DossierStatus | null,
  ): DossierConnection {
    if (first < 1 || first > MAX_PAGE_SIZE) throw userInputError(`Le nombre de dossiers demandés doit être compris entre 1 et ${MAX_PAGE_SIZE}.`, 'first');
    const lists = new Map(ministryDossierTypes.map((m) => [m, citizen[m.citizenListField] as readonly ListedDossier[] | null | undefined]));
    try {
      return paginateDossiers(lists, { first, after, status });
    } catch (error) {
      if (error instanceof InvalidCursorError) throw userInputError('Curseur de pagination invalide.', 'after');
      throw error;
    }
  }
}
