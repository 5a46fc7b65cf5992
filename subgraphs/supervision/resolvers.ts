import { mergeResolvers } from '../kit/merge-resolvers';
import type { Resolvers } from './generated/graphql';
import { monitoringResolvers } from './monitoring/monitoring.resolvers';
import { providerEvaluationResolvers } from './provider-evaluation/provider-evaluation.resolvers';
import { createUnitPerformanceMutations, unitPerformanceResolvers } from './unit-performance/unit-performance.resolvers';
import type { UnitPerformancePorts } from './unit-performance/unit-performance-run.service';
import { utilisationResolvers } from './utilisation/utilisation.resolvers';

/** A type another subgraph owns, as this one receives it: its key only. */
export interface EntityReference {
  id: string;
}

/** The applications subgraph owns systems; monitoring and utilisation add fields to a reference that is only a key. */
const sharedResolvers = {
  InformationSystem: {
    __resolveReference: (reference) => ({ id: reference.id }),
  },
} satisfies Resolvers;

/** The subgraph's resolvers without ports, one map per feature, joined per type (a field defined twice fails at start). */
export const resolvers = mergeResolvers(
  sharedResolvers,
  // feature maps, one per line:
  monitoringResolvers,
  providerEvaluationResolvers,
  utilisationResolvers,
  unitPerformanceResolvers,
);

/** Every resolver, with the mutations that need the other subgraphs' ports (UNIT_PERFORMANCE). */
export function createResolvers(ports: UnitPerformancePorts) {
  return mergeResolvers(resolvers as Record<string, Record<string, unknown>>, createUnitPerformanceMutations(ports));
}
