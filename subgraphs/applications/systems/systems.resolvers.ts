import { childPage } from '../../kit/child-connection';
import { findInScope } from '../../kit/lookup';
import { mutation } from '../../kit/mutation';
import { Role } from '../../kit/principal';
import { regionField } from '../../kit/shared-resolvers';
import { alwaysVisible, type ApplicationsContext } from '../loaders';
import type {
  InformationSystemResolvers,
  MutationRegisterSystemArgs,
  ProviderResolvers,
  QueryResolvers,
  Resolvers,
} from '../generated/graphql';
import type { DesignationPortFor } from '../lifecycle/designation-port';
import { InformationSystemService } from './information-system.service';
import { systemNodeProperties } from './system-fields';
import type { InformationSystemEntity } from './information-system.entity';
import { ownerOf } from './system-owners';
import { parseSystemRegistration, registerSystem, type ParsedSystemRegistration } from './system-registration.service';

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

/** 第五条: a unit registers its own systems; the centre registers one for any unit. */
const UNIT_OR_CENTER = [Role.USER_UNIT, Role.CENTER];

/** registerSystem (system-registration.service.ts), checking the provider through the providers subgraph. */
function createSystemMutations(designationPortFor: DesignationPortFor) {
  return {
    registerSystem: mutation<ApplicationsContext, MutationRegisterSystemArgs, ParsedSystemRegistration, undefined, InformationSystemEntity>(
      {
        roles: UNIT_OR_CENTER,
        input: ({ input }) => parseSystemRegistration(input),
        targets: (input) => [input.unitId, input.providerId],
        run: (tx, input) => registerSystem(tx, input, designationPortFor(tx.principal)),
      },
    ),
  };
}

/** The government information systems (政务信息系统, 第三条), their registration, and the providers that host them. */
export function createSystemsResolvers(designationPortFor: DesignationPortFor) {
  return { Query, Mutation: createSystemMutations(designationPortFor), InformationSystem, Provider } satisfies Resolvers;
}
