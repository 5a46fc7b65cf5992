// `npm run bench -- scale-targets [--scale N] [--data-dir DIR]`: issue 14's three targets on a big
// world, measured as a person would meet them, on a database kept between runs (seeded once, by
// `npm run seed -- --scale N`, into DIR; default .data/bench-scale-<N>):
//
//   start       `npm start` on that existing database, from the command to its gateway's /ready
//   settlement  a year's fee settlement of every level (the city and the seven counties), through
//               the started gateway: created, or recalculated / corrected when it exists already
//   import      one million monitoring samples as `npm run import:monitoring -- --dry-run` imports
//               them (the whole import, roll-ups included, then rolled back, so every run imports the
//               same rows), timed by the import itself
//
// Figures, not assertions: a table, and JSON in bench-results/.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { request } from 'undici';
import { issueDevToken } from '../../gateway/src/dev-token';
import { WORLD_TODAY } from '../../seed/world/types';
import { DEFAULT_OWNER_ROLE, DEFAULT_SERVICE_ROLE, setUpDatabaseRoles, withDatabase, withLogin } from '../../subgraphs/kit/database-roles';
import { startEmbeddedPostgres } from '../../subgraphs/kit/embedded-postgres';
import { CITY_REGION_CODE, REGIONS } from '../../subgraphs/kit/regions';
import { SUBGRAPH_NAMES } from '../../subgraphs/kit/schema-files';
import { createDataSource } from '../../subgraphs/supervision/data-source';
import { formatImportSummary, importMonitoringFile, type ImportSummary } from '../../subgraphs/supervision/monitoring/ingest/import-file';
import { waitForOk } from '../../scripts/processes';
import { freePort } from '../setup/free-port';

export interface ScaleTargetOptions {
  scale: number;
  dataDir?: string;
  /** The settled year (default the year before the world's today). */
  year?: number;
  /** Samples in the import (default 1,000,000). */
  importRows?: number;
  log?: (line: string) => void;
}

export interface ScaleTargetFigures {
  scale: number;
  startReadySeconds: number;
  settlement: { year: number; seconds: number; levels: Array<{ regionCode: string; action: string; seconds: number; lineCount: number }> };
  import: { rows: number; seconds: number; phases: ImportSummary['phases']; summary: string };
  file: string;
}

const SEEDED_MARK = 'govcloud-bench-scale.json';

export async function runScaleTargets(options: ScaleTargetOptions): Promise<ScaleTargetFigures> {
  const log = options.log ?? ((line: string) => console.error(line));
  const dataDir = path.resolve(options.dataDir ?? path.join('.data', `bench-scale-${options.scale}`));
  const year = options.year ?? Number(WORLD_TODAY.slice(0, 4)) - 1;
  const rows = options.importRows ?? 1_000_000;
  mkdirSync(path.dirname(dataDir), { recursive: true });
  const server = await startEmbeddedPostgres({ dataDir, port: await freePort() });
  try {
    const database = withDatabase(server.serverUrl, 'govcloud');
    const urls = {
      url: withLogin(database, { name: DEFAULT_SERVICE_ROLE, password: randomBytes(18).toString('base64url') }),
      migrationUrl: withLogin(database, { name: DEFAULT_OWNER_ROLE, password: randomBytes(18).toString('base64url') }),
    };
    await setUpDatabaseRoles(server.serverUrl, urls);
    const env = { ...process.env, DATABASE_URL: urls.url, MIGRATION_DATABASE_URL: urls.migrationUrl, LOG_LEVEL: 'warn' };
    await seedOnce(dataDir, options.scale, env, log);

    log('scale-targets: npm start on the existing database…');
    const started = await startLikeAPerson(env);
    let settlement: ScaleTargetFigures['settlement'];
    try {
      log(`scale-targets: npm start ready in ${started.seconds.toFixed(1)} s; settling ${year} at every level…`);
      settlement = await settleEveryLevel(started.gatewayUrl, year, log);
    } finally {
      await started.stop();
    }

    const samples = path.join(path.dirname(dataDir), `bench-samples-${rows}.csv`);
    if (!existsSync(samples)) await run('npm', ['run', 'generate:monitoring', '--', '--rows', String(rows), '--out', samples], env);
    log(`scale-targets: importing ${rows.toLocaleString('en-US')} samples (dry run)…`);
    const importFigures = await importDryRun(urls.url, samples);
    await vacuumWhatARunLeaves(database, log);
    const file = path.resolve('bench-results', `scale-targets-${options.scale}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    const figures: ScaleTargetFigures = {
      scale: options.scale,
      startReadySeconds: started.seconds,
      settlement,
      import: importFigures,
      file,
    };
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(figures, null, 2)}\n`);
    return figures;
  } finally {
    await server.stop();
  }
}

