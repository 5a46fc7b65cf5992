import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { SubgraphContext } from '../kit/context';
import { loaderByKey, loaderOfGroups } from '../kit/loader-helpers';
import type { Principal, Scope } from '../kit/principal';
import { createProviderEvaluationLoaders } from './provider-evaluation-loaders';
import { MonitoringService } from './services/monitoring.service';
import { ProviderEvaluationService } from './services/provider-evaluation.service';
import type { SystemUtilisation } from './services/utilisation.rules';
import { createUtilisationLoaders } from './utilisation-loaders';
import { createUnitPerformanceLoaders } from './unit-performance-loaders';

/**
 * The request's loaders: one scoped query per batch. Utilisation depends on the window as well as
 * the system, so there is one loader per `days` value asked for in the request.
 */
export function createLoaders(dataSource: DataSource, principal: Principal, scope: Scope) {
  const evaluations = new ProviderEvaluationService(dataSource, scope);
  const monitoring = new MonitoringService(dataSource, scope);
  const utilisationLoaders = new Map<number, DataLoader<string, SystemUtilisation | null>>();
  return {
    ...createProviderEvaluationLoaders(dataSource, scope),
    ...createUtilisationLoaders(dataSource, scope),
    ...createUnitPerformanceLoaders(dataSource, principal),
    providerEvaluationById: loaderByKey((ids) => evaluations.byIds(ids), 'id'),
    providerEvaluationsByProviderId: loaderOfGroups((providerIds) => evaluations.byProviderIds(providerIds), 'providerId'),
    utilisationBySystemId(days: number): DataLoader<string, SystemUtilisation | null> {
      let loader = utilisationLoaders.get(days);
      if (!loader) {
        loader = loaderByKey((systemIds) => monitoring.utilisationBySystemIds(systemIds, days), 'systemId');
        utilisationLoaders.set(days, loader);
      }
      return loader;
    },
  };
}

export type SupervisionLoaders = ReturnType<typeof createLoaders>;
export type SupervisionContext = SubgraphContext<SupervisionLoaders>;
