// System migrations of provider exits (EXIT_TRANSITION_3M, 第九条): opened by the effect of an exit
// started in the providers subgraph; moved by the unit (or centre); data cleared by the exiting
// provider (or centre). The providers subgraph asks for the progress before completing the exit.
import { childConnectionLoader } from '../../kit/child-connection';
import { In, type DataSource, type EntityManager, type ObjectLiteral, type Repository, type SelectQueryBuilder } from 'typeorm';
import { paginateQuery, type Connection } from '../../kit/connection';
import { ForbiddenError } from '../../kit/errors';
import type { ExitMigrationProgress, OpenExitMigrationsPayload } from '../../contracts/exit-migrations';
import { requireUuid, wellFormedIds } from '../../kit/ids';
import type { LockTarget, MutationTransaction } from '../../kit/mutation';
import type { Scope } from '../../kit/principal';
import { applyScope, inScope } from '../../kit/scope-filter';
import { ExitNoticeEntity } from './exit-notice.entity';
import { SystemMigrationEntity } from './system-migration.entity';
import { assertDesignatedProvider } from '../lifecycle/designated-provider.rules';
import { assertMigrationStep, assertTargetProvider } from './system-migrations.rules';
import type { DesignationPort } from '../lifecycle/designation-port';
import { changeSystem } from '../systems/system-changes.service';
import { moveToNewHost, type HostChangePorts } from './host-change.service';
import type { RecordMigratedInput } from './host-change.inputs';
import { filterSystemMigrations } from './system-migration-list';
import type { QuerySystemMigrationsArgs } from '../generated/graphql';

const MIGRATION = '系统迁移任务';

/**
 * Opens one migration per system the provider hosts (not exempt, not retired), due at the end of
 * the transition; for an exit from one county, only that county's systems. Idempotent: a second
 * delivery finds the notice and changes nothing. A system has one open (PENDING) migration at a
 * time (system_migration_open_system_key): a city-wide exit that starts while a county exit of the
 * same provider is open leaves that county's systems on the migration they already have.
 */
export async function openExitMigrations(manager: EntityManager, payload: OpenExitMigrationsPayload): Promise<number> {
  const known = await manager.getRepository(ExitNoticeEntity).findOne({ where: { exitId: payload.exitId } });
  if (known) return known.systemCount;
  const inserted: Array<{ id: string }> = await manager.query(
    `INSERT INTO "applications"."system_migration"
       ("id", "exit_id", "system_id", "unit_id", "region_code", "provider_id", "due_on", "status", "created_at")
     SELECT gen_random_uuid(), $1, s.id, s.unit_id, s.region_code, s.provider_id, $3, 'PENDING', now()
       FROM "applications"."information_system" s
      WHERE s.provider_id = $2 AND s.deployment_mode <> 'EXEMPT' AND s.retired_on IS NULL
        AND ($4::varchar IS NULL OR s.region_code = $4)
        AND NOT EXISTS (
          SELECT 1 FROM "applications"."system_migration" m WHERE m.system_id = s.id AND m.status = 'PENDING'
        )
     ON CONFLICT DO NOTHING
     RETURNING id`,
    [payload.exitId, payload.providerId, payload.transitionEndsOn, payload.regionCode ?? null],
  );
  await manager
    .createQueryBuilder()
    .insert()
    .into(ExitNoticeEntity)
    .values({
      exitId: payload.exitId,
      providerId: payload.providerId,
      regionCode: payload.regionCode ?? null,
      transitionEndsOn: payload.transitionEndsOn,
      systemCount: inserted.length,
      receivedAt: new Date(),
    })
    .orIgnore()
    .execute();
  return inserted.length;
}

/**
 * The exit of `providerId` that reaches an application of `regionCode`, as this subgraph heard of
 * it: city-wide, or of that county; the earliest heard if several. Null when none has been heard.
 */
export async function exitHeardOf(manager: EntityManager, providerId: string, regionCode: string): Promise<ExitNoticeEntity | null> {
  return manager
    .getRepository(ExitNoticeEntity)
    .createQueryBuilder('notice')
    .where('notice.provider_id = :providerId', { providerId })
    .andWhere('(notice.region_code IS NULL OR notice.region_code = :regionCode)', { regionCode })
    .orderBy('notice.received_at', 'ASC')
    .limit(1)
    .getOne();
}

/** A unit its own systems' migrations, a county its county's, a provider those off or onto its platform. */
export function scopeMigrations<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, scope: Scope, alias: string): SelectQueryBuilder<T> {
  if (scope.kind !== 'PROVIDER') return applyScope(query, scope, alias, { region: 'region_code', unit: 'unit_id' });
  return query.andWhere(`(${alias}.provider_id = :scopeProvider OR ${alias}.target_provider_id = :scopeProvider)`, {
    scopeProvider: scope.providerId,
  });
}

function migrationInScope(scope: Scope, migration: SystemMigrationEntity): boolean {
  return inScope(scope, migration) || (scope.kind === 'PROVIDER' && migration.targetProviderId === scope.providerId);
}

/** Reads system migrations within one principal's scope. */
export class SystemMigrationService {
  private readonly repository: Repository<SystemMigrationEntity>;
  private readonly notices: Repository<ExitNoticeEntity>;

  constructor(
    dataSource: DataSource,
    private readonly scope: Scope,
  ) {
    this.repository = dataSource.getRepository(SystemMigrationEntity);
    this.notices = dataSource.getRepository(ExitNoticeEntity);
  }

