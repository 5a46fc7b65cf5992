import { connectionFromArray, type ConnectionArgs } from '../../kit/connection';
import { todayInChina } from '../../kit/dates';
import type { SecurityContext } from '../loaders';
import { drilledWithinInterval, lastDrillOn, nextDrillDueOn } from '../rules/platform-security';
import { audienceSeesProvider, platformAudienceOf } from '../services/platform-audience';

interface ProviderReference {
  id: string;
}

/** The last drill of a provider the caller may see; undefined when it may not (the fields then read null). */
async function lastDrillSeenBy(provider: ProviderReference, ctx: SecurityContext): Promise<string | null | undefined> {
  if (!audienceSeesProvider(platformAudienceOf(ctx.principal, ctx.scope), provider.id)) return undefined;
  return lastDrillOn(await ctx.loaders.drillsByProviderId.load(provider.id));
}

/**
 * The providers subgraph owns Provider; here it gains its platform's security profile (第七条), its
 * disaster-recovery drills and its security bulletins (第二十条), each through a per-request loader.
 */
export const Provider = {
  __resolveReference: (reference: ProviderReference): ProviderReference => ({ id: reference.id }),

  securityProfile: (provider: ProviderReference, _: unknown, ctx: SecurityContext) =>
    ctx.loaders.securityProfileByProviderId.load(provider.id),

  disasterRecoveryDrills: async (provider: ProviderReference, args: ConnectionArgs, ctx: SecurityContext) =>
    connectionFromArray(await ctx.loaders.drillsByProviderId.load(provider.id), args, (drill) => drill.drilledOn),

  lastDisasterRecoveryDrillOn: async (provider: ProviderReference, _: unknown, ctx: SecurityContext) =>
    (await lastDrillSeenBy(provider, ctx)) ?? null,

  drilledWithinLast12Months: async (provider: ProviderReference, _: unknown, ctx: SecurityContext) => {
    const last = await lastDrillSeenBy(provider, ctx);
    return last === undefined ? null : drilledWithinInterval(last, todayInChina());
  },

  nextDisasterRecoveryDrillDueOn: async (provider: ProviderReference, _: unknown, ctx: SecurityContext) => {
    const last = await lastDrillSeenBy(provider, ctx);
    return last === undefined ? null : nextDrillDueOn(last);
  },

  securityBulletins: async (provider: ProviderReference, args: ConnectionArgs, ctx: SecurityContext) => {
    const rows = await ctx.loaders.bulletinsByProviderId.load(provider.id);
    return connectionFromArray(
      rows.map((row) => row.bulletin),
      args,
      (bulletin) => bulletin.number,
    );
  },

  unacknowledgedSecurityBulletins: async (provider: ProviderReference, args: ConnectionArgs, ctx: SecurityContext) => {
    const rows = await ctx.loaders.bulletinsByProviderId.load(provider.id);
    return connectionFromArray(
      rows.filter((row) => !row.acknowledged).map((row) => row.bulletin),
      args,
      (bulletin) => bulletin.number,
    );
  },
};
