import type { AddressInfo } from 'node:net';
import type { DataSource } from 'typeorm';
import { buildWorld } from '../../seed/world';
import { migrate } from '../../subgraphs/kit/data-source';
import { PRINCIPAL_HEADER, signInternalToken } from '../../subgraphs/kit/internal-token';
import type { Principal } from '../../subgraphs/kit/principal';
import type { SubgraphName } from '../../subgraphs/kit/schema-files';
import { loadSubgraphModule } from '../../subgraphs/modules';
import { createTestDatabase } from './database';

export const TEST_INTERNAL_SECRET = 'test-internal-token-secret-0123456789abcdef';

export interface GraphQLResult<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown>; path?: unknown[] }>;
}

export interface SubgraphForTest {
  url: string;
  dataSource: DataSource;
  /** POSTs a GraphQL request as `principal` (signed like the gateway does), or with no principal header when null. */
  query<T = Record<string, unknown>>(
    principal: Principal | null,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphQLResult<T>>;
  stop(): Promise<void>;
}

/** One subgraph on a fresh database, migrated (and seeded when asked), listening on a free port. */
export async function startSubgraphForTest(name: SubgraphName, options: { seed?: boolean } = {}): Promise<SubgraphForTest> {
  const database = await createTestDatabase();
  const module = await loadSubgraphModule(name);
  const dataSource = module.createDataSource(database.url);
  await migrate(dataSource);
  if (options.seed) await module.seed(dataSource, buildWorld());
  const service = await module.createService({ dataSource, internalTokenSecret: TEST_INTERNAL_SECRET });
  await new Promise<void>((resolve) => service.httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = service.httpServer.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/graphql`;
  return {
    url,
    dataSource,
    query: (principal, query, variables) => postGraphQL(url, principal, query, variables),
    stop: async () => {
      await service.stop();
      await dataSource.destroy();
      await database.drop();
    },
  };
}

export async function postGraphQL<T>(
  url: string,
  principal: Principal | null,
  query: string,
  variables?: Record<string, unknown>,
): Promise<GraphQLResult<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (principal) headers[PRINCIPAL_HEADER] = await signInternalToken(principal, TEST_INTERNAL_SECRET);
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as Omit<GraphQLResult<T>, 'status'>;
  return { status: response.status, ...body };
}
