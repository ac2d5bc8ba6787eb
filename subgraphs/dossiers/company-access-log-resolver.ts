import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { companyAuditSubject } from '../../schema/index.js';
import { representsCompany, RequiresScopes, Scopes } from '../shared/index.js';
import { accessLogEntriesOf, assertAccessLogLength } from './access-log-entries.js';
import { AccessLogEntry } from './access-log-entry.js';
import type { DossiersContext } from './context.js';
import { RepresentedCompany } from './represented-company.js';

/**
 * A company's access log, read the way a citizen reads theirs: the same audit store and query, keyed by the company's
 * audit subject (`company:<NIF>`), for its declared representatives only — the mandates the caller's token carries.
 */
@Resolver(() => RepresentedCompany)
export class CompanyAccessLogResolver {
  @RequiresScopes(Scopes.citizenSelf)
  @Query(() => [RepresentedCompany], {
    description: 'Les sociétés que vous représentez (gérant ou représentant déclaré), selon le registre des mandats attesté par votre jeton d’accès ; vide si aucune.',
  })
  myCompanies(@Ctx() ctx: DossiersContext): RepresentedCompany[] {
    return (ctx.principal.companies ?? []).map((nif) => ({ nif }));
  }

  @RequiresScopes(Scopes.citizenSelf)
  @FieldResolver(() => [AccessLogEntry], {
    nullable: true,
    description: 'Qui a consulté ou modifié les données de la société (ses demandes), du plus récent au plus ancien, y compris les accès de ses représentants. Réservé à ses représentants déclarés.',
  })
  async accessLog(@Root() company: RepresentedCompany, @Arg('last', () => Int, { defaultValue: 50 }) last: number, @Ctx() ctx: DossiersContext): Promise<AccessLogEntry[] | null> {
    assertAccessLogLength(last);
    // Only a representative reads a company's log, whatever way the company was reached.
    if (!representsCompany(ctx.principal, company.nif)) return null;
    const subject = companyAuditSubject(company.nif);
    const records = await ctx.accessLog.listForNiu(subject, { limit: last });
    ctx.access.record({ niu: subject, system: 'guichet', action: 'read' });
    return accessLogEntriesOf(records);
  }
}
