// System migrations of provider exits (EXIT_TRANSITION_3M, 第九条): lists, the progress the providers
// subgraph asks for before completing an exit, the two steps, and ProviderExit's view of them.
import { connectionFromArray, type ConnectionArgs } from '../../kit/connection';
import { todayInChina } from '../../kit/dates';
import { parseId, requireUuid } from '../../kit/ids';
import { mutation } from '../../kit/mutation';
import { regionField } from '../../kit/shared-resolvers';
import type { SystemMigrationEntity } from './system-migration.entity';
import type { ApplicationsContext } from '../loaders';
import { isMigrationOverdue, MIGRATION_STEP_ROLES } from './system-migrations.rules';
import type { DesignationPortFor } from '../lifecycle/designation-port';
import {
  SystemMigrationService,
  confirmMigrationDataClearance,
  migrationTarget,
  recordSystemMigrated,
  type MigrationListArgs,
} from './system-migration.service';

const byId = (migration: SystemMigrationEntity) => migration.id;

const systemMigrationQueries = {
  systemMigrations: (_: unknown, args: MigrationListArgs, ctx: ApplicationsContext) =>
    new SystemMigrationService(ctx.dataSource, ctx.scope).list(args),

  exitMigrationProgress: (_: unknown, args: { exitId: string }, ctx: ApplicationsContext) =>
    ctx.loaders.migrationProgressByExitId.load(parseId(args.exitId, 'exitId')),
};

type MigrationStepArgs = { id: string; version: number };

/** The two steps of a migration, through the pipeline: roles of the step, the migration locked at the caller's version. */
function createSystemMigrationMutations(designationPortFor: DesignationPortFor) {
  return {
    recordSystemMigrated: mutation<
      ApplicationsContext,
      MigrationStepArgs & { targetProviderId: string },
      MigrationStepArgs & { targetProviderId: string },
      SystemMigrationEntity,
      SystemMigrationEntity
    >({
      roles: MIGRATION_STEP_ROLES.MIGRATE,
      input: (args) => ({ id: args.id, version: args.version, targetProviderId: requireUuid(args.targetProviderId, 'targetProviderId') }),
      targets: (input) => [input.id, input.targetProviderId],
      lock: (input, ctx) => migrationTarget(input, ctx.scope),
      run: (tx, input, migration) => recordSystemMigrated(tx, migration, input.targetProviderId, designationPortFor(tx.principal)),
    }),

    confirmMigrationDataClearance: mutation<
      ApplicationsContext,
      MigrationStepArgs,
      MigrationStepArgs,
      SystemMigrationEntity,
      SystemMigrationEntity
    >({
      roles: MIGRATION_STEP_ROLES.CLEAR_DATA,
      targets: (input) => [input.id],
      lock: (input, ctx) => migrationTarget(input, ctx.scope),
      run: (tx, _input, migration) => confirmMigrationDataClearance(tx, migration),
    }),
  };
}

const SystemMigration = {
  exit: (migration: SystemMigrationEntity) => ({ id: migration.exitId }),
  system: (migration: SystemMigrationEntity, _: unknown, ctx: ApplicationsContext) => ctx.loaders.systemById.load(migration.systemId),
  region: (migration: SystemMigrationEntity) => regionField(migration.regionCode),
  provider: (migration: SystemMigrationEntity) => ({ id: migration.providerId }),
  targetProvider: (migration: SystemMigrationEntity) => (migration.targetProviderId ? { id: migration.targetProviderId } : null),
  overdue: (migration: SystemMigrationEntity) => isMigrationOverdue(migration, todayInChina()),
};

/** The providers subgraph owns ProviderExit; here it gains its systems' migrations. */
const ProviderExit = {
  __resolveReference: (reference: { id: string }) => ({ id: reference.id }),
  systemMigrations: async (exit: { id: string }, args: ConnectionArgs, ctx: ApplicationsContext) =>
    connectionFromArray(await ctx.loaders.migrationsByExitId.load(exit.id), args, byId),
  migrationProgress: (exit: { id: string }, _: unknown, ctx: ApplicationsContext) => ctx.loaders.migrationProgressByExitId.load(exit.id),
};

/** InformationSystem's migrations off exiting providers. */
async function exitMigrationsOfSystem(system: { id: string }, args: ConnectionArgs, ctx: ApplicationsContext) {
  return connectionFromArray(await ctx.loaders.migrationsBySystemId.load(system.id), args, byId);
}

/** The feature's resolver map; recording a migration asks the providers subgraph (DESIGNATED_PROVIDER). */
export function createSystemMigrationsResolvers(designationPortFor: DesignationPortFor) {
  return {
    Query: systemMigrationQueries,
    Mutation: createSystemMigrationMutations(designationPortFor),
    SystemMigration,
    ProviderExit,
    InformationSystem: { exitMigrations: exitMigrationsOfSystem },
  };
}
