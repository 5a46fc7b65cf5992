import type { DataSource } from 'typeorm';
import type { Principal } from '../../subgraphs/kit/principal';
import type { SubgraphName } from '../../subgraphs/kit/schema-files';
import { createTestDatabase, runAsOwner } from './database';
import { postGraphQL, TEST_INTERNAL_SECRET, type GraphQLOperation, type GraphQLResult } from './graphql-client';
import { startSubgraphs } from './subgraphs';

export { postGraphQL, TEST_INTERNAL_SECRET, type GraphQLResult } from './graphql-client';

export interface SubgraphForTest {
  url: string;
  /** The subgraph's own data source: the service role's connection, as in production. */
  dataSource: DataSource;
  /** Runs SQL as the schemas' owner, for fixtures the service role may not set up (a trigger, say). */
  asOwner(sql: string): Promise<void>;
  /** POSTs a GraphQL request as `principal` (signed like the gateway does), or with no principal header when null. */
  query<T = Record<string, unknown>, V = Record<string, unknown>>(
    principal: Principal | null,
    query: GraphQLOperation<T, V>,
    variables?: V,
  ): Promise<GraphQLResult<T>>;
  stop(): Promise<void>;
}

export interface SubgraphForTestOptions {
  seed?: boolean;
  /** Other real subgraphs to run on the same database, for the ones this one calls. */
  alongside?: SubgraphName[];
  /** Run the subgraphs' effect workers, so effects enqueued in the database get handled. */
  effectWorkers?: boolean;
}

/** One subgraph on a fresh database, migrated (and seeded when asked), listening on a free port. */
export async function startSubgraphForTest(name: SubgraphName, options: SubgraphForTestOptions = {}): Promise<SubgraphForTest> {
  const database = await createTestDatabase({ from: options.seed ? 'seeded' : 'migrated' });
  try {
    const running = await startSubgraphs(database, [name, ...(options.alongside ?? [])], {
      internalTokenSecret: TEST_INTERNAL_SECRET,
      seed: options.seed,
      effectWorkers: options.effectWorkers,
    });
    const url = running.urls[name];
    return {
      url,
      dataSource: running.dataSources[name]!,
      asOwner: (sql) => runAsOwner(database, sql),
      query: (principal, query, variables) => postGraphQL(url, principal, query, variables),
      stop: async () => {
        await running.stop();
        await database.drop();
      },
    };
  } catch (error) {
    await database.drop();
    throw error;
  }
}
