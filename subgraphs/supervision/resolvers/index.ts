import { mergeResolvers } from '../../kit/merge-resolvers';
import { InformationSystem } from './InformationSystem';
import { MonitoringDaily } from './MonitoringDaily';
import { monitoringResolvers } from './monitoring';
import { Provider } from './Provider';
import { ProviderEvaluation } from './ProviderEvaluation';
import { providerEvaluationResolvers } from './provider-evaluation';
import { Query } from './Query';
import { utilisationResolvers } from './utilisation';
import { unitPerformanceResolvers } from './unit-performance';

/** The subgraph's resolvers, one map per feature, joined per type (a field defined twice fails at start). */
export const resolvers = mergeResolvers(
  { Query, MonitoringDaily, ProviderEvaluation, InformationSystem, Provider },
  // feature maps, one per line:
  providerEvaluationResolvers,
  monitoringResolvers,
  utilisationResolvers,
  unitPerformanceResolvers,
);
