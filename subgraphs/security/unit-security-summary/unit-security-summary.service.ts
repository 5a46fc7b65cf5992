// Per-unit security figures (UNIT_PERFORMANCE, 第二十五条、第二十六条) and the analysts' list of units
// overdue on MLPS (MLPS_6M, 第二十二条): a constant number of statements whatever the number of units,
// one per table, each within the principal's scope.
import type { DataSource } from 'typeorm';
import {
  cursorList,
  decodeCursor,
  encodeCursor,
  pageConnection,
  pageSize,
  readPage,
  type ConnectionArgs,
  type PageInfo,
} from '../../kit/connection';
import { addDays, daysBetween } from '../../kit/dates';
import { BadUserInputError } from '../../kit/errors';
import { isUuid, wellFormedIds } from '../../kit/ids';
import type { Scope } from '../../kit/principal';
import { SystemFactEntity } from '../../contracts/system-fact.entity';
import { AccessRecordEntity } from '../access/access-record.entity';
import { InspectionFindingEntity } from '../inspections/inspection-finding.entity';
import { MlpsRecordEntity } from '../mlps/mlps-record.entity';
import { MAX_SUMMARY_UNITS, SERIOUS_INCIDENT_SEVERITIES, summaryReferenceDate } from './unit-security-summary.rules';
import { NEXT_DUE_SQL } from '../mlps/mlps-overdue.service';
import { filterMlpsOverdue } from '../mlps/mlps-overdue-list';
import type { MlpsOverdueFilter } from '../generated/graphql';
import { scopeSecurityRows } from '../security-scope';

/** The overdue units' cursors: most overdue systems first. */
const OVERDUE_UNITS_LIST = cursorList('mlps-overdue-units|count|DESC');

export interface UnitSecuritySummaryRow {
  unitId: string;
  year: number;
  referenceDate: string;
  liveSystems: number;
  mlpsOverdueSystems: number;
  openRectifications: number;
  overdueRectifications: number;
  accessViolations: number;
  incidents: number;
  seriousIncidents: number;
}

export interface MlpsOverdueUnitEdgeRow {
  cursor: string;
  node: { id: string };
  regionCode: string;
  overdueSystems: number;
  oldestDueOn: string;
  longestDaysOverdue: number;
}

export interface MlpsOverdueUnitConnectionRow {
  edges: MlpsOverdueUnitEdgeRow[];
  pageInfo: PageInfo;
  totalCount: () => Promise<number>;
}

type CountRow = { unitId: string } & Record<string, number | string>;

/** Live on the reference day: gone live by then and not retired by then. */
const LIVE_SQL = `fact.go_live_on IS NOT NULL AND fact.go_live_on <= CAST(:ref AS date) AND (fact.retired_on IS NULL OR fact.retired_on > CAST(:ref AS date))`;
const CHINA_DAY = (column: string) => `(${column} AT TIME ZONE 'Asia/Shanghai')::date`;
const chinaMidnight = (isoDate: string) => `${isoDate}T00:00:00+08:00`;

