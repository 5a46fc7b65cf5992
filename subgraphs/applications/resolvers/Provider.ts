import { connectionFromArray, type ConnectionArgs } from '../../kit/connection';
import type { ApplicationsContext } from '../loaders';

interface ProviderReference {
  id: string;
}

/** The providers subgraph owns Provider; here it only gains the systems it hosts. */
export const Provider = {
  __resolveReference: (reference: ProviderReference): ProviderReference => ({ id: reference.id }),
  hostedSystems: async (provider: ProviderReference, args: ConnectionArgs, ctx: ApplicationsContext) =>
    connectionFromArray(await ctx.loaders.systemsByProviderId.load(provider.id), args, (system) => system.code),
};
