// UNIT_PERFORMANCE (第二十六条): the bureau runs a year's evaluation of every unit, may adjust a
// unit's result with a reason, then publishes the year. A run is a constant number of statements
// whatever the number of units, all in the mutation's one transaction: one aggregate over the
// replica and the daily roll-ups, one request to the security subgraph, two to applications (the
// units' names, their systems off the cloud — ON_CLOUD, 第三条), then the evaluation's
// upsert, the drafts' delete and one INSERT of every result.
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { NotFoundError, RuleViolationError } from '../../kit/errors';
import { assertPublishable } from './unit-performance.rules';
import { requireUuid } from '../../kit/ids';
import type { Principal } from '../../kit/principal';
import type { AdjustUnitPerformanceResultInput } from '../generated/graphql';
import { UnitPerformanceEvaluationEntity } from './unit-performance-evaluation.entity';
import { UnitPerformanceResultEntity } from './unit-performance-result.entity';
import type { UnitDirectoryEntry, UnitDirectoryPort } from './unit-directory.port';
import type { UnitOffCloudEntry, UnitOffCloudPort } from './unit-off-cloud.port';
import type { UnitSecurityPort } from './unit-security.port';

export const UNIT_PERFORMANCE_RESULT = '使用单位绩效评价结果';

/** What a run asks other subgraphs: security figures, the units' codes and names, and their systems off the cloud. */
export interface UnitPerformancePorts {
  security: UnitSecurityPort;
  directory: UnitDirectoryPort;
  offCloud: UnitOffCloudPort;
}
import {
  IDLE_CPU_P95_BELOW_PERCENT,
  IDLE_NETWORK_P95_BELOW_PERCENT,
  UNDER_USED_CPU_AVG_BELOW_PERCENT,
  UNDER_USED_MEMORY_AVG_BELOW_PERCENT,
  evaluationReferenceDate,
  NO_OFF_CLOUD_SYSTEMS,
  scoreUnit,
  type ResourceUseFigures,
  type SecurityFigures,
  parseAdjustment,
} from './unit-performance.rules';

/** A unit with systems in service during the year, and how those systems were used. */
export interface UnitResourceRow extends ResourceUseFigures {
  unitId: string;
  regionCode: string;
  systems: number;
  evaluatedSystems: number;
}

const IDLE_DAY = `d.cpu_p95_percent < ${IDLE_CPU_P95_BELOW_PERCENT} AND d.network_p95_percent < ${IDLE_NETWORK_P95_BELOW_PERCENT}`;
const UNDER_USED_DAY = `d.cpu_avg_percent < ${UNDER_USED_CPU_AVG_BELOW_PERCENT} AND d.memory_avg_percent < ${UNDER_USED_MEMORY_AVG_BELOW_PERCENT}`;

/**
 * Every unit with a system in service at some time between 1 January and `referenceDate` (the
 * system facts replica), with its evaluated systems' monitored days in that window classified
 * idle or under-used; disaster-recovery and standby systems are counted but not evaluated.
 */
export async function unitResourceRows(
  manager: EntityManager | DataSource,
  year: number,
  referenceDate: string,
): Promise<UnitResourceRow[]> {
  const rows: Array<Record<string, string | number>> = await manager.query(
    `SELECT fact.unit_id::text AS "unitId", min(fact.region_code) AS "regionCode",
            count(*)::int AS "systems",
            count(*) FILTER (WHERE NOT (fact.is_disaster_recovery OR fact.is_standby))::int AS "evaluatedSystems",
            coalesce(sum(daily.days), 0)::int AS "systemDays",
            coalesce(sum(daily.idle_days), 0)::int AS "idleDays",
            coalesce(sum(daily.under_used_days), 0)::int AS "underUsedDays"
       FROM "supervision"."system_fact" fact
       LEFT JOIN (
         SELECT d.system_id, count(*) AS days,
                count(*) FILTER (WHERE ${IDLE_DAY}) AS idle_days,
                count(*) FILTER (WHERE NOT (${IDLE_DAY}) AND ${UNDER_USED_DAY}) AS under_used_days
           FROM "supervision"."monitoring_daily" d
          WHERE d.day BETWEEN CAST($1 AS date) AND CAST($2 AS date)
          GROUP BY d.system_id
       ) daily ON daily.system_id = fact.system_id AND NOT (fact.is_disaster_recovery OR fact.is_standby)
      WHERE fact.go_live_on IS NOT NULL AND fact.go_live_on <= CAST($2 AS date)
        AND (fact.retired_on IS NULL OR fact.retired_on >= CAST($1 AS date))
      GROUP BY fact.unit_id
      ORDER BY fact.unit_id`,
    [`${year}-01-01`, referenceDate],
  );
  return rows.map((row) => ({
    unitId: String(row.unitId),
    regionCode: String(row.regionCode),
    systems: Number(row.systems),
    evaluatedSystems: Number(row.evaluatedSystems),
    systemDays: Number(row.systemDays),
    idleDays: Number(row.idleDays),
    underUsedDays: Number(row.underUsedDays),
  }));
}

