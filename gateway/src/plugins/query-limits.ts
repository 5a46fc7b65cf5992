// Limits on the shape of a document — depth, aliases, directives — as validation rules from
// graphql-armor, reported as our QUERY_TOO_COMPLEX error. Being validation rules, they run once
// per distinct document (Apollo caches validated documents) and before any subgraph is called.
// The token limit sits in the parser (`parseOptions`), the cost in query-cost.ts, because the
// cost depends on variables.
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import type { GraphQLError, ValidationContext, ValidationRule } from 'graphql';
import { QueryTooComplexError, type QueryLimit } from '../../../subgraphs/kit/errors';

export interface DocumentLimits {
  /** Deepest field nesting; fragments count as the fields they contain. `__schema` is left to graphql's own introspection depth rule. */
  maxDepth: number;
  /** Aliases in an operation, fragments counted each time they are spread; `__typename` aliases are free. */
  maxAliases: number;
  /** Directives (`@include`, `@skip` …) in an operation, counted the same way. */
  maxDirectives: number;
}

/**
 * Defaults with room above everything the IDE examples and the test suites send (deepest 9,
 * at most 10 aliases and 4 directives; see test/unit/gateway/query-limits-operations.test.ts).
 */
export const DEFAULT_DOCUMENT_LIMITS: DocumentLimits = { maxDepth: 12, maxAliases: 30, maxDirectives: 20 };

/** The validation rules for `limits`. */
export function documentLimitRules(limits: DocumentLimits): ValidationRule[] {
  const common = { exposeLimits: true, propagateOnRejection: false } as const;
  return [
    maxDepthRule({
      ...common,
      n: limits.maxDepth,
      flattenFragments: true,
      ignoreIntrospection: true,
      onReject: [reject('DEPTH', limits.maxDepth)],
    }) as ValidationRule,
    maxAliasesRule({ ...common, n: limits.maxAliases, onReject: [reject('ALIASES', limits.maxAliases)] }) as ValidationRule,
    maxDirectivesRule({ ...common, n: limits.maxDirectives, onReject: [reject('DIRECTIVES', limits.maxDirectives)] }) as ValidationRule,
  ];
}

/**
 * graphql-armor would throw its own English error out of `validate` (Apollo turns that into a
 * 500); with `propagateOnRejection: false` it calls this instead, and we report ours. Its message
 * ends "…, found N." when `exposeLimits` is on: the only place the measured value is given.
 */
function reject(limit: QueryLimit, max: number) {
  return (context: ValidationContext | null, error: GraphQLError): void => {
    const found = /found (\d+)/.exec(error.message);
    context?.reportError(new QueryTooComplexError(limit, max, found ? Number(found[1]) : undefined));
  };
}
