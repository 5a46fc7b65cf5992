// System migrations of provider exits (EXIT_TRANSITION_3M, 第九条): lists, the progress the providers
// subgraph asks for before completing an exit, the two steps, and ProviderExit's view of them.
import { connectionFromArray, type ConnectionArgs } from '../../kit/connection';
import { inTransaction } from '../../kit/data-source';
import { todayInChina } from '../../kit/dates';
import { parseId } from '../../kit/ids';
import { regionField } from '../../kit/shared-resolvers';
import type { SystemMigrationEntity } from '../entities/system-migration.entity';
import type { ApplicationsContext } from '../loaders';
import { assertMigrationRole, isMigrationOverdue } from '../rules/exit-migration';
import type { DesignationPortFor } from '../services/designation-port';
import {
  SystemMigrationService,
  confirmMigrationDataClearance,
  recordSystemMigrated,
  type MigrationListArgs,
} from '../services/system-migration.service';

const byId = (migration: SystemMigrationEntity) => migration.id;

export const systemMigrationQueries = {
  systemMigrations: (_: unknown, args: MigrationListArgs, ctx: ApplicationsContext) =>
    new SystemMigrationService(ctx.dataSource, ctx.scope).list(args),

  exitMigrationProgress: (_: unknown, args: { exitId: string }, ctx: ApplicationsContext) =>
    ctx.loaders.migrationProgressByExitId.load(parseId(args.exitId, 'exitId')),
};

export function createSystemMigrationMutations(designationPortFor: DesignationPortFor) {
  return {
    recordSystemMigrated: (_: unknown, args: { id: string; version: number; targetProviderId: string }, ctx: ApplicationsContext) => {
      assertMigrationRole(ctx.principal.role, 'MIGRATE');
      const designations = designationPortFor(ctx.principal);
      return inTransaction(ctx.dataSource, (manager) => recordSystemMigrated(manager, ctx.principal, args, designations, todayInChina()));
    },

    confirmMigrationDataClearance: (_: unknown, args: { id: string; version: number }, ctx: ApplicationsContext) => {
      assertMigrationRole(ctx.principal.role, 'CLEAR_DATA');
      return inTransaction(ctx.dataSource, (manager) => confirmMigrationDataClearance(manager, ctx.principal, args, todayInChina()));
    },
  };
}

export const SystemMigration = {
  exit: (migration: SystemMigrationEntity) => ({ id: migration.exitId }),
  system: (migration: SystemMigrationEntity, _: unknown, ctx: ApplicationsContext) => ctx.loaders.systemById.load(migration.systemId),
  region: (migration: SystemMigrationEntity) => regionField(migration.regionCode),
  provider: (migration: SystemMigrationEntity) => ({ id: migration.providerId }),
  targetProvider: (migration: SystemMigrationEntity) => (migration.targetProviderId ? { id: migration.targetProviderId } : null),
  overdue: (migration: SystemMigrationEntity) => isMigrationOverdue(migration, todayInChina()),
};

/** The providers subgraph owns ProviderExit; here it gains its systems' migrations. */
export const ProviderExit = {
  __resolveReference: (reference: { id: string }) => ({ id: reference.id }),
  systemMigrations: async (exit: { id: string }, args: ConnectionArgs, ctx: ApplicationsContext) =>
    connectionFromArray(await ctx.loaders.migrationsByExitId.load(exit.id), args, byId),
  migrationProgress: (exit: { id: string }, _: unknown, ctx: ApplicationsContext) => ctx.loaders.migrationProgressByExitId.load(exit.id),
};

/** InformationSystem's migrations off exiting providers. */
export async function exitMigrationsOfSystem(system: { id: string }, args: ConnectionArgs, ctx: ApplicationsContext) {
  return connectionFromArray(await ctx.loaders.migrationsBySystemId.load(system.id), args, byId);
}
