// Subgraph operations run as compiled JavaScript (graphql-jit) instead of graphql-js's interpreter
// (issue 14). The gateway sends each subgraph the same few operations again and again (its query
// plans), so a compiled function per operation pays back at once. graphql-js walks the document on
// every request and, for every field of every row, looks up the field's definition and resolver
// and builds a resolve-info object. In one bench run beside graphql-js, the applications subgraph
// spent 27% less CPU per dashboard under load (docs/performance.md).
//
// Apollo Server hands execution to anything shaped like a gateway (its GatewayInterface), so
// parsing, validation, plugins, context and error formatting stay Apollo's, and only execution
// changes. Answers stay graphql-js's, field for field and error for error
// (test/unit/kit/compiled-execution.test.ts and test/e2e/compiled-execution.e2e.test.ts run both):
// - a request the compiled query refuses before executing (a variable of the wrong type, a
//   document graphql-jit cannot compile) is answered by graphql-js, so refusals read as before;
// - errors come back as graphql-js's GraphQLError with the resolver's error as originalError, so
//   Apollo and kit/format-error.ts see them as they see graphql-js's;
// - a lazy totalCount or hasNextPage has a resolver of its own (total-count.ts resolveLazyCounts): graphql-jit
//   reads a field without one as a plain property, where graphql-js calls a function it finds.
// By default an operation is compiled at its second run, not its first (`interpretedRuns`): an
// analyst's one-off query would pay its compile (2.6 ms at 380 characters, about 50 ms near the
// limit below) and take room in the cache from the plans the gateway repeats. Its runs are counted
// again from nought when the cache drops it, and when a flood of operations seen once pushes its
// count out of the 10,000 remembered.
// A plugin with a willResolveField hook (Apollo's cache-control and inline-trace plugins have one)
// makes Apollo wrap every field of the schema in a resolver, which graphql-jit then calls field by
// field: the answers stay right, the gain goes. subgraph-server.ts turns both plugins off.
import { createRequire } from 'node:module';
import type { GatewayExecutor, GatewayGraphQLRequestContext, GatewayInterface } from '@apollo/server-gateway-interface';
import type { ExecutionResult, GraphQLError as GraphQLErrorType, GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';
import { kitMetrics } from './metrics';

// The copy of graphql that built the schema (@apollo/subgraph requires it) and that Apollo checks
// errors against. An ESM import gets that same copy under Node, but another one under vitest.
const graphql = createRequire(import.meta.url)('graphql') as typeof import('graphql');

/**
 * A compiled operation keeps about 150 bytes of heap per character of its source, and compiling
 * takes about 3.5 µs per character (measured on the applications subgraph's schema: 380 characters,
 * 53 KB and 2.6 ms; 11,000 characters, 1.6 MB and 40 ms). The cache is therefore sized in characters.
 */
export const DEFAULT_COMPILED_SOURCE_CHARS = 150_000;

export interface CompiledExecutionOptions {
  /**
   * Characters of operation source kept compiled, least recently used dropped first. Default
   * 150,000 (about 20 MB of heap): the gateway's query plans send each subgraph a few dozen
   * operations of a few hundred characters. An operation longer than a tenth of this is never
   * compiled (15,000 characters would take some 50 ms and 2 MB): graphql-js runs it.
   */
  maxSourceChars?: number;
  /**
   * Times an operation runs in graphql-js before it is compiled. Default 1: compiled at its second
   * run, so one asked once is never compiled. 0 compiles at first sight (the test stacks do, so
   * every test runs the compiled path). COMPILED_EXECUTION_AFTER sets it (kit/config.ts).
   */
  interpretedRuns?: number;
  /** The `subgraph` label of graphql_operation_executions_total. Default `unnamed`. */
  subgraph?: string;
}

/** A subgraph's executor: compiled by graphql-jit (true: with the defaults) or, with false, graphql-js alone. */
export type CompiledExecutionSetting = boolean | CompiledExecutionOptions;

/** Operations seen but not yet compiled, remembered by their key only (hash and operation name). */
const MAX_UNCOMPILED_REMEMBERED = 10_000;

/** `null`: not compiled (not yet, refused by graphql-jit, or too long to keep); graphql-js executes it. */
type Compiled = CompiledQuery | null;

/**
 * An Apollo Server `gateway` that serves `schema` and executes each operation with graphql-jit,
 * compiling it at its run after `interpretedRuns`. Pass it as ApolloServer's `gateway` option
 * instead of `schema`.
 */
export function compiledExecution(schema: GraphQLSchema, options: CompiledExecutionOptions = {}): GatewayInterface {
  const maxSize = options.maxSourceChars ?? DEFAULT_COMPILED_SOURCE_CHARS;
  const interpretedRuns = options.interpretedRuns ?? 1;
  if (!Number.isInteger(interpretedRuns) || interpretedRuns < 0)
    throw new RangeError(`interpretedRuns must be an integer ≥ 0: ${interpretedRuns}`);
  const subgraph = options.subgraph ?? 'unnamed';
  const executions = {
    compiled: kitMetrics.operationExecutions.labels(subgraph, 'compiled'),
    interpreted: kitMetrics.operationExecutions.labels(subgraph, 'interpreted'),
  };
  // Both series from the start, so a dashboard sees a nought rather than nothing.
  executions.compiled.inc(0);
  executions.interpreted.inc(0);
  const cache = new LRUCache<string, { compiled: Compiled; size: number }>({ maxSize, sizeCalculation: (entry) => entry.size });
  const runsSoFar = new LRUCache<string, number>({ max: MAX_UNCOMPILED_REMEMBERED });
  const compiledFor = (request: GatewayGraphQLRequestContext): Compiled => {
    const operationName = request.operationName ?? undefined;
    const key = `${request.queryHash}\0${operationName ?? ''}`;
    let entry = cache.get(key);
    if (!entry) {
      const runs = runsSoFar.get(key) ?? 0;
      if (runs < interpretedRuns) {
        runsSoFar.set(key, runs + 1);
        return null;
      }
      runsSoFar.delete(key);
      // Remembered as too long, at the cost of one character, so it is not measured again.
      const tooLong = request.source.length > maxSize / 10;
      const compiled = tooLong ? null : compileQuery(schema, request.document, operationName);
      entry = { compiled: compiled && isCompiledQuery(compiled) ? compiled : null, size: tooLong ? 1 : Math.max(1, request.source.length) };
      cache.set(key, entry);
    }
    return entry.compiled;
  };
  const executor: GatewayExecutor = async (request) => {
    const compiled = compiledFor(request);
    const variables = request.request.variables ?? {};
    if (compiled) {
      const result = await compiled.query(undefined, request.context, variables);
      // With `data` absent, nothing ran: the request was refused (its variables, most often).
      if ('data' in result) {
        executions.compiled.inc();
        return withGraphQLErrors(result);
      }
    }
    executions.interpreted.inc();
    return graphql.execute({
      schema,
      document: request.document,
      contextValue: request.context,
      variableValues: variables,
      operationName: request.operationName,
    }) as Promise<ExecutionResult>;
  };
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => undefined;
    },
    load: async () => ({ executor }),
    stop: async () => {
      cache.clear();
      runsSoFar.clear();
    },
  };
}

/**
 * graphql-jit's errors have its own constructor, whose `extensions` is undefined unless the cause
 * had some (Apollo reads `extensions.code` and would fail on it). Each becomes graphql-js's
 * GraphQLError, as graphql-js would have built it: the cause as originalError, its extensions.
 */
function withGraphQLErrors(result: ExecutionResult): ExecutionResult {
  if (!result.errors) return result;
  return { ...result, errors: result.errors.map(asGraphQLError) };
}

function asGraphQLError(error: GraphQLErrorType): GraphQLErrorType {
  const rebuilt = new graphql.GraphQLError(error.message, { path: error.path, originalError: error.originalError ?? error });
  // graphql-jit knows only the locations, not the nodes graphql-js computes them from.
  if (error.locations) (rebuilt as { locations?: unknown }).locations = error.locations;
  return rebuilt;
}
