// The utilisation lists (flaggedSystems, leastUsedSystems; 第十六条、第二十五条) paged in SQL (issue
// 14): the aggregate row of every system in the list's scope is flagged and scored in the same
// statement, which keeps the page after the cursor (first + 1 rows) and the list's count. The SQL
// flag and score restate utilisation.rules.ts (utilisationFlag, usageScore) over figures rounded to
// two places in SQL, so the rule in TypeScript, applied to the rows, gives the same flag
// (test/integration/supervision/utilisation-pages.test.ts compares them for every system).
import {
  cursorList,
  decodeCursor,
  encodeCursor,
  pageConnection,
  pageSize,
  type Connection,
  type ConnectionArgs,
} from '../../kit/connection';
import type { UtilisationFlag } from '../generated/graphql';
import {
  AGGREGATES,
  evaluationOf,
  type AggregateRow,
  type UtilisationEvaluation,
  type UtilisationEvaluationService,
  type UtilisationListFilter,
} from './utilisation-evaluation.service';
import type { UtilisationPeriod, UtilisationThresholds } from './utilisation.rules';

/** The flagged systems' cursors: by usage score as text. */
const UTILISATION_FLAGGED_LIST = cursorList('utilisation-flagged|score|ASC');

const METRICS = ['cpu', 'memory', 'network'] as const;

/** utilisationFlag in SQL over the rounded row `r`; `$n` placeholders from `parameter`. */
function flagSql(thresholds: UtilisationThresholds, parameter: (value: number) => string): string {
  const figures = METRICS.flatMap((metric) => ['avg', 'p95', 'peak'].map((part) => `r.${metric}_${part} IS NULL`)).join(' OR ');
  return `CASE
    WHEN r.is_disaster_recovery OR r.is_standby THEN 'EXCLUDED'
    WHEN r.days_with_data::int < ${parameter(thresholds.minDaysWithData)} OR ${figures} THEN 'NO_DATA'
    WHEN r.cpu_p95 < ${parameter(thresholds.idleCpuP95Percent)} AND r.network_p95 < ${parameter(thresholds.idleNetworkP95Percent)} THEN 'IDLE'
    WHEN r.cpu_avg < ${parameter(thresholds.underUsedCpuAvgPercent)} AND r.memory_avg < ${parameter(thresholds.underUsedMemoryAvgPercent)} THEN 'UNDER_USED'
    ELSE 'NORMAL' END`;
}

/** The cursor's sort text: usageScore as `byUsageScore` printed it ("012.50"); no score sorts last ("~"). */
const SCORE_TEXT = `coalesce(lpad(to_char(round((r.cpu_avg + r.memory_avg + r.network_avg) / 3, 2), 'FM990.00'), 6, '0'), '~')`;

export function scoreText(evaluation: UtilisationEvaluation): string {
  return evaluation.usageScore === null ? '~' : evaluation.usageScore.toFixed(2).padStart(6, '0');
}

/**
 * One page of the systems in `filter` (null: none) whose flag is one of `flags`, by usage score (then system
 * id): one statement, and a count only when a page after a cursor is empty.
 */
export async function pageUtilisation(
  service: UtilisationEvaluationService,
  period: UtilisationPeriod,
  filter: UtilisationListFilter | null,
  flags: readonly UtilisationFlag[],
  args: ConnectionArgs,
  thresholds: UtilisationThresholds,
): Promise<Connection<UtilisationEvaluation>> {
  const size = pageSize(args);
  const cursor = args.after ? decodeCursor(args.after, UTILISATION_FLAGGED_LIST) : null;
  const [inner, innerParameters] = service.listQuery(period, filter).getQueryAndParameters();
  const parameters: unknown[] = [...innerParameters];
  const parameter = (value: unknown) => `$${parameters.push(value)}`;
  const rounded = AGGREGATES.map(([alias]) =>
    alias === 'days_with_data' ? `agg.${alias}` : `round(agg.${alias}::numeric, 2) AS ${alias}`,
  );
  const listed = `
    SELECT e.*, count(*) OVER () AS list_total FROM (
      SELECT r.*, ${flagSql(thresholds, parameter)} AS list_flag, ${SCORE_TEXT} AS list_sort FROM (
        SELECT agg.system_id, agg.region_code, agg.provider_id, agg.is_disaster_recovery, agg.is_standby, ${rounded.join(', ')}
          FROM (${inner}) agg
      ) r
    ) e WHERE e.list_flag = ANY(${parameter(flags)})`;
  const listedParameters = parameters.length;
  const afterCursor = cursor
    ? `(l.list_sort COLLATE "C", l.system_id::text) > (${parameter(cursor[0])} COLLATE "C", ${parameter(cursor[1])})`
    : 'TRUE';
  const rows: Array<AggregateRow & { list_total: string }> = await service.manager.query(
    `SELECT l.* FROM (${listed}) l WHERE ${afterCursor} ORDER BY l.list_sort COLLATE "C", l.system_id::text LIMIT ${parameter(size + 1)}`,
    parameters,
  );
  const evaluations = rows.map((row) => evaluationOf(row, period, thresholds));
  const edges = evaluations
    .slice(0, size)
    .map((node) => ({ cursor: encodeCursor([scoreText(node), node.id], UTILISATION_FLAGGED_LIST), node }));
  const total = rows[0] ? Number(rows[0].list_total) : cursor ? undefined : 0;
  return pageConnection(
    edges,
    rows.length,
    size,
    Boolean(cursor),
    total ?? (() => countListed(service, listed, parameters.slice(0, listedParameters))),
  );
}

async function countListed(service: UtilisationEvaluationService, listed: string, parameters: unknown[]): Promise<number> {
  const [row]: Array<{ n: number }> = await service.manager.query(`SELECT count(*)::int AS n FROM (${listed}) l`, parameters);
  return row?.n ?? 0;
}
