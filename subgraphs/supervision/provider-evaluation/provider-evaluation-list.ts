// The provider evaluations list's filter (第二十六条, PROVIDER_EVALUATION): a year range, provider,
// statuses and grades, each on a column the evaluation table indexes (status and grade: migration
// 1796301000300-EvaluationListFilters).
import { FIRST_POLICY_YEAR } from '../../kit/dates';
import type { SelectQueryBuilder } from 'typeorm';
import { BadUserInputError } from '../../kit/errors';
import { whereIdIs, whereOneOf } from '../../kit/list-filter';
import type { ProviderEvaluationFilter } from '../generated/graphql';
import type { ProviderEvaluationEntity } from './provider-evaluation.entity';

/** The policy dates from 2019; nothing was evaluated before it. */
function yearOf(year: number, field: string): number {
  if (!Number.isInteger(year) || year < FIRST_POLICY_YEAR || year > 2100) {
    throw new BadUserInputError(`评价年度 ${field} 须为 ${FIRST_POLICY_YEAR} 年及以后的四位年份`, field);
  }
  return year;
}

/** Narrows `query` (alias `evaluation`) by the filter; a bad year, a reversed range or a malformed id is BAD_USER_INPUT. */
export function filterProviderEvaluations(
  query: SelectQueryBuilder<ProviderEvaluationEntity>,
  filter: ProviderEvaluationFilter,
): SelectQueryBuilder<ProviderEvaluationEntity> {
  const from = filter.fromYear == null ? null : yearOf(filter.fromYear, 'filter.fromYear');
  const to = filter.toYear == null ? null : yearOf(filter.toYear, 'filter.toYear');
  if (from !== null && to !== null && from > to) {
    throw new BadUserInputError('起始年度（filter.fromYear）不能晚于截止年度（filter.toYear）', 'filter.fromYear');
  }
  if (from !== null) query.andWhere('evaluation.year >= :filterFromYear', { filterFromYear: from });
  if (to !== null) query.andWhere('evaluation.year <= :filterToYear', { filterToYear: to });
  whereIdIs(query, 'evaluation.provider_id', filter.providerId, 'filter.providerId', 'providerByCode(code)');
  whereOneOf(query, 'evaluation.status', filter.status);
  return whereOneOf(query, 'evaluation.grade', filter.grade);
}
