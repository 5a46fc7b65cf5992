// Refuses an operation whose answer could be too large, before the query planner calls any
// subgraph. The cost is an upper bound on the number of fields in the answer: every field counts
// 1, and a list multiplies what is under it by the number of items it can return — a connection
// by its `first` (or `last`), the page size when absent; another list by the default page size.
// So `providers(first: 100) { … hostedSystems(first: 100) { … } }` costs 100 × 100 × its fields,
// whatever the depth or aliases. Computed per request (graphql-query-complexity), because
// `first` is often a variable.
import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../../subgraphs/kit/connection';
import { ErrorCode, GovCloudError, QueryTooComplexError } from '../../../subgraphs/kit/errors';

export interface QueryCostOptions {
  /** Highest accepted cost (GRAPHQL_MAX_COST). */
  maxCost: number;
  /** Items a list is assumed to return without `first`. Default the subgraphs' page size, 20. */
  defaultPageSize?: number;
  /** A larger `first` is counted as this (the subgraph refuses it with its own message). Default 100. */
  maxPageSize?: number;
  /**
   * Selections evaluated at most, fragments unrolled, before the operation counts as over
   * `maxCost`: a fragment bomb ends here, in milliseconds. Default 2,000, twice what a document
   * of 1,000 tokens (GRAPHQL_MAX_TOKENS) holds without reusing fragments; the gateway passes
   * twice its token limit. The largest operation of the IDE and the test suites has under 150.
   */
  maxEvaluatedNodes?: number;
}

/**
 * Three times the costliest operation the test suites send (31,141: ten settlements, each with
 * 100 lines, totals and confirmations), and twice one page of 100 providers with 100 systems each
 * (50,401); one more level of that costs millions.
 */
export const DEFAULT_MAX_COST = 100_000;

const DEFAULT_MAX_EVALUATED_NODES = 2_000;
const NODE_LIMIT_MESSAGE = 'Query exceeds the maximum allowed number of nodes.';

export function queryCostPlugin(options: QueryCostOptions): ApolloServerPlugin {
  const costOf = cachedOperationCost(options);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          // Without a resolved operation, execution refuses the request by itself.
          if (!operation) return;
          const cost = costOf(schema, document, operation, request.variables ?? {});
          if (cost > options.maxCost) throw new QueryTooComplexError('COST', options.maxCost, cost);
        },
      };
    },
  };
}

/**
 * The cost of `operation` (with the document's fragments) for these variables. A fragment bomb
 * that unrolls past `maxEvaluatedNodes` counts as over `maxCost`.
 */
/**
 * operationCost, remembered per operation (Apollo keeps one parsed document per query text, so a
 * repeated operation is the same object) and variables: computing it anew was a twentieth of the
 * gateway's CPU per request on the city dashboard (issue 14). Large variables are not kept.
 */
export function cachedOperationCost(
  options: QueryCostOptions,
): (schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>) => number {
  const costs = new WeakMap<OperationDefinitionNode, { schema: GraphQLSchema; byVariables: Map<string, number> }>();
  return (schema, document, operation, variables) => {
    const key = JSON.stringify(variables);
    if (key.length > MAX_VARIABLES_KEY_LENGTH) return operationCost(schema, document, operation, variables, options);
    let entry = costs.get(operation);
    if (!entry || entry.schema !== schema) costs.set(operation, (entry = { schema, byVariables: new Map() }));
    let cost = entry.byVariables.get(key);
    if (cost === undefined) {
      cost = operationCost(schema, document, operation, variables, options);
      if (entry.byVariables.size >= MAX_COSTS_PER_OPERATION) entry.byVariables.clear();
      entry.byVariables.set(key, cost);
    }
    return cost;
  };
}

const MAX_COSTS_PER_OPERATION = 100;
const MAX_VARIABLES_KEY_LENGTH = 4096;

export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  options: QueryCostOptions,
): number {
  const estimator = pageCostEstimator(options.defaultPageSize ?? DEFAULT_PAGE_SIZE, options.maxPageSize ?? MAX_PAGE_SIZE);
  // Only this operation: others in the document are not executed.
  const query: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [operation, ...document.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION)],
  };
  try {
    return getComplexity({
      schema,
      query,
      variables,
      estimators: [estimator],
      maxQueryNodes: options.maxEvaluatedNodes ?? DEFAULT_MAX_EVALUATED_NODES,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (message === NODE_LIMIT_MESSAGE) return options.maxCost + 1;
    // Variables that do not coerce: the same message execution would give, refused now.
    throw new GovCloudError(message, ErrorCode.BAD_USER_INPUT, {}, 400);
  }
}

/**
 * 1 per field, plus its children times the items it can return. Lists inside a connection type
 * (`edges`) are the page its field already counted. Introspection lists count once: the gateway
 * answers them from the schema it holds, and graphql's MaxIntrospectionDepthRule bounds their
 * nesting. Type checks go by name and printed type, not `instanceof`, so a schema from either
 * copy of graphql (CommonJS or ESM) works.
 */
export function pageCostEstimator(defaultPageSize: number, maxPageSize: number): ComplexityEstimator {
  return ({ type, field, args, childComplexity }) => {
    let items = 1;
    if (type.name.startsWith('__')) {
      // introspection: items stays 1
    } else if (field.args.some((arg) => arg.name === 'first' || arg.name === 'last')) {
      const requested = (args.first ?? args.last) as unknown;
      items = typeof requested === 'number' ? Math.min(Math.max(requested, 0), maxPageSize) : defaultPageSize;
    } else if (String(field.type).startsWith('[') && !type.name.endsWith('Connection')) {
      items = defaultPageSize;
    }
    return 1 + items * childComplexity;
  };
}
