// `npx tsx test/bench/explain-hot.ts`: the plans of the hot read statements on the database
// `npm start` uses (run `npm run seed -- --reset --scale 100` first; issue 14). Starts the four
// subgraphs and the gateway on it, runs the bench's representative operations once as their roles,
// records each subgraph's SQL with its parameters, and prints every distinct SELECT's plan as it
// ran (EXPLAIN ANALYZE with the request's own parameters): its time, the indexes it used and the
// tables it scanned without one; and for a statement with values, the same of its generic plan
// (EXPLAIN (GENERIC_PLAN)), which a prepared statement may keep. Figures, not assertions: a
// sequential scan of a small table (providers, regions, settlements) is the right plan.
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { sqlCounterOf } from '../../subgraphs/kit/data-source';
import { SqlStatementCounter } from '../../subgraphs/kit/sql-counter';
import { SUBGRAPH_NAMES } from '../../subgraphs/kit/schema-files';
import { openProjectDatabase } from '../../scripts/database';
import { startLocalStack } from '../setup/local-stack';
import { BENCH_OPERATIONS } from './operations';

// The bench's providers-and-systems part (test/bench/run.ts), on one line.
const SPANNING = `query Spanning {
  providers(first: 10) { edges { node { name hostedSystems(first: 50) { totalCount edges { node { code owner { name } } } } } } }
  systems(first: 100) { totalCount edges { node { code name owner { name region { name } } hostingProvider { name } } } }
}`;

const operation = (file: string) => readFileSync(file, 'utf8');

interface ExplainedOperation {
  label: string;
  claims: Record<string, unknown>;
  document: string;
  operationName?: string;
  variables?: Record<string, unknown>;
}

// `npm run bench`'s operations (their fixed-page forms), then the clients' own pages.
const OPERATIONS: ExplainedOperation[] = [
  ...BENCH_OPERATIONS.filter((op) => !op.varied).map((op) => ({
    label: op.title,
    claims: { ...op.claims },
    document: op.query,
    operationName: op.operationName,
    variables: op.variables,
  })),
  { label: 'city dashboard (BUREAU)', claims: { role: 'BUREAU' }, document: operation('operations/city/dashboard.graphql') },
  { label: 'analyst dashboard (AUDITOR)', claims: { role: 'AUDITOR' }, document: operation('operations/analyst/dashboard.graphql') },
  {
    label: 'county applications, page of 50 (COUNTY_AUTHORITY 371602)',
    claims: { role: 'COUNTY_AUTHORITY', region: '371602' },
    document: operation('operations/county/application-list.graphql'),
    operationName: 'CountyApplicationList',
    variables: { first: 50 },
  },
  {
    label: 'todoItems (BUREAU)',
    claims: { role: 'BUREAU' },
    document: operation('operations/city/todo.graphql'),
    variables: { first: 50 },
  },
  { label: 'providers.hostedSystems + systems (BUREAU)', claims: { role: 'BUREAU' }, document: SPANNING },
  {
    label: 'least-used systems over the monitoring window (BUREAU)',
    claims: { role: 'BUREAU' },
    document: operation('operations/analyst/least-used-systems.graphql'),
    variables: { from: '2026-10-28', to: '2026-11-26' },
  },
  {
    label: 'fees by county and provider, 2025 (BUREAU)',
    claims: { role: 'BUREAU' },
    document: operation('operations/analyst/fees-by-county-and-provider.graphql'),
    variables: { year: 2025 },
  },
];

/** The indexes a plan uses and the tables it scans without one. */
function scansOf(plan: string[]): string {
  const seq = plan
    .filter((line) => /Seq Scan on/.test(line))
    .map((line) =>
      line
        .trim()
        .replace(/^->\s*/, '')
        .replace(/\s+\(cost.*actual time=[\d.]+\.\.[\d.]+ rows=(\d+) loops=(\d+)\)/, ' (rows $1 × $2)')
        .replace(/\s+\(cost=.*\)$/, ''),
    );
  const indexes = [
    ...new Set(
      plan.flatMap((line) =>
        [...line.matchAll(/(?:Index Scan|Index Only Scan|Bitmap Index Scan)(?: Backward)? (?:using|on) (\w+)/g)].map((m) => m[1]),
      ),
    ),
  ];
  return `${indexes.join(', ') || 'none'}${seq.length ? `; seq scans: ${seq.join('; ')}` : ''}`;
}

const database = await openProjectDatabase();
const stack = await startLocalStack(database, { seed: false });
const owner = new pg.Client({ connectionString: database.migrationUrl });
await owner.connect();
const explained = new Set<string>();
try {
  for (const op of OPERATIONS) {
    const token = await stack.token(op.claims as never);
    const counters = SUBGRAPH_NAMES.map((name) => sqlCounterOf(stack.dataSources[name]));
    counters.forEach((counter) => counter.reset());
    const captured = SUBGRAPH_NAMES.map(() => [] as Array<{ sql: string; parameters: unknown[] }>);
    counters.forEach((counter, i) => {
      counter.logQuery = (sql: string, parameters?: unknown[]) => {
        captured[i]!.push({ sql, parameters: parameters ?? [] });
        SqlStatementCounter.prototype.logQuery.call(counter, sql, parameters);
      };
    });
    const started = performance.now();
    const response = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: op.document,
        operationName: op.operationName,
        variables: op.variables ?? {},
      }),
    });
    const body = (await response.json()) as { errors?: unknown };
    const ms = (performance.now() - started).toFixed(0);
    console.log(
      `\n## ${op.label}: HTTP ${response.status}, ${ms} ms${body.errors ? `, errors ${JSON.stringify(body.errors).slice(0, 300)}` : ''}`,
    );
    console.log(`SQL statements: ${SUBGRAPH_NAMES.map((name, i) => `${name} ${counters[i]!.count}`).join(', ')}`);
    for (const [i, name] of SUBGRAPH_NAMES.entries()) {
      for (const { sql, parameters } of captured[i]!) {
        if (!/^\s*\(?\s*(SELECT|WITH)/i.test(sql) || explained.has(sql)) continue;
        explained.add(sql);
        let plan: string[];
        try {
          const { rows } = await owner.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS OFF) ${sql}`, parameters);
          plan = rows.map((row) => row['QUERY PLAN']);
        } catch (error) {
          console.log(`- [${name}] (not explained: ${(error as Error).message}) ${sql.replace(/\s+/g, ' ').slice(0, 160)}`);
          continue;
        }
        const time = plan.find((line) => line.startsWith('Execution Time'))?.replace('Execution Time: ', '');
        console.log(`- [${name}] ${time}: ${sql.replace(/\s+/g, ' ').slice(0, 120)}…`);
        console.log(`    indexes: ${scansOf(plan)}`);
        // Reads with values run prepared (kit/prepared-statements.ts); after five runs PostgreSQL may
        // keep the generic plan, made without the values, so that plan must use an index too.
        if (parameters.length > 0) {
          try {
            const { rows } = await owner.query<{ 'QUERY PLAN': string }>(`EXPLAIN (GENERIC_PLAN) ${sql}`);
            console.log(`    generic plan: ${scansOf(rows.map((row) => row['QUERY PLAN']))}`);
          } catch (error) {
            console.log(`    generic plan: not explained (${(error as Error).message})`);
          }
        }
        if (process.env.EXPLAIN_FULL) console.log(`      ${sql.replace(/\s+/g, ' ')}\n${plan.map((line) => `      ${line}`).join('\n')}`);
      }
    }
  }
} finally {
  await owner.end();
  await stack.stop();
  await database.embedded?.stop();
}
