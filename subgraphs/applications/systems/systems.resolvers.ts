import { connectionFromArray, type ConnectionArgs } from '../../kit/connection';
import { findInScope } from '../../kit/lookup';
import { regionField } from '../../kit/shared-resolvers';
import type { ApplicationsContext } from '../loaders';
import type { InformationSystemEntity } from './information-system.entity';
import { InformationSystemService, type SystemListArgs } from './information-system.service';

const Query = {
  systems: (_: unknown, args: SystemListArgs, ctx: ApplicationsContext) =>
    new InformationSystemService(ctx.dataSource, ctx.scope).list(args),

  system: (_: unknown, { id }: { id: string }, ctx: ApplicationsContext) => findInScope(id, (key) => ctx.loaders.systemById.load(key)),
};

const InformationSystem = {
  __resolveReference: (reference: { id: string }, ctx: ApplicationsContext) => ctx.loaders.systemById.load(reference.id),
  owner: (system: InformationSystemEntity, _: unknown, ctx: ApplicationsContext) => ctx.loaders.unitById.load(system.unitId),
  region: (system: InformationSystemEntity) => regionField(system.regionCode),
  // The provider is another subgraph's entity: a reference is all this one knows.
  hostingProvider: (system: InformationSystemEntity) => (system.providerId ? { id: system.providerId } : null),
  primarySystem: (system: InformationSystemEntity, _: unknown, ctx: ApplicationsContext) =>
    system.primarySystemId ? ctx.loaders.systemById.load(system.primarySystemId) : null,
  applications: async (system: InformationSystemEntity, args: ConnectionArgs, ctx: ApplicationsContext) =>
    connectionFromArray(await ctx.loaders.applicationsBySystemId.load(system.id), args, (application) => application.number),
};

interface ProviderReference {
  id: string;
}

/** The providers subgraph owns Provider; here it only gains the systems it hosts. */
const Provider = {
  __resolveReference: (reference: ProviderReference): ProviderReference => ({ id: reference.id }),
  hostedSystems: async (provider: ProviderReference, args: ConnectionArgs, ctx: ApplicationsContext) =>
    connectionFromArray(await ctx.loaders.systemsByProviderId.load(provider.id), args, (system) => system.code),
};

/** The government information systems (政务信息系统, 第三条) and the providers that host them. */
export const systemsResolvers = { Query, InformationSystem, Provider };
