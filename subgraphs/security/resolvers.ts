import { mergeResolvers } from '../kit/merge-resolvers';
import { accessResolvers } from './access/access.resolvers';
import { agreementsResolvers } from './agreements/agreements.resolvers';
import { incidentsResolvers } from './incidents/incidents.resolvers';
import { inspectionsResolvers } from './inspections/inspections.resolvers';
import { mlpsResolvers } from './mlps/mlps.resolvers';
import { platformResolvers } from './platform/platform.resolvers';
import type { Resolvers } from './generated/graphql';
import { unitSecuritySummaryResolvers } from './unit-security-summary/unit-security-summary.resolvers';

/**
 * Systems and providers belong to other subgraphs, which decide who sees them; here a reference is
 * only a key, and each feature's fields are scoped by their own loaders.
 */
const sharedEntities = {
  InformationSystem: { __resolveReference: (reference) => ({ id: reference.id }) },
  Provider: { __resolveReference: (reference) => ({ id: reference.id }) },
} satisfies Resolvers;

/** The subgraph's resolvers, one map per feature, joined per type (a field defined twice fails at start). */
export const resolvers = mergeResolvers(
  sharedEntities,
  agreementsResolvers,
  mlpsResolvers,
  inspectionsResolvers,
  incidentsResolvers,
  accessResolvers,
  platformResolvers,
  unitSecuritySummaryResolvers,
);
