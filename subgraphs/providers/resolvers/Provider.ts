import { connectionFromArray } from '../../kit/connection';
import type { ProviderEntity } from '../entities';
import type { FilingStatus } from '../rules/supplementary-filed';
import { todayInChina } from '../../kit/dates';
import { acceptsNewApplications } from '../rules/exit-transition';
import { isQualified, qualificationStatusOf } from '../rules/provider-qualified';
import type { PageArgs, ProvidersContext } from './context';

export const Provider = {
  __resolveReference: (reference: { id: string }, context: ProvidersContext) => context.loaders.providerById.load(reference.id),

  qualificationStatus: (provider: ProviderEntity) => qualificationStatusOf(provider, todayInChina()),
  qualified: (provider: ProviderEntity) => isQualified(provider, todayInChina()),
  acceptsNewApplications: (provider: ProviderEntity) => acceptsNewApplications(provider.status),

  agreements: async (provider: ProviderEntity, args: PageArgs & { regionCode?: string }, context: ProvidersContext) => {
    const agreements = await context.loaders.agreementsByProviderId.load(provider.id);
    const filtered = args.regionCode ? agreements.filter((agreement) => agreement.regionCode === args.regionCode) : agreements;
    return connectionFromArray(filtered, args, (agreement) => agreement.signedOn);
  },

  basicCatalog: async (provider: ProviderEntity, args: PageArgs, context: ProvidersContext) =>
    connectionFromArray(await context.loaders.basicCatalogByProviderId.load(provider.id), args, (entry) => entry.serviceItemCode),

  supplementaryCatalog: async (provider: ProviderEntity, args: PageArgs & { filingStatus?: FilingStatus }, context: ProvidersContext) => {
    const entries = await context.loaders.supplementaryByProviderId.load(provider.id);
    const filtered = args.filingStatus ? entries.filter((entry) => entry.filingStatus === args.filingStatus) : entries;
    return connectionFromArray(filtered, args, (entry) => entry.code);
  },

  exits: async (provider: ProviderEntity, args: PageArgs, context: ProvidersContext) =>
    connectionFromArray(await context.loaders.exitsByProviderId.load(provider.id), args, (exit) => exit.startedOn),

  currentExit: async (provider: ProviderEntity, _: unknown, context: ProvidersContext) =>
    (await context.loaders.exitsByProviderId.load(provider.id)).find((exit) => exit.status === 'IN_TRANSITION') ?? null,
};
