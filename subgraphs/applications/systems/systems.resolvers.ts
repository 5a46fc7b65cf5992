import { childPage } from '../../kit/child-connection';
import { findInScope } from '../../kit/lookup';
import { regionField } from '../../kit/shared-resolvers';
import { alwaysVisible } from '../loaders';
import type { InformationSystemResolvers, ProviderResolvers, QueryResolvers, Resolvers } from '../generated/graphql';
import { InformationSystemService } from './information-system.service';
import { systemNodeProperties } from './system-fields';
import { ownerOf } from './system-owners';

const Query = {
  systems: (_, args, ctx, info) => new InformationSystemService(ctx.dataSource, ctx.scope).list(args, systemNodeProperties(info)),

  system: (_, { id }, ctx) => findInScope(id, (key) => ctx.loaders.systemById.load(key)),
} satisfies QueryResolvers;

const InformationSystem = {
  __resolveReference: (reference, ctx) => ctx.loaders.systemById.load(reference.id),
  // Joined by the list that read the system, else plain rows with the selected columns (system-owners.ts).
  owner: (system, _, ctx, info) => alwaysVisible(ownerOf(system, ctx, info)),
  region: (system) => regionField(system.regionCode)!,
  // The provider is another subgraph's entity: a reference is all this one knows.
  hostingProvider: (system) => (system.providerId ? { id: system.providerId } : null),
  primarySystem: (system, _, ctx) => (system.primarySystemId ? ctx.loaders.systemById.load(system.primarySystemId) : null),
  applications: (system, args, ctx) => ctx.loaders.applicationPagesBySystemId.load(childPage(system.id, args)),
} satisfies InformationSystemResolvers;

export interface ProviderReference {
  id: string;
}

/** The providers subgraph owns Provider; here it only gains the systems it hosts. */
const Provider = {
  __resolveReference: (reference): ProviderReference => ({ id: reference.id }),
  hostedSystems: (provider, args, ctx, info) =>
    ctx.loaders.systemPagesByProviderId.load(childPage(provider.id, args, systemNodeProperties(info))),
} satisfies ProviderResolvers;

/** The government information systems (政务信息系统, 第三条) and the providers that host them. */
export const systemsResolvers = { Query, InformationSystem, Provider } satisfies Resolvers;
