import { FIRST_POLICY_YEAR } from '../../kit/dates';
import type { DataSource, Repository } from 'typeorm';
import { childConnectionLoader, instantSortText } from '../../kit/child-connection';
import { paginateQuery, type Connection } from '../../kit/connection';
import { BadUserInputError } from '../../kit/errors';
import { fetchByIds } from '../../kit/loader-helpers';
import type { Scope } from '../../kit/principal';
import { requireUuid, wellFormedIds } from '../../kit/ids';
import { applyProviderRecordScope } from '../../kit/scope-filter';
import type { ProviderEvaluationInputKind, QueryProviderEvaluationScoresArgs, QueryProviderEvaluationsArgs } from '../generated/graphql';
import { ProviderEvaluationInputEntity } from './provider-evaluation-input.entity';
import { filterProviderEvaluations } from './provider-evaluation-list';
import { ProviderEvaluationEntity } from './provider-evaluation.entity';

/** Inputs of one evaluation counted by kind. */
export interface InputCounts {
  evaluationId: string;
  counts: Partial<Record<ProviderEvaluationInputKind, number>>;
}

function requireYear(year: number): number {
  // The policy dates from 2019; nothing was evaluated before it.
  if (!Number.isInteger(year) || year < FIRST_POLICY_YEAR || year > 2100)
    throw new BadUserInputError(`评价年度 year 须为 ${FIRST_POLICY_YEAR} 年及以后的四位年份`, 'year');
  return year;
}

/** Reads providers' annual evaluations (年度评价, 第二十六条). */
export class ProviderEvaluationService {
  private readonly repository: Repository<ProviderEvaluationEntity>;
  private readonly inputs: Repository<ProviderEvaluationInputEntity>;

  constructor(
    dataSource: DataSource,
    private readonly scope: Scope,
  ) {
    this.repository = dataSource.getRepository(ProviderEvaluationEntity);
    this.inputs = dataSource.getRepository(ProviderEvaluationInputEntity);
  }

  /**
   * Annual evaluations are for every government role (第二十六条: the bureau and centre evaluate,
   * counties and units rely on them when choosing); a provider sees only its own.
   */
  private scoped() {
    return applyProviderRecordScope(this.repository.createQueryBuilder('evaluation'), this.scope, 'evaluation');
  }

  list(args: QueryProviderEvaluationsArgs): Promise<Connection<ProviderEvaluationEntity>> {
    const query = this.scoped();
    if (args.year != null) query.andWhere('evaluation.year = :year', { year: requireYear(args.year) });
    if (args.filter != null) filterProviderEvaluations(query, args.filter);
    return paginateQuery(query, args, { alias: 'evaluation', sortColumn: 'year', sortValueOf: (evaluation) => String(evaluation.year) });
  }

  /** Finalized evaluations in year order with their five dimension scores: one query and one count, whatever the page. */
  /** The analysts' question "providers' scores by dimension across years" (finalized evaluations only). */
  scoresAcrossYears(args: QueryProviderEvaluationScoresArgs): Promise<Connection<ProviderEvaluationEntity>> {
    const query = this.scoped().andWhere(`evaluation.status = 'FINALIZED'`);
    if (args.fromYear != null) query.andWhere('evaluation.year >= :fromYear', { fromYear: requireYear(args.fromYear) });
    if (args.toYear != null) query.andWhere('evaluation.year <= :toYear', { toYear: requireYear(args.toYear) });
    if (args.providerId != null)
      query.andWhere('evaluation.provider_id = :providerId', { providerId: requireUuid(args.providerId, 'providerId') });
    return paginateQuery(query, args, { alias: 'evaluation', sortColumn: 'year', sortValueOf: (evaluation) => String(evaluation.year) });
  }

  /**
   * Pages of many evaluations' inputs in submission order: one statement a batch
   * (kit/child-connection.ts). The city's roles see them all; a unit sees the agencies' inputs and
   * its own rating; others (a provider about itself, a county) see the agencies' inputs but no
   * unit's rating, so no unit is exposed to the provider it rated.
   */
  inputPages() {
    return childConnectionLoader({
      query: () => {
        const query = applyProviderRecordScope(this.inputs.createQueryBuilder('input'), this.scope, 'input');
        if (this.scope.kind === 'UNIT')
          query.andWhere('(input.unit_id IS NULL OR input.unit_id = :scopeUnit)', { scopeUnit: this.scope.unitId });
        else if (this.scope.kind !== 'CITY') query.andWhere('input.unit_id IS NULL');
        return query;
      },
      alias: 'input',
      parentColumn: 'evaluation_id',
      parentOf: (input) => input.evaluationId,
      sortExpression: instantSortText('input.submitted_at'),
      sortValueOf: (input) => input.submittedAt.toISOString(),
    });
  }

  /**
   * How many inputs of each kind many evaluations have, in one query, without saying whose: what is
   * still missing is everyone's business, who rated is not.
   */
  async inputCountsByEvaluationIds(evaluationIds: readonly string[]): Promise<InputCounts[]> {
    const ids = wellFormedIds(evaluationIds);
    if (ids.length === 0) return [];
    const rows: Array<{ evaluation_id: string; kind: ProviderEvaluationInputKind; n: number }> = await this.inputs
      .createQueryBuilder('input')
      .select('input.evaluation_id', 'evaluation_id')
      .addSelect('input.kind', 'kind')
      .addSelect('COUNT(*)::int', 'n')
      .where('input.evaluation_id = ANY(:ids)', { ids })
      .groupBy('input.evaluation_id')
      .addGroupBy('input.kind')
      .getRawMany();
    const byEvaluation = new Map<string, InputCounts>();
    for (const row of rows) {
      const counts = byEvaluation.get(row.evaluation_id) ?? { evaluationId: row.evaluation_id, counts: {} };
      counts.counts[row.kind] = row.n;
      byEvaluation.set(row.evaluation_id, counts);
    }
    return [...byEvaluation.values()];
  }

  byIds(ids: readonly string[]): Promise<ProviderEvaluationEntity[]> {
    return fetchByIds(this.scoped(), 'evaluation.id', ids);
  }

  /** Pages of many providers' evaluations by year: one statement a batch (kit/child-connection.ts). */
  providerPages() {
    return childConnectionLoader({
      query: () => this.scoped(),
      alias: 'evaluation',
      parentColumn: 'provider_id',
      parentOf: (evaluation) => evaluation.providerId,
      sortExpression: `lpad(evaluation.year::text, 4, '0')`,
      sortValueOf: (evaluation) => String(evaluation.year).padStart(4, '0'),
    });
  }

  /** The latest finalized evaluation of each of many providers (an open one has no result yet): one statement. */
  latestByProviderIds(providerIds: readonly string[]): Promise<ProviderEvaluationEntity[]> {
    const query = this.scoped()
      .distinctOn(['evaluation.provider_id'])
      .andWhere(`evaluation.status = 'FINALIZED'`)
      .orderBy('evaluation.provider_id')
      .addOrderBy('evaluation.year', 'DESC');
    return fetchByIds(query, 'evaluation.provider_id', providerIds);
  }
}
