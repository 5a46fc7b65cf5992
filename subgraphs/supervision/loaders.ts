import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { SubgraphContext } from '../kit/context';
import { groupByKeys, orderByKeys } from '../kit/loader-helpers';
import type { Principal, Scope } from '../kit/principal';
import type { ProviderEvaluationEntity } from './entities/provider-evaluation.entity';
import { MonitoringService } from './services/monitoring.service';
import { ProviderEvaluationService } from './services/provider-evaluation.service';
import type { SystemUtilisation } from './services/utilisation.rules';

/**
 * The request's loaders: one scoped query per batch. Utilisation depends on the window as well as
 * the system, so there is one loader per `days` value asked for in the request.
 */
export function createLoaders(dataSource: DataSource, _principal: Principal, scope: Scope) {
  const evaluations = new ProviderEvaluationService(dataSource, scope);
  const monitoring = new MonitoringService(dataSource, scope);
  const utilisationLoaders = new Map<number, DataLoader<string, SystemUtilisation | null>>();
  return {
    providerEvaluationById: new DataLoader<string, ProviderEvaluationEntity | null>(async (ids) =>
      orderByKeys(ids, await evaluations.byIds(ids), (evaluation) => evaluation.id),
    ),
    providerEvaluationsByProviderId: new DataLoader<string, ProviderEvaluationEntity[]>(async (providerIds) =>
      groupByKeys(providerIds, await evaluations.byProviderIds(providerIds), (evaluation) => evaluation.providerId),
    ),
    utilisationBySystemId(days: number): DataLoader<string, SystemUtilisation | null> {
      let loader = utilisationLoaders.get(days);
      if (!loader) {
        loader = new DataLoader(async (systemIds) =>
          orderByKeys(systemIds, await monitoring.utilisationBySystemIds(systemIds, days), (utilisation) => utilisation.systemId),
        );
        utilisationLoaders.set(days, loader);
      }
      return loader;
    },
  };
}

export type SupervisionLoaders = ReturnType<typeof createLoaders>;
export type SupervisionContext = SubgraphContext<SupervisionLoaders>;
