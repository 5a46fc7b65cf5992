// `npm run bench`: measures the graph as users meet it — latency and throughput of a query that
// spans all four subgraphs, through the gateway over real HTTP, on the seeded demo data, plus
// the SQL statements each subgraph ran per request and the process's memory. Figures, not
// assertions: compare runs on the same machine. Bounded: a fixed number of requests, then it stops.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_OWNER_ROLE, DEFAULT_SERVICE_ROLE, setUpDatabaseRoles, withDatabase, withLogin } from '../../subgraphs/kit/database-roles';
import { startEmbeddedPostgres } from '../../subgraphs/kit/embedded-postgres';
import { sqlCounterOf } from '../../subgraphs/kit/data-source';
import { SUBGRAPH_NAMES } from '../../subgraphs/kit/schema-files';
import { startLocalStack } from '../setup/local-stack';
import { freePort } from '../setup/free-port';
import { benchAccessSubmission } from './access-submission';
import { benchMonitoringImport } from './monitoring-import';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

const SPANNING_QUERY = /* GraphQL */ `
  query Bench {
    providers(first: 10) {
      edges {
        node {
          name
          agreements(first: 20) {
            totalCount
            edges {
              node {
                number
                region {
                  code
                }
              }
            }
          }
          basicCatalog(first: 30) {
            edges {
              node {
                priceCapYuan
                serviceItem {
                  name
                }
              }
            }
          }
          securityProfile {
            platformMlpsLevel
          }
          latestEvaluation {
            year
            grade
            totalScore
          }
          hostedSystems(first: 50) {
            totalCount
            edges {
              node {
                code
                owner {
                  name
                }
              }
            }
          }
        }
      }
    }
    systems(first: 100) {
      totalCount
      edges {
        node {
          code
          name
          owner {
            name
            region {
              name
            }
          }
          hostingProvider {
            name
          }
        }
      }
    }
  }
`;

async function main(): Promise<void> {
  const t0 = performance.now();
  const dataDir = mkdtempSync(path.resolve('.data', 'bench-pg-'));
  const server = await startEmbeddedPostgres({ dataDir, port: await freePort(), ephemeral: true });
  // The owner and service roles, as `npm start` sets them up: the subgraphs run as the service role.
  const database = withDatabase(server.serverUrl, 'govcloud_bench');
  const urls = {
    url: withLogin(database, { name: DEFAULT_SERVICE_ROLE, password: randomBytes(18).toString('base64url') }),
    migrationUrl: withLogin(database, { name: DEFAULT_OWNER_ROLE, password: randomBytes(18).toString('base64url') }),
  };
  await setUpDatabaseRoles(server.serverUrl, urls);
  const stack = await startLocalStack(urls, { seed: true });
  const ready = performance.now() - t0;
  try {
    const bureau = await stack.token({ role: 'BUREAU' });
    const county = await stack.token({ role: 'COUNTY_AUTHORITY', region: '371602' });
    const first = await stack.query(bureau, SPANNING_QUERY);
    if (first.status !== 200 || first.errors) throw new Error(`bench query failed: ${JSON.stringify(first.errors)}`);
    console.log(`database + migrations + seed + 4 subgraphs + gateway ready: ${(ready / 1000).toFixed(2)} s`);
    for (const [label, token] of [
      ['BUREAU', bureau],
      ['COUNTY_AUTHORITY 371602', county],
    ] as const) {
      const counters = SUBGRAPH_NAMES.map((name) => sqlCounterOf(stack.dataSources[name]));
      counters.forEach((counter) => counter.reset());
      await stack.query(token, SPANNING_QUERY);
      console.log(
        `SQL statements for one request as ${label}: ${SUBGRAPH_NAMES.map((name, i) => `${name} ${counters[i]!.count}`).join(', ')}`,
      );
    }
    for (const [label, token] of [
      ['BUREAU (whole city)', bureau],
      ['COUNTY_AUTHORITY 371602', county],
    ] as const) {
      await run(label, () => stack.query(token, SPANNING_QUERY));
    }
    await benchAccessSubmission(stack);
    await benchMonitoringImport(stack);
    const rss = process.memoryUsage().rss / 1024 / 1024;
    console.log(`resident memory of the one process holding gateway and four subgraphs: ${rss.toFixed(0)} MiB`);
  } finally {
    await stack.stop();
    await server.stop();
  }
}

async function run(label: string, request: () => Promise<{ status: number }>): Promise<void> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < REQUESTS) {
        next += 1;
        const t = performance.now();
        const { status } = await request();
        if (status !== 200) throw new Error(`HTTP ${status}`);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(1);
  console.log(
    `${label}: ${latencies.length} requests, concurrency ${CONCURRENCY}: ${(latencies.length / seconds).toFixed(1)} req/s, ` +
      `p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, p99 ${at(0.99)} ms`,
  );
}

await main();
