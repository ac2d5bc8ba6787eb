import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { RequiresScopes, Scopes } from '../shared/index.js';
import { accessLogEntriesOf, assertAccessLogLength } from './access-log-entries.js';
import { AccessLogEntry } from './access-log-entry.js';
import { Citizen } from './citizen.js';
import type { DossiersContext } from './context.js';

@Resolver(() => Citizen)
export class AccessLogResolver {
  @RequiresScopes(Scopes.citizenSelf)
  @FieldResolver(() => [AccessLogEntry], {
    nullable: true,
    description: 'Qui a consulté ou modifié vos données personnelles, du plus récent au plus ancien (vos propres accès exclus). Réservé au citoyen concerné.',
  })
  async accessLog(@Root() citizen: Citizen, @Arg('last', () => Int, { defaultValue: 50 }) last: number, @Ctx() ctx: DossiersContext): Promise<AccessLogEntry[] | null> {
    assertAccessLogLength(last);
    const { principal } = ctx;
    // One's own access log only: anybody else's is not theirs to know about.
    if (principal.niu !== citizen.niu) return null;
    const records = await ctx.accessLog.listForNiu(citizen.niu, { limit: last, where: (r) => r.subject !== principal.subject });
    ctx.access.record({ niu: citizen.niu, system: 'guichet', action: 'read' });
    return accessLogEntriesOf(records);
  }
}
