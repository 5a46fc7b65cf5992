import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { todayInChina } from '../../kit/dates';
import { loaderByKey } from '../../kit/loader-helpers';
import type { Scope } from '../../kit/principal';
import { utilisationThresholds } from './utilisation.config';
import { UtilisationEvaluationService, type UtilisationEvaluation } from './utilisation-evaluation.service';
import { yearPeriod, type UtilisationPeriod } from './utilisation.rules';
import { UtilisationOrderService } from './utilisation-order.service';

/**
 * Utilisation loaders: one SQL statement per batch of systems and period, whatever the number of
 * systems (a period is part of the question, so there is one loader per period asked for).
 */
export function createUtilisationLoaders(dataSource: DataSource, scope: Scope) {
  const evaluations = UtilisationEvaluationService.of(dataSource, scope, utilisationThresholds());
  const orders = new UtilisationOrderService(dataSource, scope);
  const byPeriod = new Map<string, DataLoader<string, UtilisationEvaluation>>();
  const evaluationBySystemId = (period: UtilisationPeriod): DataLoader<string, UtilisationEvaluation> => {
    const key = `${period.from}/${period.to}`;
    let loader = byPeriod.get(key);
    if (!loader) {
      loader = new DataLoader((systemIds) => evaluations.bySystemIds(systemIds, period));
      byPeriod.set(key, loader);
    }
    return loader;
  };
  return {
    utilisationEvaluationBySystemId: evaluationBySystemId,
    yearUtilisationBySystemId: (year: number) => evaluationBySystemId(yearPeriod(year, todayInChina())),
    utilisationOrderById: loaderByKey((ids) => orders.byIds(ids), 'id'),
  };
}
