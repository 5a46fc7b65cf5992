// A subgraph's resolvers come from its features (one file per feature); this joins them per type.
// Two features defining the same field is a mistake, reported at start rather than silently overridden.

import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';

type ResolverMap = Record<string, Record<string, unknown>>;
/** Per type: a field map, or a GraphQLScalarType (whose own properties are what buildSubgraphSchema copies). */
type ResolverPart = Record<string, object>;

export function mergeResolvers<TContext>(...parts: readonly ResolverPart[]): GraphQLResolverMap<TContext> {
  const merged: ResolverMap = {};
  for (const part of parts) {
    for (const [type, fields] of Object.entries(part)) {
      const target = (merged[type] ??= {});
      for (const [field, resolver] of Object.entries(fields)) {
        if (field in target) throw new Error(`resolver ${type}.${field} is defined twice`);
        target[field] = resolver;
      }
    }
  }
  return merged as GraphQLResolverMap<TContext>;
}
