import type { DataSource, Repository } from 'typeorm';
import { paginateQuery, type Connection, type ConnectionArgs } from '../../kit/connection';
import { BadUserInputError } from '../../kit/errors';
import { fetchByIds } from '../../kit/loader-helpers';
import type { Scope } from '../../kit/principal';
import { applyProviderRecordScope } from '../../kit/scope-filter';
import { ProviderEvaluationEntity } from '../entities/provider-evaluation.entity';

export interface ProviderEvaluationListArgs extends ConnectionArgs {
  year?: number | null;
}

function requireYear(year: number): number {
  // The policy dates from 2019; nothing was evaluated before it.
  if (!Number.isInteger(year) || year < 2019 || year > 2100)
    throw new BadUserInputError('评价年度 year 须为 2019 年及以后的四位年份', 'year');
  return year;
}

/** Reads providers' annual evaluations (年度评价, 第二十六条). */
export class ProviderEvaluationService {
  private readonly repository: Repository<ProviderEvaluationEntity>;

  constructor(
    dataSource: DataSource,
    private readonly scope: Scope,
  ) {
    this.repository = dataSource.getRepository(ProviderEvaluationEntity);
  }

  /**
   * Annual evaluations are for every government role (第二十六条: the bureau and centre evaluate,
   * counties and units rely on them when choosing); a provider sees only its own.
   */
  private scoped() {
    return applyProviderRecordScope(this.repository.createQueryBuilder('evaluation'), this.scope, 'evaluation');
  }

  list(args: ProviderEvaluationListArgs): Promise<Connection<ProviderEvaluationEntity>> {
    const query = this.scoped();
    if (args.year != null) query.andWhere('evaluation.year = :year', { year: requireYear(args.year) });
    return paginateQuery(query, args, { alias: 'evaluation', sortColumn: 'year', sortValueOf: (evaluation) => String(evaluation.year) });
  }

  byIds(ids: readonly string[]): Promise<ProviderEvaluationEntity[]> {
    return fetchByIds(this.scoped(), 'evaluation.id', ids);
  }

  /** Every evaluation of many providers in one query (for `evaluations` and `latestEvaluation`). */
  byProviderIds(providerIds: readonly string[]): Promise<ProviderEvaluationEntity[]> {
    return fetchByIds(this.scoped(), 'evaluation.provider_id', providerIds);
  }

  async exists(id: string): Promise<boolean> {
    return this.repository.exists({ where: { id } });
  }
}
