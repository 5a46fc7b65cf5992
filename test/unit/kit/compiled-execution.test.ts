// The compiled executor (kit/compiled-execution.ts) inside Apollo Server answers what graphql-js
// answers, for the cases where graphql-jit alone would not: errors without extensions (a database
// gone, a bug), a null where the schema promises a value, a lazy totalCount, variables refused
// before anything runs, and a document it compiles once and then reuses. An operation is compiled
// only after the interpreted runs it is given (the graphql_operation_executions_total metric tells).
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compiledExecution, type CompiledExecutionOptions } from '../../../subgraphs/kit/compiled-execution';
import { ErrorCode, GovCloudError } from '../../../subgraphs/kit/errors';
import { createFormatError } from '../../../subgraphs/kit/format-error';
import { kitMetrics } from '../../../subgraphs/kit/metrics';
import { resolveLazyCounts } from '../../../subgraphs/kit/total-count';

const typeDefs = parse(`
  type Query {
    ours: Thing
    databaseAway: Thing
    bug: Thing
    promisedThing: Thing!
    things(first: Int!, names: [String!]): ThingConnection!
  }
  type Thing { id: ID! name: String }
  type ThingConnection { totalCount: Int! edges: [ThingEdge!]! }
  type ThingEdge { node: Thing! }
`);

/** How many times the resolvers ran the list, and with what. */
const listed: unknown[] = [];

const resolvers = {
  Query: {
    ours: () => {
      throw new GovCloudError('未找到该记录', ErrorCode.NOT_FOUND);
    },
    databaseAway: () => {
      throw Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
    },
    bug: () => {
      throw new TypeError("Cannot read properties of undefined (reading 'id')");
    },
    promisedThing: () => null,
    things: (_: unknown, args: { first: number; names?: string[] }) => {
      listed.push(args);
      const edges = Array.from({ length: args.first }, (_unused, i) => ({ node: { id: String(i), name: args.names?.[i] ?? null } }));
      return { edges, totalCount: async () => 42 };
    },
  },
};

function server(compiled: CompiledExecutionOptions | false): ApolloServer {
  const schema = resolveLazyCounts(buildSubgraphSchema([{ typeDefs, resolvers }]));
  return new ApolloServer({
    ...(compiled ? { gateway: compiledExecution(schema, compiled) } : { schema }),
    formatError: createFormatError({ log: () => undefined }),
    includeStacktraceInErrorResponses: false,
    // As subgraph-server.ts: with them on, Apollo wraps every field in a resolver of its own.
    plugins: [ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginCacheControlDisabled()],
  });
}

// Compiled at first sight, so each comparison below compares the compiled answer (both() checks).
const servers = {
  compiled: server({ maxSourceChars: 1_500, interpretedRuns: 0, subgraph: 'compiled' }),
  interpreted: server(false),
  tiered: server({ interpretedRuns: 2, subgraph: 'tiered' }),
};

/** graphql_operation_executions_total of the executor named `subgraph`, by executor. */
async function executions(subgraph: string) {
  const { values } = await kitMetrics.operationExecutions.get();
  const of = (executor: string) =>
    values.find((value) => value.labels.subgraph === subgraph && value.labels.executor === executor)?.value ?? 0;
  return { compiled: of('compiled'), interpreted: of('interpreted') };
}

beforeAll(async () => {
  await Promise.all(Object.values(servers).map((apollo) => apollo.start()));
});

afterAll(async () => {
  await Promise.all(Object.values(servers).map((apollo) => apollo.stop()));
});

async function answer(apollo: ApolloServer, query: string, variables?: Record<string, unknown>) {
  const response = await apollo.executeOperation({ query, variables });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return { status: response.http.status ?? 200, ...response.body.singleResult };
}

/**
 * Both executors' answers, which must be equal. `ranCompiled` false: the compiled server is to hand
 * the request to graphql-js (refused variables, a document too long to compile).
 */
