import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { ministryNames, type MinistryCode } from '../../schema/index.js';
import { RequiresScopes, Scopes, userInputError } from '../shared/index.js';
import { AccessLogEntry, type AccessorRole } from './access-log-entry.js';
import { Citizen } from './citizen.js';
import type { DossiersContext } from './context.js';

const MAX_ENTRIES = 200;

@Resolver(() => Citizen)
export class AccessLogResolver {
  @RequiresScopes(Scopes.citizenSelf)
  @FieldResolver(() => [AccessLogEntry], {
    nullable: true,
    description: 'Qui a consulté ou modifié vos données personnelles, du plus récent au plus ancien (vos propres accès exclus). Réservé au citoyen concerné.',
  })
  async accessLog(@Root() citizen: Citizen, @Arg('last', () => Int, { defaultValue: 50 }) last: number, @Ctx() ctx: DossiersContext): Promise<AccessLogEntry[] | null> {
    if (last < 1 || last > MAX_ENTRIES) throw userInputError(`Le nombre d’entrées doit être compris entre 1 et ${MAX_ENTRIES}.`, 'last');
    const { principal } = ctx;
    // One's own access log only: anybody else's is not theirs to know about.
    if (principal.niu !== citizen.niu) return null;
    const records = await ctx.accessLog.listForNiu(citizen.niu, { limit: last, where: (r) => r.subject !== principal.subject });
    ctx.access.record({ niu: citizen.niu, system: 'guichet', action: 'read' });
    return records.map((r) => ({
      at: r.at,
      kind: r.action === 'write' ? 'WRITE' : 'READ',
      role: r.role.toUpperCase() as AccessorRole,
      ministry: r.ministry && r.ministry in ministryNames ? ministryNames[r.ministry as MinistryCode] : null,
      client: r.clientId,
      operation: r.operationName,
      systems: [...r.systems],
    }));
  }
}
