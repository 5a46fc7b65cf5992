import type { Resolvers } from '../generated/graphql';
import { applicationResolvers } from './application.resolvers';
import { createLifecycleMutations, type LifecyclePorts } from './mutation.resolvers';

/** The lifecycle's resolver map (第十条–第十五条); its ports reach the providers and security subgraphs. */
export function createLifecycleResolvers(ports: LifecyclePorts) {
  return { ...applicationResolvers, Mutation: createLifecycleMutations(ports) } satisfies Resolvers;
}