async function both(query: string, variables?: Record<string, unknown>, ranCompiled = true) {
  const before = await executions('compiled');
  const [compiled, interpreted] = await Promise.all([
    answer(servers.compiled, query, variables),
    answer(servers.interpreted, query, variables),
  ]);
  expect(JSON.parse(JSON.stringify(compiled))).toEqual(JSON.parse(JSON.stringify(interpreted)));
  const after = await executions('compiled');
  expect(after.compiled - before.compiled).toBe(ranCompiled ? 1 : 0);
  return compiled;
}

describe('compiled execution', () => {
  it('keeps our own error, its code and path', async () => {
    const result = await both('{ ours { id } }');
    expect(result.errors).toEqual([expect.objectContaining({ path: ['ours'], extensions: { code: 'NOT_FOUND' } })]);
  });

  it('turns a database gone away into SERVICE_UNAVAILABLE and masks any other error, as graphql-js does', async () => {
    const result = await both('{ databaseAway { id } bug { id } }');
    expect(result.errors?.map((error) => error.extensions?.code)).toEqual(['SERVICE_UNAVAILABLE', 'INTERNAL_SERVER_ERROR']);
    expect(JSON.stringify(result.errors)).not.toMatch(/administrator|undefined \(reading/);
  });

  it('nulls the parent of a null the schema does not allow, with the same error', async () => {
    const result = await both('{ promisedThing { id } }');
    expect(result.data).toBeNull();
    expect(result.errors?.[0]?.path).toEqual(['promisedThing']);
  });

  it('calls a lazy totalCount only when it is selected', async () => {
    const result = await both('query List($first: Int!) { things(first: $first) { totalCount edges { node { id name } } } }', {
      first: 2,
    });
    expect(result.data).toEqual({
      things: { totalCount: 42, edges: [{ node: { id: '0', name: null } }, { node: { id: '1', name: null } }] },
    });
  });

  it('refuses bad variables with graphql-js’s own errors and BAD_USER_INPUT', async () => {
    const query = 'query List($first: Int!, $names: [String!]) { things(first: $first, names: $names) { totalCount } }';
    listed.length = 0;
    for (const variables of [{ first: 'two' }, {}, { first: 1, names: [null] }]) {
      const result = await both(query, variables, false);
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    expect(listed).toEqual([]);
  });

  it('answers a document again, more documents than it keeps, and one too long to compile, the same', async () => {
    // 1,500 characters kept: forty short ones (about 2,400) push the first out before they are asked
    // again; the long one (over 150) is never compiled.
    const short = Array.from({ length: 40 }, (_unused, n) => `query N${n} { things(first: ${(n % 3) + 1}) { edges { node { id } } } }`);
    const long = `{ ${Array.from({ length: 12 }, (_unused, n) => `a${n}: things(first: 1) { totalCount }`).join(' ')} }`;
    expect(long.length).toBeGreaterThan(150);
    for (const query of [...short, ...short.slice(0, 3), long, long]) {
      const result = await both(query, undefined, query !== long);
      expect(result.errors).toBeUndefined();
    }
  });

  it('runs an operation in graphql-js for its interpreted runs, then compiled, with the same answer', async () => {
    const query = 'query Tiered($first: Int!) { things(first: $first) { totalCount edges { node { id } } } }';
    const seen: Array<{ compiled: number; interpreted: number }> = [];
    const answers: unknown[] = [];
    const before = await executions('tiered');
    for (let run = 0; run < 4; run++) {
      answers.push(await answer(servers.tiered, query, { first: 2 }));
      const now = await executions('tiered');
      seen.push({ compiled: now.compiled - before.compiled, interpreted: now.interpreted - before.interpreted });
    }
    expect(seen).toEqual([
      { compiled: 0, interpreted: 1 },
      { compiled: 0, interpreted: 2 },
      { compiled: 1, interpreted: 2 },
      { compiled: 2, interpreted: 2 },
    ]);
    expect(answers.every((each) => JSON.stringify(each) === JSON.stringify(answers[0]))).toBe(true);
  });

  it('refuses a number of interpreted runs that is not a whole number from nought up', () => {
    const schema = buildSubgraphSchema([{ typeDefs, resolvers }]);
    for (const interpretedRuns of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])
      expect(() => compiledExecution(schema, { interpretedRuns })).toThrow(RangeError);
  });
});
