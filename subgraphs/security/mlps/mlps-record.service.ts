import type { DataSource, Repository } from 'typeorm';
import { childConnectionLoader, instantSortText } from '../../kit/child-connection';
import { paginateQuery, type Connection } from '../../kit/connection';
import { BadUserInputError } from '../../kit/errors';
import { fetchByIds } from '../../kit/loader-helpers';
import { plainRows } from '../../kit/plain-rows';
import type { Scope } from '../../kit/principal';
import { MlpsAssessmentEntity } from './mlps-assessment.entity';
import { MlpsGradingEntity } from './mlps-grading.entity';
import { MlpsRecordEntity } from './mlps-record.entity';
import { filterMlpsRecords } from './mlps-record-list';
import { scopeSecurityRows } from '../security-scope';
import type { QueryMlpsRecordsArgs } from '../generated/graphql';

/** MLPS levels run from 1 to 5 (GB/T 22239-2019). */
export function requireMlpsLevel(level: number): number {
  if (!Number.isInteger(level) || level < 1 || level > 5) throw new BadUserInputError('安全保护等级 level 须为 1 到 5 之间的整数', 'level');
  return level;
}

/** Reads MLPS gradings, filings and assessments (等级保护, 第二十一条、第二十二条) within one principal's scope. */
export class MlpsRecordService {
  private readonly repository: Repository<MlpsRecordEntity>;

  /** `scope` null: the principal may see no security records. */
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: Scope | null,
  ) {
    this.repository = dataSource.getRepository(MlpsRecordEntity);
  }

  private scoped() {
    return scopeSecurityRows(this.repository.createQueryBuilder('mlps'), this.scope, 'mlps');
  }

  list(args: QueryMlpsRecordsArgs): Promise<Connection<MlpsRecordEntity>> {
    const query = this.scoped();
    if (args.level != null) query.andWhere('mlps.level = :level', { level: requireMlpsLevel(args.level) });
    if (args.filter != null) filterMlpsRecords(query, args.filter);
    return paginateQuery(query, args, { alias: 'mlps', sortColumn: 'system_code', sortValueOf: (record) => record.systemCode });
  }

  byIds(ids: readonly string[]): Promise<MlpsRecordEntity[]> {
    return fetchByIds(this.scoped(), 'mlps.id', ids);
  }

  /**
   * The records of many systems in one query (`InformationSystem.mlps`, due dates), as plain rows
   * with only `properties` (kit/plain-rows.ts; null: all).
   */
  bySystemIds(systemIds: readonly string[], properties: readonly string[] | null): Promise<MlpsRecordEntity[]> {
    return plainRows(this.scoped().andWhere('mlps.system_id = ANY(:batchIds)', { batchIds: systemIds }), 'mlps', properties);
  }

  /** Pages of many records' gradings, oldest first: one statement a batch (kit/child-connection.ts). */
  gradingPages() {
    return childConnectionLoader({
      query: () => scopeSecurityRows(this.dataSource.getRepository(MlpsGradingEntity).createQueryBuilder('grading'), this.scope, 'grading'),
      alias: 'grading',
      parentColumn: 'mlps_record_id',
      parentOf: (grading) => grading.mlpsRecordId,
      sortExpression: instantSortText('grading.graded_at'),
      sortValueOf: (grading) => grading.gradedAt.toISOString(),
    });
  }

  /** Pages of many records' assessments by day: one statement a batch (kit/child-connection.ts). */
  assessmentPages() {
    return childConnectionLoader({
      query: () =>
        scopeSecurityRows(this.dataSource.getRepository(MlpsAssessmentEntity).createQueryBuilder('assessment'), this.scope, 'assessment'),
      alias: 'assessment',
      parentColumn: 'mlps_record_id',
      parentOf: (assessment) => assessment.mlpsRecordId,
      sortExpression: 'assessment.assessed_on::text',
      sortValueOf: (assessment) => assessment.assessedOn,
    });
  }
}
