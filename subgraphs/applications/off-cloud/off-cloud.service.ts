// Existing systems still off the cloud (第三条, ON_CLOUD): the registry's reads within one scope, the
// per-unit figures the unit performance evaluation asks for (第二十六条), and the writes of each verb.
import { randomUUID } from 'node:crypto';
import { childConnectionLoader, instantSortText } from '../../kit/child-connection';
import type { DataSource, EntityManager, ObjectLiteral, Repository, SelectQueryBuilder } from 'typeorm';
import { paginateNewestFirst, type Connection } from '../../kit/connection';
import { NotFoundError } from '../../kit/errors';
import { requireRegionCode, requireUuid } from '../../kit/ids';
import { fetchByIds } from '../../kit/loader-helpers';
import type { LockTarget, MutationTransaction } from '../../kit/mutation';
import { Role, type Scope } from '../../kit/principal';
import { applyScope, inScope } from '../../kit/scope-filter';
import { formatInstant } from '../../kit/instants';
import type { QueryOffCloudSystemsArgs } from '../generated/graphql';
import { ApplicationEntity } from '../lifecycle/application.entity';
import { InformationSystemEntity } from '../systems/information-system.entity';
import { registeringUnit } from '../units/registering-unit';
import { OffCloudSystemEntity } from './off-cloud-system.entity';
import { registrationClaim, type ParsedRegistration } from './off-cloud.inputs';
import {
  assertClaimable,
  assertDecidable,
  assertMayReplan,
  assertMovedOn,
  assertNotMoved,
  assertPlannable,
  assertReplacement,
  assertTargetAhead,
  overdueCondition,
  statusAfterRefusal,
} from './off-cloud.rules';

export const OFF_CLOUD_SYSTEM = '未上云系统';

/** A new registration's fields: no decision on an exemption yet, not moved. */
export const UNDECIDED_NOT_MOVED = {
  exemptionDecision: null,
  exemptionDecisionReason: null,
  exemptionDecidedOn: null,
  exemptionDecidedBy: null,
  movedOn: null,
  replacementSystemId: null,
  replacementApplicationId: null,
} as const satisfies Partial<OffCloudSystemEntity>;

/** Bureau, centre and the other city roles see the city; a county its county; a unit its own; a provider none. */
export function scopeOffCloud<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, scope: Scope, alias: string): SelectQueryBuilder<T> {
  return applyScope(query, scope, alias, { region: 'region_code', unit: 'unit_id' });
}

export interface OffCloudUnitFigures {
  unitId: string;
  regionCode: string;
  referenceDate: string;
  offCloudSystems: number;
  overdueSystems: number;
}

export class OffCloudService {
  private readonly rows: Repository<OffCloudSystemEntity>;

  constructor(
    dataSource: DataSource,
    private readonly scope: Scope,
  ) {
    this.rows = dataSource.getRepository(OffCloudSystemEntity);
  }

  private scoped() {
    return scopeOffCloud(this.rows.createQueryBuilder('off_cloud'), this.scope, 'off_cloud');
  }

  /** Newest registration first; `overdue` against the project clock (`today`). */
  list(args: QueryOffCloudSystemsArgs, today: string): Promise<Connection<OffCloudSystemEntity>> {
    const query = this.scoped();
    const filter = args.filter ?? {};
    if (filter.regionCode != null) query.andWhere('off_cloud.region_code = :region', { region: requireRegionCode(filter.regionCode) });
    if (filter.unitId != null) query.andWhere('off_cloud.unit_id = :unit', { unit: requireUuid(filter.unitId, 'unitId') });
    if (filter.status != null) query.andWhere('off_cloud.status = :status', { status: filter.status });
    if (filter.overdue != null) query.andWhere(`${filter.overdue ? '' : 'NOT '}${overdueCondition('off_cloud')}`, { today });
    return paginateNewestFirst(query, args, {
      alias: 'off_cloud',
      sortColumn: 'registered_at',
      sortType: 'timestamptz',
      sortValueOf: (row) => formatInstant(row.registeredAt),
    });
  }

  byIds(ids: readonly string[]): Promise<OffCloudSystemEntity[]> {
    return fetchByIds(this.scoped(), 'off_cloud.id', ids);
  }

  /** Pages of many units' registrations, newest first like the list: one statement a batch (kit/child-connection.ts). */
  pagesByUnit() {
    return childConnectionLoader({
      query: () => this.scoped(),
      alias: 'off_cloud',
      parentColumn: 'unit_id',
      parentOf: (row) => row.unitId,
      sortExpression: instantSortText('off_cloud.registered_at'),
      sortValueOf: (row) => row.registeredAt.toISOString(),
      direction: 'DESC',
    });
  }
}

/**
 * Per unit, as of `referenceDate`: the systems registered by then that had neither moved nor been
 * exempted by then, and of those the ones whose plan's target day had passed. One statement, city-wide.
 */
export async function offCloudUnitFigures(manager: EntityManager | DataSource, referenceDate: string): Promise<OffCloudUnitFigures[]> {
  const rows: Array<{ unitId: string; regionCode: string; offCloudSystems: number; overdueSystems: number }> = await manager.query(
    `SELECT o.unit_id::text AS "unitId", min(o.region_code) AS "regionCode",
            count(*)::int AS "offCloudSystems",
            count(*) FILTER (WHERE o.migration_target_on < CAST($1 AS date))::int AS "overdueSystems"
       FROM "applications"."off_cloud_system" o
      WHERE o.registered_on <= CAST($1 AS date)
        AND (o.moved_on IS NULL OR o.moved_on > CAST($1 AS date))
        AND NOT coalesce(o.exemption_decision = 'ACCEPTED' AND o.exemption_decided_on <= CAST($1 AS date), false)
      GROUP BY o.unit_id
      ORDER BY o.unit_id`,
    [referenceDate],
  );
  return rows.map((row) => ({ ...row, referenceDate }));
}

