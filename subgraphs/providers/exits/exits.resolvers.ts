// Provider exits: lists and lookups, the ProviderExit type, and the bureau's start and completion of
// an exit, each through the kit's pipeline (kit/mutation.ts).
import { childPage } from '../../kit/child-connection';
import { daysBetween, todayInChina } from '../../kit/dates';
import { findInScope } from '../../kit/lookup';
import { mutation } from '../../kit/mutation';
import { Role } from '../../kit/principal';
import { CITY_REGION_CODE } from '../../kit/regions';
import { regionField } from '../../kit/shared-resolvers';
import { providerTarget } from '../directory/provider.service';
import type { MutationCompleteProviderExitArgs, MutationStartProviderExitArgs, Resolvers } from '../generated/graphql';
import { actorOf, referenced } from '../loaders';
import { parseExitInput } from './exits.inputs';
import { takesNewApplications } from './takes-new-applications.rules';
import type { MigrationProgressPortFor } from './migration-progress.port';
import { ProviderExitEntity } from './provider-exit.entity';
import { completeProviderExit, listProviderExits, PROVIDER_EXIT, startProviderExit } from './provider-exit.service';

/** `migrationProgressFor` asks the applications subgraph, which owns migrations, how far an exit's are. */
export function createExitsResolvers(migrationProgressFor: MigrationProgressPortFor) {
  return {
    Query: {
      providerExits: (_, args, context) => listProviderExits(context.dataSource, args),

      providerExit: (_, args, context) => findInScope(args.id, (id) => context.loaders.exitById.load(id)),
    },

    Mutation: {
      startProviderExit: mutation({
        roles: [Role.BUREAU],
        input: (args: MutationStartProviderExitArgs) => parseExitInput(args.input),
        lock: (input) => providerTarget(input.providerId),
        run: (tx, input, provider) => startProviderExit(tx.manager, provider, input, actorOf(tx)),
      }),

      completeProviderExit: mutation({
        roles: [Role.BUREAU, Role.CENTER],
        lock: (args: MutationCompleteProviderExitArgs) => ({ entity: ProviderExitEntity, id: args.exitId, what: PROVIDER_EXIT }),
        run: (tx, _args, exit, ctx) => completeProviderExit(tx.manager, exit, actorOf(tx), tx.today, migrationProgressFor(ctx.principal)),
      }),
    },

    Provider: {
      acceptsNewApplications: async (provider, args, context) =>
        takesNewApplications(
          provider,
          todayInChina(),
          args.regionCode ?? null,
          args.regionCode ? await context.loaders.exitsByProviderId.load(provider.id) : [],
        ),

      exits: (provider, args, context) => context.loaders.exitPagesByProviderId.load(childPage(provider.id, args)),

      currentExit: async (provider, _, context) =>
        (await context.loaders.exitsByProviderId.load(provider.id)).find(
          (exit) => exit.status === 'IN_TRANSITION' && exit.regionCode === CITY_REGION_CODE,
        ) ?? null,
    },

    ProviderExit: {
      __resolveReference: (reference, context) => context.loaders.exitById.load(reference.id),
      provider: (exit, _, context) => referenced(context.loaders.providerById.load(exit.providerId)),
      transitionDays: (exit) => daysBetween(exit.startedOn, exit.transitionEndsOn),
      region: (exit) => regionField(exit.regionCode)!,
    },
  } satisfies Resolvers;
}