/**
 * The units in service, and also every unit with systems still off the cloud (ON_CLOUD, 第三条) —
 * one with none on the cloud at all is exactly the unit the evaluation must not leave out — in unit order.
 */
export function withOffCloudUnits(units: readonly UnitResourceRow[], offCloud: ReadonlyMap<string, UnitOffCloudEntry>): UnitResourceRow[] {
  const known = new Set(units.map((unit) => unit.unitId));
  const offCloudOnly = [...offCloud]
    .filter(([unitId]) => !known.has(unitId))
    .map(([unitId, entry]) => ({
      unitId,
      regionCode: entry.regionCode,
      systems: 0,
      evaluatedSystems: 0,
      systemDays: 0,
      idleDays: 0,
      underUsedDays: 0,
    }));
  return [...units, ...offCloudOnly].sort((a, b) => (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0));
}

/** The scored results of a year, one per unit, not yet published. */
export function scoredResults(
  evaluationId: string,
  year: number,
  units: readonly UnitResourceRow[],
  security: ReadonlyMap<string, SecurityFigures>,
  directory: ReadonlyMap<string, UnitDirectoryEntry>,
  offCloud: ReadonlyMap<string, UnitOffCloudEntry>,
  idOf: (unitId: string) => string = () => randomUUID(),
): UnitPerformanceResultEntity[] {
  return units.map((unit) => {
    const figures = security.get(unit.unitId);
    if (!figures) throw new Error(`no security figures for unit ${unit.unitId}`);
    const names = directory.get(unit.unitId);
    if (!names) throw new Error(`no code and name for unit ${unit.unitId}`);
    const entry = offCloud.get(unit.unitId) ?? NO_OFF_CLOUD_SYSTEMS;
    const offCloudFigures = { offCloudSystems: entry.offCloudSystems, overdueOffCloudSystems: entry.overdueOffCloudSystems };
    const scores = scoreUnit(unit, figures, offCloudFigures);
    return {
      id: idOf(unit.unitId),
      evaluationId,
      year,
      ...unit,
      ...names,
      ...figures,
      ...offCloudFigures,
      resourceUseScore: scores.resourceUseScore,
      securityScore: scores.securityScore,
      mlpsScore: scores.mlpsScore,
      offCloudDeduction: scores.offCloudDeduction,
      computedTotalScore: scores.totalScore,
      computedGrade: scores.grade,
      totalScore: scores.totalScore,
      grade: scores.grade,
      adjustmentReason: null,
      adjustedBy: null,
      adjustedAt: null,
      publishedAt: null,
    };
  });
}

/** Every result in ONE statement, however many units: the rows travel as one JSON array. */
export async function insertResults(manager: EntityManager, results: readonly UnitPerformanceResultEntity[]): Promise<void> {
  if (results.length === 0) return;
  const columns = manager.connection.getMetadata(UnitPerformanceResultEntity).columns;
  const names = columns.map((column) => `"${column.databaseName}"`).join(', ');
  const types = columns.map((column) => `"${column.databaseName}" ${column.type === 'varchar' ? 'text' : String(column.type)}`).join(', ');
  const rows = results.map((result) =>
    Object.fromEntries(
      columns.map((column) => [column.databaseName, (result as unknown as Record<string, unknown>)[column.propertyName] ?? null]),
    ),
  );
  await manager.query(
    `INSERT INTO "supervision"."unit_performance_result" (${names}) SELECT ${names} FROM jsonb_to_recordset($1::jsonb) AS r(${types})`,
    [JSON.stringify(rows)],
  );
}

const publishedRefusal = (year: number) =>
  new RuleViolationError('UNIT_PERFORMANCE', `${year} 年度使用单位绩效评价结果已发布，不再改变`, { year });

async function evaluationOfYear(
  manager: EntityManager | DataSource,
  year: number,
): Promise<{ id: string; status: string; referenceDate: string } | null> {
  const [row] = await manager.query(
    `SELECT id::text, status, reference_date::text AS "referenceDate" FROM "supervision"."unit_performance_evaluation" WHERE year = $1`,
    [year],
  );
  return (row as { id: string; status: string; referenceDate: string } | undefined) ?? null;
}

/**
 * Runs (or runs again, while still a draft) the year's evaluation of every unit, in the mutation's
 * transaction. The security figures and the units' names are asked before the first write, so an
 * unreachable security or applications subgraph rolls back a transaction that wrote nothing.
 */