/** The record a verb acts on, locked at the caller's version; one outside the scope answers NOT_FOUND. */
export function offCloudTarget(id: string, version: number, scope: Scope): LockTarget<OffCloudSystemEntity> {
  return { entity: OffCloudSystemEntity, id, what: OFF_CLOUD_SYSTEM, version, visible: (row) => inScope(scope, row) };
}

export async function registerOffCloudSystem(tx: MutationTransaction, input: ParsedRegistration): Promise<OffCloudSystemEntity> {
  const unit = await registeringUnit(tx, input.unitId);
  const legalBasis = registrationClaim(input);
  if (input.targetOn !== null) assertTargetAhead(input.targetOn, tx.today);
  const row: OffCloudSystemEntity = {
    id: randomUUID(),
    unitId: unit.id,
    regionCode: unit.regionCode,
    name: input.name,
    description: input.description,
    currentLocation: input.currentLocation,
    status: legalBasis !== null ? 'EXEMPTION_CLAIMED' : 'PLANNED',
    migrationTargetOn: input.targetOn,
    migrationPlan: input.plan,
    exemptionLegalBasis: legalBasis,
    exemptionClaimedOn: legalBasis !== null ? tx.today : null,
    ...UNDECIDED_NOT_MOVED,
    registeredOn: tx.today,
    registeredAt: new Date(),
    registeredBy: tx.principal.subject,
    version: 1,
  };
  await tx.manager.getRepository(OffCloudSystemEntity).insert(row);
  tx.touched(unit.id);
  return row;
}

async function save(
  tx: MutationTransaction,
  row: OffCloudSystemEntity,
  change: Partial<OffCloudSystemEntity>,
): Promise<OffCloudSystemEntity> {
  const next = { ...change, version: row.version + 1 };
  await tx.manager.getRepository(OffCloudSystemEntity).update({ id: row.id }, next);
  return Object.assign(row, next);
}

export function setMigrationPlan(
  tx: MutationTransaction,
  row: OffCloudSystemEntity,
  plan: { targetOn: string; plan: string | null },
): Promise<OffCloudSystemEntity> {
  assertPlannable(row.status);
  assertMayReplan(row, tx.today, tx.principal.role === Role.USER_UNIT);
  assertTargetAhead(plan.targetOn, tx.today);
  return save(tx, row, {
    migrationTargetOn: plan.targetOn,
    migrationPlan: plan.plan,
    status: row.status === 'UNPLANNED' ? 'PLANNED' : row.status,
  });
}

/** A new claim replaces a refused one: its basis, its day, and no decision yet. */
export function claimExemption(tx: MutationTransaction, row: OffCloudSystemEntity, legalBasis: string): Promise<OffCloudSystemEntity> {
  assertClaimable(row.status);
  return save(tx, row, {
    status: 'EXEMPTION_CLAIMED',
    exemptionLegalBasis: legalBasis,
    exemptionClaimedOn: tx.today,
    exemptionDecision: null,
    exemptionDecisionReason: null,
    exemptionDecidedOn: null,
    exemptionDecidedBy: null,
  });
}

export function decideExemption(
  tx: MutationTransaction,
  row: OffCloudSystemEntity,
  decision: { accept: boolean; reason: string | null },
): Promise<OffCloudSystemEntity> {
  assertDecidable(row.status);
  return save(tx, row, {
    status: decision.accept ? 'EXEMPT' : statusAfterRefusal(row.migrationTargetOn),
    exemptionDecision: decision.accept ? 'ACCEPTED' : 'REFUSED',
    exemptionDecisionReason: decision.reason,
    exemptionDecidedOn: tx.today,
    exemptionDecidedBy: tx.principal.subject,
  });
}

/** The replacing system: named, or the system of the named application; outside the scope it is NOT_FOUND. */
async function replacementOf(
  tx: MutationTransaction,
  move: { systemId: string | null; applicationId: string | null },
): Promise<{ system: InformationSystemEntity; applicationId: string | null }> {
  let systemId = move.systemId;
  if (move.applicationId !== null) {
    const application = await tx.manager.getRepository(ApplicationEntity).findOneBy({ id: move.applicationId });
    if (!application || !inScope(tx.scope, application)) throw new NotFoundError('上云申请');
    systemId = application.systemId;
  }
  const system = await tx.manager.getRepository(InformationSystemEntity).findOneBy({ id: systemId! });
  if (!system || !inScope(tx.scope, system)) throw new NotFoundError('政务信息系统');
  return { system, applicationId: move.applicationId };
}

export async function recordMoved(
  tx: MutationTransaction,
  row: OffCloudSystemEntity,
  move: { systemId: string | null; applicationId: string | null; movedOn: string },
): Promise<OffCloudSystemEntity> {
  assertNotMoved(row.status);
  assertMovedOn(move.movedOn, row.registeredOn, tx.today);
  const { system, applicationId } = await replacementOf(tx, move);
  assertReplacement(row.unitId, system);
  tx.touched(system.id, applicationId);
  return save(tx, row, { status: 'MOVED', movedOn: move.movedOn, replacementSystemId: system.id, replacementApplicationId: applicationId });
}
