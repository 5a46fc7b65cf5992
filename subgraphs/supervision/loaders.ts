import type { DataSource } from 'typeorm';
import type { SubgraphContext } from '../kit/context';
import type { Principal, Scope } from '../kit/principal';
import { createMonitoringLoaders } from './monitoring/monitoring.loaders';
import { createProviderEvaluationLoaders } from './provider-evaluation/provider-evaluation.loaders';
import { createUnitPerformanceLoaders } from './unit-performance/unit-performance.loaders';
import { createUtilisationLoaders } from './utilisation/utilisation.loaders';

/** The request's loaders, one set per feature: one scoped query per batch. */
export function createLoaders(dataSource: DataSource, principal: Principal, scope: Scope) {
  return {
    ...createMonitoringLoaders(dataSource, scope),
    ...createProviderEvaluationLoaders(dataSource, scope),
    ...createUtilisationLoaders(dataSource, scope),
    ...createUnitPerformanceLoaders(dataSource, principal),
  };
}

export type SupervisionLoaders = ReturnType<typeof createLoaders>;
export type SupervisionContext = SubgraphContext<SupervisionLoaders>;