export async function runUnitPerformanceEvaluation(
  manager: EntityManager,
  principal: Principal,
  year: number,
  today: string,
  ports: UnitPerformancePorts,
): Promise<UnitPerformanceEvaluationEntity> {
  if ((await evaluationOfYear(manager, year))?.status === 'PUBLISHED') throw publishedRefusal(year);
  const referenceDate = evaluationReferenceDate(year, today);
  const offCloud = await ports.offCloud(principal, year);
  const units = withOffCloudUnits(await unitResourceRows(manager, year, referenceDate), offCloud);
  const unitIds = units.map((unit) => unit.unitId);
  const security = await ports.security(principal, unitIds, year);
  const directory = await ports.directory(principal, unitIds);
  // A draft is replaced whole (its adjustments with it: they were judgements on other figures).
  const [evaluation] = (await manager.query(
    `INSERT INTO "supervision"."unit_performance_evaluation" AS e
       (id, year, status, reference_date, unit_count, evaluated_at, evaluated_by)
     VALUES ($1, $2, 'DRAFT', $3, $4, now(), $5)
     ON CONFLICT (year) DO UPDATE SET reference_date = EXCLUDED.reference_date, unit_count = EXCLUDED.unit_count,
       evaluated_at = EXCLUDED.evaluated_at, evaluated_by = EXCLUDED.evaluated_by
     WHERE e.status = 'DRAFT'
     RETURNING e.id::text AS id`,
    [randomUUID(), year, referenceDate, units.length, principal.subject],
  )) as Array<{ id: string }>;
  if (!evaluation) throw publishedRefusal(year);
  await manager.query(`DELETE FROM "supervision"."unit_performance_result" WHERE evaluation_id = $1`, [evaluation.id]);
  await insertResults(manager, scoredResults(evaluation.id, year, units, security, directory, offCloud));
  return manager.getRepository(UnitPerformanceEvaluationEntity).findOneByOrFail({ id: evaluation.id });
}

/** The arguments of an adjustment, checked before anything is read (BAD_USER_INPUT). */
export function parseResultAdjustment(input: AdjustUnitPerformanceResultInput): { resultId: string } & ReturnType<typeof parseAdjustment> {
  return { resultId: requireUuid(input.resultId, 'resultId'), ...parseAdjustment(input) };
}

/** Adjusts one result (locked by the caller) while still a draft: a new total (grade by the bands) or a grade, with the reason. */
export async function adjustUnitPerformanceResult(
  manager: EntityManager,
  principal: Principal,
  result: UnitPerformanceResultEntity,
  adjustment: ReturnType<typeof parseAdjustment>,
): Promise<UnitPerformanceResultEntity> {
  if (result.publishedAt) throw publishedRefusal(result.year);
  await manager
    .createQueryBuilder()
    .update(UnitPerformanceResultEntity)
    .set({
      totalScore: adjustment.totalScore === null ? () => 'computed_total_score' : adjustment.totalScore,
      grade: adjustment.grade,
      adjustmentReason: adjustment.reason,
      adjustedBy: principal.subject,
      adjustedAt: () => 'now()',
    })
    .where('id = :id', { id: result.id })
    .execute();
  return manager.getRepository(UnitPerformanceResultEntity).findOneByOrFail({ id: result.id });
}

/** Publishes the year's draft: from now on every unit reads every unit's result, and nothing changes it. */
export async function publishUnitPerformanceEvaluation(
  manager: EntityManager,
  principal: Principal,
  year: number,
  today: string,
): Promise<UnitPerformanceEvaluationEntity> {
  const draft = await evaluationOfYear(manager, year);
  if (draft?.status === 'DRAFT') assertPublishable(year, draft.referenceDate, today);
  // UPDATE … RETURNING answers [rows, affected count].
  const [published] = (await manager.query(
    `UPDATE "supervision"."unit_performance_evaluation"
        SET status = 'PUBLISHED', published_at = now(), published_by = $2
      WHERE year = $1 AND status = 'DRAFT'
      RETURNING id::text AS id`,
    [year, principal.subject],
  )) as [Array<{ id: string }>, number];
  const id = published[0]?.id;
  if (!id) {
    if (await evaluationOfYear(manager, year)) throw publishedRefusal(year);
    throw new NotFoundError(`${year} 年度使用单位绩效评价`);
  }
  await manager.query(
    `UPDATE "supervision"."unit_performance_result" r SET published_at = e.published_at
       FROM "supervision"."unit_performance_evaluation" e WHERE e.id = $1 AND r.evaluation_id = e.id`,
    [id],
  );
  return manager.getRepository(UnitPerformanceEvaluationEntity).findOneByOrFail({ id });
}