/** What `npm run import:monitoring -- --dry-run` does, in this process, for the import's own timing and phases. */
async function importDryRun(url: string, file: string): Promise<ScaleTargetFigures['import']> {
  const dataSource = createDataSource(url);
  await dataSource.initialize();
  try {
    const summary = await importMonitoringFile(dataSource, file, { progress: null, dryRun: true });
    return { rows: summary.rowsRead, seconds: summary.seconds, phases: summary.phases, summary: formatImportSummary(summary) };
  } finally {
    await dataSource.destroy();
  }
}

/**
 * The dry run's million rolled-back rows and the settlement's replaced lines stay as dead rows until
 * a VACUUM; a server running for days has autovacuum clear them, but the bench's server lives for a
 * minute. Left there, each run's import checks its keys against every earlier run's dead copies and
 * the next run is slower for it, so the bench vacuums what it wrote (untimed).
 */
async function vacuumWhatARunLeaves(database: string, log: (line: string) => void): Promise<void> {
  const client = new pg.Client({ connectionString: database });
  await client.connect();
  try {
    const t = performance.now();
    await client.query(
      `VACUUM (ANALYZE) supervision.system_sample, supervision.monitoring_daily, applications.settlement, applications.settlement_line,
         applications.settlement_provider_total, applications.settlement_confirmation`,
    );
    log(`scale-targets: vacuumed what this run left (${((performance.now() - t) / 1000).toFixed(1)} s, untimed)`);
  } finally {
    await client.end();
  }
}

