// MLPS_6M (第二十二条): the worklist of systems whose MLPS assessment is overdue, computed in SQL over
// the system facts and their MLPS records, within the principal's scope.
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
import { daysBetween } from '../../kit/dates';
import { fetchByIds } from '../../kit/loader-helpers';
import type { Scope } from '../../kit/principal';
import { MlpsAssessmentDueEntity } from './mlps-assessment-due.entity';
import { MlpsRecordEntity } from './mlps-record.entity';
import { SystemFactEntity } from '../../contracts/system-fact.entity';
import { FIRST_ASSESSMENT_MONTHS, reassessmentMonths } from './mlps.rules';
import { scopeSecurityRows } from '../security-scope';
import type { MlpsOverdueFilter } from '../generated/graphql';
import { filterMlpsOverdue } from './mlps-overdue-list';

/** The overdue systems' cursors: longest overdue first. */
const OVERDUE_SYSTEMS_LIST = cursorList('mlps-overdue-systems|due_on|ASC');

const months = (count: number) => `interval '${count} months'`;

/**
 * mlps.rules.ts nextAssessmentDueOn in SQL, over `fact` (system_fact) and `mlps` (mlps_record, left
 * joined: an ungraded live system is due 6 months after go-live too). PostgreSQL clamps a month's
 * end as kit/dates addMonths does (08-31 + 6 months = 02-28).
 */
export const NEXT_DUE_SQL = `(CASE
  WHEN fact.retired_on IS NOT NULL THEN NULL
  WHEN mlps.last_assessed_on IS NULL THEN (fact.go_live_on + ${months(FIRST_ASSESSMENT_MONTHS)})::date
  WHEN mlps.level >= 4 THEN (mlps.last_assessed_on + ${months(reassessmentMonths(4)!)})::date
  WHEN mlps.level = 3 THEN (mlps.last_assessed_on + ${months(reassessmentMonths(3)!)})::date
  ELSE NULL
END)`;

export interface OverdueSystemEdge {
  cursor: string;
  node: { id: string };
  nextAssessmentDueOn: string;
  daysOverdue: number;
}

export interface OverdueSystemConnection {
  edges: OverdueSystemEdge[];
  pageInfo: PageInfo;
  totalCount: () => Promise<number>;
}

/** Reads system facts and the overdue worklist (MLPS_6M) within one principal's scope. */
export class MlpsOverdueService {
  /** `scope` null: the principal may see no security records. */
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: Scope | null,
  ) {}

  /** The stored due dates (mlps_assessment_due, kept by the writes): an index walk on (due_on, system_id). */
  private overdueQuery(today: string, filter?: MlpsOverdueFilter | null) {
    const query = this.dataSource.getRepository(MlpsAssessmentDueEntity).createQueryBuilder('due').where('due.due_on < :today', { today });
    // The level lives on the record: joined only when the filter asks for levels.
    if (filter?.level?.length) query.leftJoin(MlpsRecordEntity, 'mlps', 'mlps.system_id = due.system_id');
    return filterMlpsOverdue(scopeSecurityRows(query, this.scope, 'due'), filter, 'due');
  }

  /** Overdue systems, longest overdue first (then by id): one page query and, when asked for, one count. */
  async overdue(args: ConnectionArgs & { filter?: MlpsOverdueFilter | null }, today: string): Promise<OverdueSystemConnection> {
    const size = pageSize(args);
    const page = this.overdueQuery(today, args.filter).select('due.system_id::text', 'systemId').addSelect('due.due_on::text', 'dueOn');
    if (args.after) {
      const [dueOn, systemId] = decodeCursor(args.after, OVERDUE_SYSTEMS_LIST);
      // A date's ISO text and a uuid's text sort as the values do, so the cursor's text compares in the index's types.
      page.andWhere('(due.due_on, due.system_id) > (:cursorDue::date, :cursorId::uuid)', { cursorDue: dueOn, cursorId: systemId });
    }
    const { rows, rowFollows } = await readPage(size, () =>
      page
        .orderBy('due.due_on', 'ASC')
        .addOrderBy('due.system_id', 'ASC')
        .limit(size + 1)
        .getRawMany<{ systemId: string; dueOn: string }>(),
    );
    const edges = rows.slice(0, size).map((row) => ({
      cursor: encodeCursor([row.dueOn, row.systemId], OVERDUE_SYSTEMS_LIST),
      node: { id: row.systemId },
      nextAssessmentDueOn: row.dueOn,
      daysOverdue: daysBetween(row.dueOn, today),
    }));
    const count = async () => {
      const counted = await this.overdueQuery(today, args.filter).select('COUNT(*)::int', 'count').getRawOne<{ count: number }>();
      return counted?.count ?? 0;
    };
    return pageConnection(edges, rows.length, size, Boolean(args.after), count, rowFollows);
  }

  /** The facts of many systems in one scoped query (for due dates on systems and records). */
  factsOf(systemIds: readonly string[]): Promise<SystemFactEntity[]> {
    return fetchByIds(
      scopeSecurityRows(this.dataSource.getRepository(SystemFactEntity).createQueryBuilder('fact'), this.scope, 'fact'),
      'fact.system_id',
      systemIds,
    );
  }
}
