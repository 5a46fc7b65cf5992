// System migrations of provider exits (EXIT_TRANSITION_3M, 第九条): lists, the progress the providers
// subgraph asks for before completing an exit, the two steps, and ProviderExit's view of them.
import { childPage } from '../../kit/child-connection';
import { todayInChina } from '../../kit/dates';
import { parseId } from '../../kit/ids';
import { mutation } from '../../kit/mutation';
import { regionField } from '../../kit/shared-resolvers';
import type {
  InformationSystemResolvers,
  MutationConfirmMigrationDataClearanceArgs,
  MutationRecordSystemMigratedArgs,
  MutationResolvers,
  ProviderExitResolvers,
  QueryResolvers,
  Resolvers,
  SystemMigrationResolvers,
} from '../generated/graphql';
import type { SystemMigrationEntity } from './system-migration.entity';
import type { ApplicationsContext } from '../loaders';
import { isMigrationOverdue, MIGRATION_STEP_ROLES } from './system-migrations.rules';
import type { DesignationPortFor } from '../lifecycle/designation-port';
import type { SecurityAgreementPortFor } from '../lifecycle/security-agreement-port';
import type { MlpsPlatformPortFor } from '../lifecycle/mlps-platform-port';
import type { ProviderCatalogPort } from '../lifecycle/catalog-port';
import type { Principal } from '../../kit/principal';
import { parseRecordMigrated, type RecordMigratedInput } from './host-change.inputs';
import { SystemMigrationService, confirmMigrationDataClearance, migrationTarget, recordSystemMigrated } from './system-migration.service';

/** The providers subgraph owns ProviderExit; this one knows it by id. */
export interface ExitReference {
  id: string;
}

const systemMigrationQueries = {
  systemMigrations: (_, args, ctx) => new SystemMigrationService(ctx.dataSource, ctx.scope).list(args),

  exitMigrationProgress: (_, args, ctx) => ctx.loaders.migrationProgressByExitId.load(parseId(args.exitId, 'exitId')),
} satisfies QueryResolvers;

/**
 * What recording a migration asks, per request: DESIGNATED_PROVIDER of providers, SECURITY_AGREEMENT
 * and MLPS_PLATFORM_LEVEL of security, the caps (CATALOG_CAP, CAP_LOWERS) of this subgraph's replica.
 */
export interface SystemMigrationPorts {
  designationPortFor: DesignationPortFor;
  securityAgreementPortFor: SecurityAgreementPortFor;
  mlpsPlatformPortFor: MlpsPlatformPortFor;
  catalogPortFor: (principal: Principal) => ProviderCatalogPort;
}

/** The two steps of a migration, through the pipeline: roles of the step, the migration locked at the caller's version. */
export function createSystemMigrationMutations(ports: SystemMigrationPorts) {
  return {
    recordSystemMigrated: mutation<
      ApplicationsContext,
      MutationRecordSystemMigratedArgs,
      RecordMigratedInput,
      SystemMigrationEntity,
      SystemMigrationEntity
    >({
      roles: MIGRATION_STEP_ROLES.MIGRATE,
      input: parseRecordMigrated,
      targets: (input) => [input.id, input.targetProviderId],
      lock: (input, ctx) => migrationTarget(input, ctx.scope),
      run: (tx, input, migration) =>
        recordSystemMigrated(tx, migration, input, {
          designations: ports.designationPortFor(tx.principal),
          securityAgreements: ports.securityAgreementPortFor(tx.principal),
          platformLevels: ports.mlpsPlatformPortFor(tx.principal),
          catalog: ports.catalogPortFor(tx.principal),
        }),
    }),

    confirmMigrationDataClearance: mutation<
      ApplicationsContext,
      MutationConfirmMigrationDataClearanceArgs,
      MutationConfirmMigrationDataClearanceArgs,
      SystemMigrationEntity,
      SystemMigrationEntity
    >({
      roles: MIGRATION_STEP_ROLES.CLEAR_DATA,
      targets: (input) => [input.id],
      lock: (input, ctx) => migrationTarget(input, ctx.scope),
      run: (tx, _input, migration) => confirmMigrationDataClearance(tx, migration),
    }),
  } satisfies MutationResolvers;
}

const SystemMigration = {
  exit: (migration) => ({ id: migration.exitId }),
  system: (migration, _, ctx) => ctx.loaders.systemById.load(migration.systemId),
  region: (migration) => regionField(migration.regionCode)!,
  provider: (migration) => ({ id: migration.providerId }),
  targetProvider: (migration) => (migration.targetProviderId ? { id: migration.targetProviderId } : null),
  overdue: (migration) => isMigrationOverdue(migration, todayInChina()),
} satisfies SystemMigrationResolvers;

/** The providers subgraph owns ProviderExit; here it gains its systems' migrations. */
const ProviderExit = {
  __resolveReference: (reference): ExitReference => ({ id: reference.id }),
  systemMigrations: (exit, args, ctx) => ctx.loaders.migrationPagesByExitId.load(childPage(exit.id, args)),
  migrationProgress: (exit, _, ctx) => ctx.loaders.migrationProgressByExitId.load(exit.id),
} satisfies ProviderExitResolvers;

/** InformationSystem's migrations off exiting providers. */
const InformationSystem = {
  exitMigrations: (system, args, ctx) => ctx.loaders.migrationPagesBySystemId.load(childPage(system.id, args)),
} satisfies InformationSystemResolvers;

/** The feature's resolver map; recording a migration asks providers, security and the caps replica (SystemMigrationPorts). */
export function createSystemMigrationsResolvers(ports: SystemMigrationPorts) {
  return {
    Query: systemMigrationQueries,
    Mutation: createSystemMigrationMutations(ports),
    SystemMigration,
    ProviderExit,
    InformationSystem,
  } satisfies Resolvers;
}