/** Seeds the kept database at `scale` the first time; a database seeded at another scale is refused. */
async function seedOnce(dataDir: string, scale: number, env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<void> {
  const mark = path.join(dataDir, SEEDED_MARK);
  if (existsSync(mark)) {
    const seeded = (JSON.parse(readFileSync(mark, 'utf8')) as { scale: number }).scale;
    if (seeded !== scale) throw new Error(`${dataDir} holds a world of scale ${seeded}, not ${scale}: choose another --data-dir`);
    return;
  }
  log(`scale-targets: seeding scale ${scale} into ${dataDir} (once; kept for the next run)…`);
  await run('npm', ['run', 'seed', '--', '--scale', String(scale)], env, 'inherit');
  writeFileSync(mark, JSON.stringify({ scale, seededAt: new Date().toISOString() }));
}

/** `npm start` as a person types it, timed until its gateway answers /ready; stop() is their Ctrl-C. */
async function startLikeAPerson(base: NodeJS.ProcessEnv): Promise<{ seconds: number; gatewayUrl: string; stop: () => Promise<void> }> {
  // A year's settlement of the whole city is one mutation that may run past the default 10 s a
  // subgraph fetch is given; the target is a minute.
  const env: NodeJS.ProcessEnv = { ...base, GATEWAY_PORT: String(await freePort()), SUBGRAPH_TIMEOUT_MS: '120000' };
  for (const name of SUBGRAPH_NAMES) env[`${name.toUpperCase()}_PORT`] = String(await freePort());
  const t = performance.now();
  // Its own process group, so stop() reaches npm, the supervisor and the services as Ctrl-C does.
  const child = spawn('npm', ['start'], { env, stdio: ['ignore', 'ignore', 'inherit'], detached: true });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    try {
      process.kill(-child.pid!, 'SIGINT');
    } catch {
      // already gone
    }
    await exited;
  };
  try {
    await Promise.race([
      waitForOk(`http://127.0.0.1:${env.GATEWAY_PORT}/ready`, 300_000),
      exited.then(() => Promise.reject(new Error('npm start exited before it was ready'))),
    ]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { seconds: (performance.now() - t) / 1000, gatewayUrl: `http://127.0.0.1:${env.GATEWAY_PORT}/graphql`, stop };
}

const SETTLEMENT_FIELDS = 'id number status version lineCount';

/** Every level's settlement for `year`, one after another as the bureau and the counties would. */
async function settleEveryLevel(gatewayUrl: string, year: number, log: (line: string) => void): Promise<ScaleTargetFigures['settlement']> {
  const levels: ScaleTargetFigures['settlement']['levels'] = [];
  const t0 = performance.now();
  for (const regionCode of [
    CITY_REGION_CODE,
    ...REGIONS.filter((region) => region.code !== CITY_REGION_CODE).map((region) => region.code),
  ]) {
    const claims = regionCode === CITY_REGION_CODE ? { role: 'BUREAU' } : { role: 'COUNTY_AUTHORITY', region: regionCode };
    const token = await issueDevToken({ sub: 'bench-scale-targets', ...claims }, { expiresIn: '1h' });
    const existing = await graphql<{ settlements: { edges: Array<{ node: Settled }> } }>(
      gatewayUrl,
      token,
      `query ($year: Int!, $regionCode: ID!) { settlements(first: 100, filter: { year: $year, regionCode: $regionCode }) { edges { node { ${SETTLEMENT_FIELDS} } } } }`,
      { year, regionCode },
    );
    const latest = existing.settlements.edges.map((edge) => edge.node).sort((a, b) => revisionOf(b) - revisionOf(a))[0];
    const t = performance.now();
    let action: string;
    let settled: Settled;
    if (!latest) {
      action = 'createSettlement';
      settled = (
        await graphql<{ createSettlement: Settled }>(
          gatewayUrl,
          token,
          `mutation ($input: CreateSettlementInput!) { createSettlement(input: $input) { ${SETTLEMENT_FIELDS} } }`,
          { input: { year, regionCode } },
        )
      ).createSettlement;
    } else if (latest.status === 'CONFIRMED') {
      action = 'correctSettlement';
      settled = (
        await graphql<{ correctSettlement: Settled }>(
          gatewayUrl,
          token,
          `mutation ($id: ID!, $version: Int!) { correctSettlement(id: $id, version: $version, reason: "规模基准测试 (scale bench)") { ${SETTLEMENT_FIELDS} } }`,
          latest,
        )
      ).correctSettlement;
    } else {
      action = 'recalculateSettlement';
      settled = (
        await graphql<{ recalculateSettlement: Settled }>(
          gatewayUrl,
          token,
          `mutation ($id: ID!, $version: Int!) { recalculateSettlement(id: $id, version: $version) { ${SETTLEMENT_FIELDS} } }`,
          latest,
        )
      ).recalculateSettlement;
    }
    const seconds = (performance.now() - t) / 1000;
    log(`scale-targets: ${regionCode} ${action} ${settled.number}: ${settled.lineCount} lines in ${seconds.toFixed(1)} s`);
    levels.push({ regionCode, action, seconds, lineCount: settled.lineCount });
  }
  return { year, seconds: (performance.now() - t0) / 1000, levels };
}

interface Settled {
  id: string;
  number: string;
  status: string;
  version: number;
  lineCount: number;
}

/** JS-2025-371602-2 → 2. */
function revisionOf(settlement: Settled): number {
  return Number(settlement.number.split('-').at(-1));
}

async function graphql<T>(url: string, token: string, query: string, variables: object): Promise<T> {
  const answer = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
    headersTimeout: 600_000,
    bodyTimeout: 600_000,
  });
  const body = (await answer.body.json()) as { data?: T; errors?: Array<{ message: string }> };
  if (body.errors?.length || !body.data) throw new Error(`GraphQL: ${body.errors?.map((error) => error.message).join('; ')}`);
  return body.data;
}

/** A command's stdout (or, with 'inherit', shown as it runs); a failure is an error naming it. */
async function run(command: string, args: string[], env: NodeJS.ProcessEnv, stdout: 'pipe' | 'inherit' = 'pipe'): Promise<string> {
  const child = spawn(command, args, { env, stdio: ['ignore', stdout, 'inherit'] });
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${code}`);
  return text;
}

/** The figures as a table, each beside its target. */
export function formatScaleTargets(figures: ScaleTargetFigures): string {
  const city = figures.settlement.levels.find((level) => level.regionCode === CITY_REGION_CODE);
  const rows: Array<[string, string, string]> = [
    ['npm start ready (existing database)', `${figures.startReadySeconds.toFixed(1)} s`, '< 10 s'],
    [
      `settlement ${figures.settlement.year}, all ${figures.settlement.levels.length} levels`,
      `${figures.settlement.seconds.toFixed(1)} s (city ${city?.seconds.toFixed(1) ?? '–'} s)`,
      '< 60 s',
    ],
    [`import ${figures.import.rows.toLocaleString('en-US')} samples (dry run)`, `${figures.import.seconds.toFixed(1)} s`, '< 10 s'],
  ];
  const width = Math.max(...rows.map((row) => row[0].length));
  return [
    `npm run bench -- scale-targets — scale ${figures.scale}`,
    ...rows.map(([what, figure, target]) => `${what.padEnd(width)} | ${figure.padStart(22)} | target ${target}`),
    '',
    figures.import.summary,
    `results: ${figures.file}`,
  ].join('\n');
}