export class UnitSecuritySummaryService {
  /** `scope` null: the principal may see no security records. */
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: Scope | null,
  ) {}

  /**
   * The year's figures of each unit asked for, in the order asked, zeros where a unit has nothing.
   * Systems' MLPS state is as of the reference day (NEXT_DUE_SQL over the current records, as
   * mlpsOverdueSystems computes it); rectifications open and overdue as of that day; access
   * violations and incidents (reported by the unit or touching its systems) within the year.
   */
  async summaries(unitIds: readonly string[], year: number, today: string): Promise<UnitSecuritySummaryRow[]> {
    if (unitIds.length > MAX_SUMMARY_UNITS) throw new BadUserInputError(`一次最多查询 ${MAX_SUMMARY_UNITS} 个使用单位`, 'unitIds');
    if (unitIds.some((id) => !isUuid(id))) throw new BadUserInputError('使用单位标识 unitIds 须为 UUID', 'unitIds');
    const ids = wellFormedIds(unitIds);
    const ref = summaryReferenceDate(year, today);
    const window = { from: chinaMidnight(`${year}-01-01`), until: chinaMidnight(addDays(ref, 1)) };
    const [mlps, rectifications, violations, incidents] =
      ids.length === 0
        ? [[], [], [], []]
        : await Promise.all([
            this.mlps(ids, ref),
            this.rectifications(ids, ref),
            this.violations(ids, window),
            this.incidents(ids, window),
          ]);
    const byUnit = (rows: CountRow[]) => new Map(rows.map((row) => [row.unitId, row]));
    const [m, r, v, i] = [byUnit(mlps), byUnit(rectifications), byUnit(violations), byUnit(incidents)];
    const count = (rows: Map<string, CountRow>, unitId: string, field: string) => Number(rows.get(unitId)?.[field] ?? 0);
    return unitIds.map((unitId) => ({
      unitId,
      year,
      referenceDate: ref,
      liveSystems: count(m, unitId, 'liveSystems'),
      mlpsOverdueSystems: count(m, unitId, 'mlpsOverdueSystems'),
      openRectifications: count(r, unitId, 'openRectifications'),
      overdueRectifications: count(r, unitId, 'overdueRectifications'),
      accessViolations: count(v, unitId, 'accessViolations'),
      incidents: count(i, unitId, 'incidents'),
      seriousIncidents: count(i, unitId, 'seriousIncidents'),
    }));
  }

  private mlps(unitIds: string[], ref: string): Promise<CountRow[]> {
    const query = this.facts()
      .select('fact.unit_id::text', 'unitId')
      .addSelect(`count(*) FILTER (WHERE ${LIVE_SQL})::int`, 'liveSystems')
      .addSelect(`count(*) FILTER (WHERE ${LIVE_SQL} AND ${NEXT_DUE_SQL} < CAST(:ref AS date))::int`, 'mlpsOverdueSystems')
      .where('fact.unit_id = ANY(:unitIds)', { unitIds, ref });
    return scopeSecurityRows(query, this.scope, 'fact').groupBy('fact.unit_id').getRawMany<CountRow>();
  }

  /** The unit's own rectifications (owner UNIT) raised by the reference day and not closed by then. */
  private rectifications(unitIds: string[], ref: string): Promise<CountRow[]> {
    const query = this.dataSource
      .getRepository(InspectionFindingEntity)
      .createQueryBuilder('finding')
      .select('finding.unit_id::text', 'unitId')
      .addSelect('count(*)::int', 'openRectifications')
      .addSelect('count(*) FILTER (WHERE finding.deadline < CAST(:ref AS date))::int', 'overdueRectifications')
      .where("finding.owner_kind = 'UNIT' AND finding.unit_id = ANY(:unitIds)", { unitIds, ref })
      .andWhere(`${CHINA_DAY('finding.created_at')} <= CAST(:ref AS date)`)
      .andWhere(`(finding.closed_at IS NULL OR ${CHINA_DAY('finding.closed_at')} > CAST(:ref AS date))`);
    return scopeSecurityRows(query, this.scope, 'finding').groupBy('finding.unit_id').getRawMany<CountRow>();
  }

  private violations(unitIds: string[], window: { from: string; until: string }): Promise<CountRow[]> {
    const query = this.dataSource
      .getRepository(AccessRecordEntity)
      .createQueryBuilder('record')
      .select('record.unit_id::text', 'unitId')
      .addSelect('count(*)::int', 'accessViolations')
      .where('record.violation AND record.unit_id = ANY(:unitIds)', { unitIds })
      .andWhere('record.accessed_at >= CAST(:from AS timestamptz) AND record.accessed_at < CAST(:until AS timestamptz)', window);
    return scopeSecurityRows(query, this.scope, 'record').groupBy('record.unit_id').getRawMany<CountRow>();
  }

  /** Incidents the unit reported or that touch its systems, counted once per unit. */
  private incidents(unitIds: string[], window: { from: string; until: string }): Promise<CountRow[]> {
    const links = `(SELECT i.id AS incident_id, i.unit_id, i.region_code, i.provider_id, i.severity, i.reported_at
        FROM "security"."security_incident" i WHERE i.unit_id IS NOT NULL
      UNION
      SELECT s.incident_id, s.unit_id, s.region_code, i.provider_id, i.severity, i.reported_at
        FROM "security"."incident_system" s JOIN "security"."security_incident" i ON i.id = s.incident_id)`;
    const query = this.dataSource
      .createQueryBuilder()
      .from(links, 'link')
      .select('link.unit_id::text', 'unitId')
      .addSelect('count(DISTINCT link.incident_id)::int', 'incidents')
      .addSelect('count(DISTINCT link.incident_id) FILTER (WHERE link.severity = ANY(:serious))::int', 'seriousIncidents')
      .where('link.unit_id = ANY(:unitIds)', { unitIds, serious: [...SERIOUS_INCIDENT_SEVERITIES] })
      .andWhere('link.reported_at >= CAST(:from AS timestamptz) AND link.reported_at < CAST(:until AS timestamptz)', window);
    return scopeSecurityRows(query, this.scope, 'link').groupBy('link.unit_id').getRawMany<CountRow>();
  }

  private facts() {
    return this.dataSource
      .getRepository(SystemFactEntity)
      .createQueryBuilder('fact')
      .leftJoin(MlpsRecordEntity, 'mlps', 'mlps.system_id = fact.system_id');
  }

  private overdueByUnit(today: string, filter?: MlpsOverdueFilter | null) {
    const query = this.facts().where(`${NEXT_DUE_SQL} < CAST(:today AS date)`, { today });
    return filterMlpsOverdue(scopeSecurityRows(query, this.scope, 'fact'), filter);
  }

  /**
   * Units with systems overdue on MLPS today, most overdue systems first (then by unit id): one
   * page query and, when asked for, one count; the same systems as mlpsOverdueSystems.
   */
  async overdueUnits(args: ConnectionArgs & { filter?: MlpsOverdueFilter | null }, today: string): Promise<MlpsOverdueUnitConnectionRow> {
    const size = pageSize(args);
    const page = this.overdueByUnit(today, args.filter)
      .select('fact.unit_id::text', 'unitId')
      .addSelect('min(fact.region_code)', 'regionCode')
      .addSelect('count(*)::int', 'overdueSystems')
      .addSelect(`min(${NEXT_DUE_SQL})::text`, 'oldestDueOn')
      .groupBy('fact.unit_id');
    if (args.after) {
      const [count, unitId] = decodeCursor(args.after, OVERDUE_UNITS_LIST);
      if (!/^\d+$/.test(count) || !isUuid(unitId))
        throw new BadUserInputError('分页游标 after 无效，请使用上一页返回的 endCursor', 'after');
      page.having('(count(*) < CAST(:cursorCount AS int) OR (count(*) = CAST(:cursorCount AS int) AND fact.unit_id::text > :cursorUnit))', {
        cursorCount: count,
        cursorUnit: unitId,
      });
    }
    type Row = { unitId: string; regionCode: string; overdueSystems: number; oldestDueOn: string };
    const { rows, rowFollows } = await readPage(size, () =>
      page
        .orderBy('count(*)', 'DESC')
        .addOrderBy('fact.unit_id::text', 'ASC')
        .limit(size + 1)
        .getRawMany<Row>(),
    );
    const edges = rows.slice(0, size).map((row) => ({
      cursor: encodeCursor([String(row.overdueSystems), row.unitId], OVERDUE_UNITS_LIST),
      node: { id: row.unitId },
      regionCode: row.regionCode,
      overdueSystems: Number(row.overdueSystems),
      oldestDueOn: row.oldestDueOn,
      longestDaysOverdue: daysBetween(row.oldestDueOn, today),
    }));
    const count = async () => {
      const counted = await this.overdueByUnit(today, args.filter)
        .select('count(DISTINCT fact.unit_id)::int', 'count')
        .getRawOne<{ count: number }>();
      return counted?.count ?? 0;
    };
    return pageConnection(edges, rows.length, size, Boolean(args.after), count, rowFollows);
  }
}
