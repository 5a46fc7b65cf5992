// Provider exits: lists and lookups, the ProviderExit type, and the bureau's start and completion of
// an exit, each through the kit's pipeline (kit/mutation.ts).
import { connectionFromArray, type ConnectionArgs } from '../../kit/connection';
import { daysBetween, todayInChina } from '../../kit/dates';
import { findInScope } from '../../kit/lookup';
import { mutation } from '../../kit/mutation';
import { Role } from '../../kit/principal';
import type { ProviderEntity } from '../directory/provider.entity';
import { providerTarget } from '../directory/provider.service';
import { actorOf, type ProvidersContext } from '../loaders';
import { parseExitInput, type ExitArgs } from './exits.inputs';
import { takesNewApplications } from './takes-new-applications.rules';
import type { MigrationProgressPortFor } from './migration-progress.port';
import { ProviderExitEntity, type ExitStatus } from './provider-exit.entity';
import { completeProviderExit, listProviderExits, PROVIDER_EXIT, startProviderExit } from './provider-exit.service';

/** `migrationProgressFor` asks the applications subgraph, which owns migrations, how far an exit's are. */
export function createExitsResolvers(migrationProgressFor: MigrationProgressPortFor) {
  return {
    Query: {
      providerExits: (_: unknown, args: ConnectionArgs & { status?: ExitStatus }, context: ProvidersContext) =>
        listProviderExits(context.dataSource, args),

      providerExit: (_: unknown, args: { id: string }, context: ProvidersContext) =>
        findInScope(args.id, (id) => context.loaders.exitById.load(id)),
    },

    Mutation: {
      startProviderExit: mutation({
        roles: [Role.BUREAU],
        input: (args: { input: ExitArgs }) => parseExitInput(args.input),
        lock: (input) => providerTarget(input.providerId),
        run: (tx, input, provider) => startProviderExit(tx.manager, provider, input, actorOf(tx)),
      }),

      completeProviderExit: mutation({
        roles: [Role.BUREAU, Role.CENTER],
        lock: (args: { exitId: string }) => ({ entity: ProviderExitEntity, id: args.exitId, what: PROVIDER_EXIT }),
        run: (tx, _args, exit, ctx: ProvidersContext) =>
          completeProviderExit(tx.manager, exit, actorOf(tx), tx.today, migrationProgressFor(ctx.principal)),
      }),
    },

    Provider: {
      acceptsNewApplications: (provider: ProviderEntity) => takesNewApplications(provider, todayInChina()),

      exits: async (provider: ProviderEntity, args: ConnectionArgs, context: ProvidersContext) =>
        connectionFromArray(await context.loaders.exitsByProviderId.load(provider.id), args, (exit) => exit.startedOn),

      currentExit: async (provider: ProviderEntity, _: unknown, context: ProvidersContext) =>
        (await context.loaders.exitsByProviderId.load(provider.id)).find((exit) => exit.status === 'IN_TRANSITION') ?? null,
    },

    ProviderExit: {
      __resolveReference: (reference: { id: string }, context: ProvidersContext) => context.loaders.exitById.load(reference.id),
      provider: (exit: ProviderExitEntity, _: unknown, context: ProvidersContext) => context.loaders.providerById.load(exit.providerId),
      transitionDays: (exit: ProviderExitEntity) => daysBetween(exit.startedOn, exit.transitionEndsOn),
    },
  };
}