  private scoped() {
    return scopeMigrations(this.repository.createQueryBuilder('migration'), this.scope, 'migration');
  }

  list(args: QuerySystemMigrationsArgs): Promise<Connection<SystemMigrationEntity>> {
    const query = this.scoped();
    if (args.exitId != null) query.andWhere('migration.exit_id = :exitId', { exitId: requireUuid(args.exitId, 'exitId') });
    if (args.providerId != null)
      query.andWhere('migration.provider_id = :providerId', { providerId: requireUuid(args.providerId, 'providerId') });
    if (args.status != null) query.andWhere('migration.status = :status', { status: args.status });
    if (args.filter != null) filterSystemMigrations(query, args.filter);
    return paginateQuery(query, args, { alias: 'migration', sortColumn: 'id', sortValueOf: (migration) => migration.id });
  }

  /** Pages of the migrations of many exits (`exit_id`) or systems (`system_id`) by id: one statement a batch (kit/child-connection.ts). */
  childPages(parentColumn: 'exit_id' | 'system_id') {
    return childConnectionLoader({
      query: () => this.scoped(),
      alias: 'migration',
      parentColumn,
      parentOf: (migration) => (parentColumn === 'exit_id' ? migration.exitId : migration.systemId),
      sortExpression: 'migration.id::text',
      sortValueOf: (migration) => migration.id,
    });
  }

  /**
   * How far each exit's migrations are, counted within the caller's scope: the bureau and the
   * centre (who complete exits) see them all. Two statements for any number of exits; in key order.
   */
  async progressByExitIds(exitIds: readonly string[]): Promise<ExitMigrationProgress[]> {
    const valid = wellFormedIds(exitIds);
    if (valid.length === 0) return exitIds.map(() => NOT_OPENED);
    const counts = await this.scoped()
      .select('migration.exit_id', 'exitId')
      .addSelect('COUNT(*)::int', 'total')
      .addSelect(`COUNT(*) FILTER (WHERE migration.status <> 'CLEARED')::int`, 'pending')
      .andWhere('migration.exit_id = ANY(:exitIds)', { exitIds: valid })
      .groupBy('migration.exit_id')
      .getRawMany<{ exitId: string; total: number; pending: number }>();
    const notices = await this.notices.find({ select: { exitId: true }, where: { exitId: In(valid) } });
    const opened = new Set(notices.map((notice) => notice.exitId));
    const byExit = new Map(counts.map((row) => [row.exitId, row]));
    return exitIds.map((exitId) => {
      if (!opened.has(exitId)) return NOT_OPENED;
      const row = byExit.get(exitId);
      return { opened: true, total: row?.total ?? 0, pending: row?.pending ?? 0 };
    });
  }
}

const NOT_OPENED: ExitMigrationProgress = { opened: false, total: 0, pending: 0 };

/**
 * The migration a step acts on, for the mutation pipeline to lock at the caller's version; one the
 * caller's scope does not reach answers NOT_FOUND, like a missing one.
 */
export function migrationTarget(target: { id: string; version: number }, scope: Scope): LockTarget<SystemMigrationEntity> {
  return {
    entity: SystemMigrationEntity,
    id: target.id,
    what: MIGRATION,
    version: target.version,
    visible: (migration) => migrationInScope(scope, migration),
  };
}

/**
 * The system now runs on the receiving provider from `input.migratedOn`: a designated provider at
 * the system's level (DESIGNATED_PROVIDER), with the lines priced on its catalog, the security
 * agreement signed and the platform level met (host-change.service.ts), all checked before any write.
 */
export async function recordSystemMigrated(
  tx: MutationTransaction,
  migration: SystemMigrationEntity,
  input: RecordMigratedInput,
  ports: HostChangePorts & { designations: DesignationPort },
): Promise<SystemMigrationEntity> {
  const { manager, today } = tx;
  const { targetProviderId } = input;
  assertMigrationStep(migration.status, 'MIGRATE');
  assertTargetProvider(targetProviderId, migration.providerId);
  assertDesignatedProvider(await ports.designations.designationOf(targetProviderId, migration.regionCode), migration.regionCode, today);
  await moveToNewHost(tx, migration, input, ports);
  await changeSystem(manager, migration.systemId, { providerId: targetProviderId });
  tx.touched(migration.systemId);
  return save(manager, migration, {
    status: 'MIGRATED',
    targetProviderId,
    migratedOn: input.migratedOn,
    migratedBy: tx.principal.subject,
  });
}

/** The exiting provider (or the centre) confirms the system's data is cleared from the old platform. */
export async function confirmMigrationDataClearance(
  tx: MutationTransaction,
  migration: SystemMigrationEntity,
): Promise<SystemMigrationEntity> {
  const { principal } = tx;
  // The provider the system moved to sees the migration too, but the data is the exiting one's to clear.
  if (principal.role === 'PROVIDER' && migration.providerId !== principal.providerId) throw new ForbiddenError();
  assertMigrationStep(migration.status, 'CLEAR_DATA');
  return save(tx.manager, migration, { status: 'CLEARED', dataClearedOn: tx.today, dataClearedBy: principal.subject });
}

async function save(
  manager: EntityManager,
  migration: SystemMigrationEntity,
  patch: Partial<SystemMigrationEntity>,
): Promise<SystemMigrationEntity> {
  const next = { ...patch, version: migration.version + 1 };
  await manager.getRepository(SystemMigrationEntity).update({ id: migration.id }, next);
  return Object.assign(migration, next);
}
