import type { SecurityContext } from '../loaders';

interface ProviderReference {
  id: string;
}

/** The providers subgraph owns Provider; here it gains its platform's security profile. */
export const Provider = {
  __resolveReference: (reference: ProviderReference): ProviderReference => ({ id: reference.id }),
  securityProfile: (provider: ProviderReference, _: unknown, ctx: SecurityContext) =>
    ctx.loaders.securityProfileByProviderId.load(provider.id),
};
