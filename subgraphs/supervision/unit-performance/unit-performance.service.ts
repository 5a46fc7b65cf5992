// Reads the annual unit performance evaluations (UNIT_PERFORMANCE, 第二十六条). Published results
// are circulated (按年度予以通报): every government role reads every unit's. Drafts are for those
// who evaluate and audit them: the bureau, the centre and the auditor. Providers are evaluated
// elsewhere (PROVIDER_EVALUATION) and read none of this.
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { cursorList, decodeCursor, encodeCursor, pageConnection, pageSize, readPage, type Connection } from '../../kit/connection';
import { BadUserInputError } from '../../kit/errors';
import { fetchByIds } from '../../kit/loader-helpers';
import { isUuid, requireRegionCode } from '../../kit/ids';
import { Role, type Principal } from '../../kit/principal';
import { UnitPerformanceEvaluationEntity } from './unit-performance-evaluation.entity';
import { UnitPerformanceResultEntity } from './unit-performance-result.entity';
import type { QueryUnitPerformanceResultsArgs } from '../generated/graphql';
import { UNIT_PERFORMANCE_GRADES } from './unit-performance.rules';
import { filterUnitPerformanceResults } from './unit-performance-list';

/** The unit performance results' cursors: highest score first. */
const UNIT_PERFORMANCE_LIST = cursorList('unit-performance|total_score|DESC');

export const DRAFT_READERS: readonly Role[] = [Role.BUREAU, Role.CENTER, Role.AUDITOR];

export class UnitPerformanceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly principal: Principal,
  ) {}

  private visible<T extends UnitPerformanceEvaluationEntity | UnitPerformanceResultEntity>(
    query: SelectQueryBuilder<T>,
    alias: string,
  ): SelectQueryBuilder<T> {
    if (this.principal.role === Role.PROVIDER) return query.andWhere('FALSE');
    if (DRAFT_READERS.includes(this.principal.role)) return query;
    return query.andWhere(`${alias}.published_at IS NOT NULL`);
  }

  private results() {
    return this.visible(this.dataSource.getRepository(UnitPerformanceResultEntity).createQueryBuilder('result'), 'result');
  }

  async evaluationOfYear(year: number): Promise<UnitPerformanceEvaluationEntity | null> {
    const query = this.dataSource
      .getRepository(UnitPerformanceEvaluationEntity)
      .createQueryBuilder('evaluation')
      .where('evaluation.year = :year', { year });
    return this.visible(query, 'evaluation').getOne();
  }

  /** Best total first (then by id), as a circulated ranking reads. */
  async list(args: QueryUnitPerformanceResultsArgs): Promise<Connection<UnitPerformanceResultEntity>> {
    const size = pageSize(args);
    const query = this.results().andWhere('result.year = :year', { year: args.year });
    if (args.regionCode != null) query.andWhere('result.region_code = :regionCode', { regionCode: requireRegionCode(args.regionCode) });
    if (args.grade != null) {
      if (!UNIT_PERFORMANCE_GRADES.includes(args.grade)) throw new BadUserInputError('等次 grade 无效', 'grade');
      query.andWhere('result.grade = :grade', { grade: args.grade });
    }
    if (args.filter != null) filterUnitPerformanceResults(query, args.filter);
    const countQuery = query.clone();
    if (args.after) {
      const [score, id] = decodeCursor(args.after, UNIT_PERFORMANCE_LIST);
      if (!/^\d{1,3}(\.\d{1,2})?$/.test(score) || !isUuid(id))
        throw new BadUserInputError('分页游标 after 无效，请使用上一页返回的 endCursor', 'after');
      query.andWhere(
        '(result.total_score < CAST(:cursorScore AS numeric) OR (result.total_score = CAST(:cursorScore AS numeric) AND result.id > CAST(:cursorId AS uuid)))',
        {
          cursorScore: score,
          cursorId: id,
        },
      );
    }
    const { rows, rowFollows } = await readPage(size, () =>
      query
        .orderBy('result.total_score', 'DESC')
        .addOrderBy('result.id', 'ASC')
        .limit(size + 1)
        .getMany(),
    );
    const edges = rows
      .slice(0, size)
      .map((node) => ({ cursor: encodeCursor([node.totalScore.toFixed(2), node.id], UNIT_PERFORMANCE_LIST), node }));
    return pageConnection(edges, rows.length, size, Boolean(args.after), () => countQuery.getCount(), rowFollows);
  }

  byIds(ids: readonly string[]): Promise<UnitPerformanceResultEntity[]> {
    return fetchByIds(this.results(), 'result.id', ids);
  }
}
