// `npm run bench` (the graph): the gateway and each subgraph as separate processes, as `npm start`
// runs them, on their own embedded PostgreSQL (with pg_stat_statements) seeded at a chosen scale;
// then, per representative operation (operations.ts): latency at concurrency 1, throughput at
// concurrency 10, errors, SQL statements per request counted by PostgreSQL, CPU ms per request and
// RSS of every process, and the gateway's overhead against the same subgraph fetches replayed
// directly. Optionally the same against another gateway (--gateway), another checkout's processes
// (--baseline) or this checkout on a world of another size (--against-scale), so that both see the
// same machine: their requests at concurrency 1 in turn, one by one, the rest round by round.
// Figures, not assertions.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Agent, request } from 'undici';
import { readGatewayConfig } from '../../gateway/src/config';
import { issueDevToken } from '../../gateway/src/dev-token';
import { createGateway } from '../../gateway/src/server';
import { migrateAll, migrateAndSeed } from '../../seed/run';
import { DEFAULT_SUBGRAPH_PORTS, readProcessLimits } from '../../subgraphs/kit/config';
import {
  DEFAULT_OWNER_ROLE,
  DEFAULT_SERVICE_ROLE,
  setUpDatabaseRoles,
  withClient,
  withDatabase,
  withLogin,
} from '../../subgraphs/kit/database-roles';
import { loadOrCreateDevKeys } from '../../subgraphs/kit/dev-keys';
import { startEmbeddedPostgres } from '../../subgraphs/kit/embedded-postgres';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../subgraphs/kit/schema-files';
import { stopWhenSupervisorGone } from '../../subgraphs/kit/supervised';
import { Supervisor, tsxEntry, waitForOk } from '../../scripts/processes';
import { childEnvironment } from '../../scripts/start-config';
import { bundleEntry, currentStartBuild } from '../../scripts/start-build';
import { freePort } from '../setup/free-port';
import { BENCH_OPERATIONS, nextVariables, withVariables, type BenchOperation } from './operations';
import { MEASURED_WINDOWS_FILE, monotonicMicroseconds, type MeasuredWindow } from './profile-summary';
import { cpuMsOf, memoryOf } from './proc-stats';
import { scaleRatios, type ScaleRatio } from './scale-ratios';
import { measurePairs, recordPlan, startRecordingProxies, type RecordedPlan } from './subgraph-fetches';

export interface GraphBenchOptions {
  /** The world's size: 1 is the demo seed; N seeds through `npm run seed -- --scale N`. */
  scale: number;
  /** Operation names (operations.ts); default all. */
  operations?: string[];
  /** Laid over each operation's variables in every request (withVariables). */
  variables?: Record<string, unknown>;
  /** Requests at concurrency 1 (latency, SQL statements) and of each replay. */
  requests: number;
  /** How long the concurrency phase runs, in ms. */
  durationMs: number;
  /**
   * Untimed load before each operation is measured, in ms (at the bench's concurrency): a process
   * just started, or a database just seeded, is not the one that serves all day (JIT, caches).
   */
  warmupMs: number;
  concurrency: number;
  /** Measuring rounds; each figure is the median over them. */
  rounds: number;
  /** Another gateway serving the same supergraph over this bench's subgraphs (which then listen on the usual ports). */
  gatewayUrl?: string;
  /** That gateway's process id, for its CPU and RSS. */
  gatewayPid?: number;
  /** Another checkout (say a worktree of main): its gateway and subgraphs run beside these, on the same database. */
  baselineDir?: string;
  /**
   * Another world's size (say 1 beside --scale 10): this checkout runs a second time, on a second
   * database seeded at that size, its requests at concurrency 1 sent in turn with the first's, so
   * the two scales' ratios come from one run on the same machine rather than from two runs minutes apart.
   */
  againstScale?: number;
  /** Where the JSON goes; default bench-results/<time>.json. */
  out?: string;
  /** Each process of this checkout writes a V8 CPU profile into `<dir>/<process>` when it stops (node --cpu-prof). */
  profileDir?: string;
  /** Lines of progress (default console.error). */
  log?: (line: string) => void;
}

export type ProcessName = SubgraphName | 'gateway';
const PROCESS_NAMES: ProcessName[] = ['gateway', ...SUBGRAPH_NAMES];

export interface OperationFigures {
  operation: string;
  target: string;
  latencyMs: { p50: number; p99: number; requests: number };
  /**
   * The median answer's size at concurrency 1: a scale ratio compares like with like only where
   * the answers are alike (the demo county's page has 5 applications, a scaled one's 50).
   */
  answerKb: number;
  throughput: { requestsPerSecond: number; requests: number; concurrency: number; seconds: number };
  errors: number;
  sqlStatementsPerRequest: number | undefined;
  cpuMsPerRequest: Partial<Record<ProcessName, number>>;
  /**
   * CPU ms per request of each process at concurrency 1, for the processes no other target shares:
   * what a request costs arriving alone, its processes woken from idle with their caches cold
   * (several times cpuMsPerRequest on a shared machine).
   */
  cpuMsPerRequestAlone: Partial<Record<ProcessName, number>>;
  rssMb: Partial<Record<ProcessName, number>>;
  peakRssMb: Partial<Record<ProcessName, number>>;
  /** Present for this checkout's gateway: its plan's fetches replayed straight to the subgraphs. */
  replay?: { fetches: number; representations: number; p50Ms: number; gatewayOverheadMs: number; gatewayOverheadShare: number };
}

export interface BenchResults {
  startedAt: string;
  scale: number;
  options: Omit<GraphBenchOptions, 'log'>;
  readySeconds: number;
  /** The median over the rounds, per target and operation. */
  figures: OperationFigures[];
  rounds: OperationFigures[][];
  /** With againstScale: per operation, the median figures at `scale` over those at `againstScale`. */
  scaleRatios?: ScaleRatio[];
  file: string;
}

interface Target {
  label: string;
  gatewayUrl: string;
  /** The database its statements are counted in (the run's own when unset). */
  database?: string;
  pids: () => Partial<Record<ProcessName, number>>;
  /** Replays its plan's fetches: only this checkout's gateway is captured. */
  fetches?: Map<string, RecordedPlan>;
}

const PG_SETTINGS = ['shared_preload_libraries=pg_stat_statements', 'pg_stat_statements.track_utility=off', 'pg_stat_statements.max=10000'];

export async function runGraphBench(options: GraphBenchOptions): Promise<BenchResults> {
  const log = options.log ?? ((line: string) => console.error(line));
  const operations = BENCH_OPERATIONS.filter((op) => !options.operations?.length || options.operations.includes(op.name)).map((op) =>
    options.variables ? withVariables(op, options.variables) : op,
  );
  if (operations.length === 0) throw new Error(`no such operation: ${options.operations?.join(', ')}`);
  const t0 = performance.now();
  const cleanups: Array<() => Promise<unknown>> = [];
  // Ctrl-C stops the processes and the database as the end of a run does.
  const interrupted = () => void cleanUp().finally(() => process.exit(130));
  const cleanUp = async () => {
    for (const cleanup of cleanups.splice(0).reverse())
      await cleanup().catch((error: unknown) => log(`bench: cleanup failed: ${String(error)}`));
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.removeAllListeners(signal);
    process.once(signal, interrupted);
  }
  // So does the end of a program that ran the bench with a channel to it (its e2e test).
  const unwatch = stopWhenSupervisorGone(interrupted);
  try {
    const keys = await loadOrCreateDevKeys();
    mkdirSync(path.resolve('.data'), { recursive: true });
    const dataDir = mkdtempSync(path.resolve('.data', 'bench-pg-'));
    const server = await startEmbeddedPostgres({ dataDir, port: await freePort(), ephemeral: true, settings: PG_SETTINGS });
    cleanups.push(() => server.stop());
    if (options.againstScale !== undefined && (options.baselineDir || options.gatewayUrl))
      throw new Error('--against-scale compares this checkout with itself: not with --baseline or --gateway');
    const passwords = { service: randomBytes(18).toString('base64url'), owner: randomBytes(18).toString('base64url') };
    const { database, urls } = await benchDatabase(server.serverUrl, 'govcloud_bench', passwords);
    const against = options.againstScale === undefined ? null : await benchDatabase(server.serverUrl, 'govcloud_bench_against', passwords);
    const supervisor = new Supervisor({
      restartInitialMs: 500,
      restartMaxMs: 5_000,
      stopGraceMs: 10_000,
      log,
      output: { stdout: process.stderr, stderr: process.stderr },
    });
    cleanups.push(() => supervisor.stop());
    const ours = await startProcesses(supervisor, '', {
      root: undefined,
      // Beside another checkout, which runs through tsx, these do too: the two compared like for like.
      fromBundles: !options.baselineDir,
      databaseUrl: urls.url,
      internalTokenSecret: keys.internalTokenSecret,
      fixedPorts: Boolean(options.gatewayUrl),
      profileDir: options.profileDir,
    });
    const againstProcesses =
      against &&
      (await startProcesses(supervisor, 'against-', {
        root: undefined,
        fromBundles: true,
        databaseUrl: against.urls.url,
        internalTokenSecret: keys.internalTokenSecret,
        fixedPorts: false,
      }));
    await seedWorld(options.scale, urls, database, log);
    if (against) await seedWorld(options.againstScale!, against.urls, against.database, log);
    log(`bench: databases seeded and vacuumed in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const targets: Target[] = [
      { label: against ? `scale ${options.scale}` : 'this checkout', gatewayUrl: ours.gatewayUrl, pids: ours.pids },
    ];
    if (against && againstProcesses) {
      targets.push({
        label: `against scale ${options.againstScale}`,
        gatewayUrl: againstProcesses.gatewayUrl,
        pids: againstProcesses.pids,
        database: against.database,
      });
    }
    if (options.baselineDir) {
      const baseline = await startProcesses(supervisor, 'baseline-', {
        root: path.resolve(options.baselineDir),
        fromBundles: false,
        databaseUrl: urls.url,
        internalTokenSecret: keys.internalTokenSecret,
        fixedPorts: false,
      });
      targets.push({ label: `baseline ${options.baselineDir}`, gatewayUrl: baseline.gatewayUrl, pids: baseline.pids });
    }
    if (options.gatewayUrl) {
      const subgraphPids = ours.pids;
      targets.push({
        label: `gateway ${options.gatewayUrl}`,
        gatewayUrl: options.gatewayUrl,
        pids: () => ({ ...subgraphPids(), gateway: options.gatewayPid }),
      });
    }
    await Promise.all(targets.map((target) => waitForOk(new URL('/health', target.gatewayUrl).toString(), 120_000).catch(() => undefined)));
    await Promise.all(
      targets.slice(0, targets.length - (options.gatewayUrl ? 1 : 0)).map((target) => waitForOk(readyUrl(target), 120_000)),
    );
    const readySeconds = (performance.now() - t0) / 1000;
    log(`bench: database, seed and processes ready in ${readySeconds.toFixed(1)} s`);

    const tokens = new Map<BenchOperation, string>();
    for (const op of operations) tokens.set(op, await issueDevToken(op.claims, { expiresIn: '12h' }));
    const agent = new Agent({ keepAliveTimeout: 4_000, connections: Math.max(options.concurrency, 16) });
    cleanups.push(() => agent.close());

    // The plan's fetches, recorded over five requests through an in-process gateway of this checkout.
    targets[0]!.fetches = await captureFetches(operations, tokens, ours.subgraphUrls, ours.gatewayEnv, keys.internalTokenSecret);

    const rounds: OperationFigures[][] = [];
    // When this checkout's processes were measured, for `profile-summary` to leave out their start.
    const measured: MeasuredWindow[] = [];
    for (let round = 1; round <= options.rounds; round++) {
      const figures: OperationFigures[] = [];
      for (const op of operations) {
        const context: MeasureContext = { ...options, database, agent, secret: keys.internalTokenSecret };
        const token = tokens.get(op)!;
        log(`bench: round ${round}/${options.rounds}, ${op.name}: concurrency 1 via ${targets.map((t) => t.label).join(' and ')}`);
        const startUs = monotonicMicroseconds();
        const latencies = await measureLatencies(op, targets, token, context);
        for (const [i, target] of targets.entries()) {
          log(`bench: round ${round}/${options.rounds}, ${op.name}: concurrency ${options.concurrency} via ${target.label}`);
          figures.push(await measure(op, target, token, context, latencies[i]!));
          if (i === 0) measured.push({ operation: op.name, startUs, endUs: monotonicMicroseconds() });
        }
      }
      rounds.push(figures);
    }
    const figures = rounds[0]!.map((first, i) =>
      medianFigures(
        rounds.map((round) => round[i]!),
        first,
      ),
    );
    if (options.profileDir) {
      mkdirSync(path.resolve(options.profileDir), { recursive: true });
      writeFileSync(path.join(path.resolve(options.profileDir), MEASURED_WINDOWS_FILE), JSON.stringify(measured));
    }
    const startedAt = new Date().toISOString();
    const file = path.resolve(options.out ?? path.join('bench-results', `bench-${startedAt.replace(/[:.]/g, '-')}.json`));
    mkdirSync(path.dirname(file), { recursive: true });
    const { log: _log, ...recorded } = options;
    const results: BenchResults = { startedAt, scale: options.scale, options: recorded, readySeconds, figures, rounds, file };
    if (against) results.scaleRatios = scaleRatios(figures, rounds, targets[0]!.label, targets[1]!.label);
    writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
    return results;
  } finally {
    await cleanUp();
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.off(signal, interrupted);
    unwatch();
  }
}

function readyUrl(target: Target): string {
  return new URL('/ready', target.gatewayUrl).toString();
}

/** A database of the bench's server for one world, with the roles `npm start` uses and pg_stat_statements, migrated. */
async function benchDatabase(
  serverUrl: string,
  name: string,
  passwords: { service: string; owner: string },
): Promise<{ database: string; urls: { url: string; migrationUrl: string } }> {
  const database = withDatabase(serverUrl, name);
  const urls = {
    url: withLogin(database, { name: DEFAULT_SERVICE_ROLE, password: passwords.service }),
    migrationUrl: withLogin(database, { name: DEFAULT_OWNER_ROLE, password: passwords.owner }),
  };
  await setUpDatabaseRoles(serverUrl, urls);
  // The superuser reads and resets the statistics; the services run as the service role.
  await withClient(database, (client) => client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements'));
  // Migrated first, so the processes may start (and compile) while the world is seeded.
  await migrateAll(urls.migrationUrl);
  return { database, urls };
}

/** Seeds a world of `scale` into the database, then brings it to a server's steady state. */
async function seedWorld(scale: number, urls: { url: string; migrationUrl: string }, database: string, log: (line: string) => void) {
  const started = performance.now();
  log(`bench: seeding scale ${scale}…`);
  if (scale === 1) await migrateAndSeed(urls.migrationUrl);
  else await seedAtScale(scale, urls);
  // A world just written is not one a server has been running on: autovacuum would spend the
  // first minutes catching up on it (beside the measured requests, on the same cores), and until
  // then index-only scans read the heap. Brought to that steady state first, untimed.
  await withClient(database, (client) => client.query('VACUUM (ANALYZE)'));
  log(`bench: scale ${scale} seeded, vacuumed and analysed in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** `npm run seed -- --scale N` on the bench's database, as a child process (the scale seed's own command). */
async function seedAtScale(scale: number, urls: { url: string; migrationUrl: string }): Promise<void> {
  const child = spawn('npm', ['run', 'seed', '--', '--scale', String(scale)], {
    env: { ...process.env, DATABASE_URL: urls.url, MIGRATION_DATABASE_URL: urls.migrationUrl },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`npm run seed -- --scale ${scale} exited with ${code}`);
}

interface StartedProcesses {
  gatewayUrl: string;
  subgraphUrls: Record<SubgraphName, string>;
  gatewayEnv: NodeJS.ProcessEnv;
  pids: () => Partial<Record<ProcessName, number>>;
}

async function startProcesses(
  supervisor: Supervisor,
  prefix: string,
  given: {
    root: string | undefined;
    fromBundles: boolean;
    databaseUrl: string;
    internalTokenSecret: string;
    fixedPorts: boolean;
    profileDir?: string;
  },
): Promise<StartedProcesses> {
  const host = '127.0.0.1';
  const ports = {} as Record<SubgraphName, number>;
  for (const name of SUBGRAPH_NAMES) ports[name] = given.fixedPorts ? DEFAULT_SUBGRAPH_PORTS[name] : await freePort();
  const gatewayPort = await freePort();
  const env = childEnvironment(
    { ...process.env, RATE_LIMIT_PER_SECOND: '0', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', LOG_FORMAT: 'json' },
    { host, gatewayPort, ports },
    { databaseUrl: given.databaseUrl, internalTokenSecret: given.internalTokenSecret },
  );
  // Another checkout's files compile with its own tsconfig (decorators), while the keys stay this one's (.data/keys).
  if (given.root) for (const name of PROCESS_NAMES) env[name] = { ...env[name], TSX_TSCONFIG_PATH: path.join(given.root, 'tsconfig.json') };
  // One folder per process, so `npm run bench -- profile-summary` can tell them apart.
  const profile = (name: string) =>
    given.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.join(path.resolve(given.profileDir), `${prefix}${name}`)}`] : [];
  // This checkout's services run from the bundles `npm start` runs (built again only when a source
  // changed); another checkout's through tsx, which needs nothing built there.
  const build = given.fromBundles ? await currentStartBuild((line) => console.error(`bench: ${line}`)) : null;
  const entry = (name: string, file: string) => [
    ...profile(name),
    ...(build ? bundleEntry(build, name) : tsxEntry(given.root ? path.join(given.root, file) : file)),
  ];
  // The heap limits `npm start` gives each process (MAX_OLD_SPACE_MB, MAX_SEMI_SPACE_MB): without
  // them V8 sizes the heap from the machine's memory and collects late, and the RSS measured is not what runs.
  const { maxOldSpaceMb, maxSemiSpaceMb } = readProcessLimits(PROCESS_NAMES, process.env);
  const processes = new Map<ProcessName, ReturnType<Supervisor['start']>>();
  for (const name of SUBGRAPH_NAMES) {
    processes.set(
      name,
      supervisor.start({
        name: `${prefix}${name}`,
        args: entry(name, `subgraphs/${name}/index.ts`),
        env: env[name],
        maxOldSpaceMb: maxOldSpaceMb[name],
        maxSemiSpaceMb: maxSemiSpaceMb[name],
      }),
    );
  }
  processes.set(
    'gateway',
    supervisor.start({
      name: `${prefix}gateway`,
      args: entry('gateway', 'gateway/src/index.ts'),
      env: env.gateway,
      stopFirst: true,
      maxOldSpaceMb: maxOldSpaceMb.gateway,
      maxSemiSpaceMb: maxSemiSpaceMb.gateway,
    }),
  );
  const subgraphUrls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, env[name][`${name.toUpperCase()}_URL`]!])) as Record<
    SubgraphName,
    string
  >;
  return {
    gatewayUrl: `http://${host}:${gatewayPort}/graphql`,
    subgraphUrls,
    gatewayEnv: env.gateway,
    pids: () => Object.fromEntries(PROCESS_NAMES.map((name) => [name, processes.get(name)?.child?.pid])),
  };
}

async function captureFetches(
  operations: BenchOperation[],
  tokens: Map<BenchOperation, string>,
  subgraphUrls: Record<SubgraphName, string>,
  gatewayEnv: NodeJS.ProcessEnv,
  secret: string,
): Promise<Map<string, RecordedPlan>> {
  const proxies = await startRecordingProxies(subgraphUrls, secret);
  const env: NodeJS.ProcessEnv = { ...gatewayEnv, GATEWAY_PORT: '0' };
  for (const name of SUBGRAPH_NAMES) env[`${name.toUpperCase()}_URL`] = proxies.urls[name];
  const gateway = await createGateway(await readGatewayConfig(env));
  try {
    await new Promise<void>((resolve) => gateway.httpServer.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(gateway.httpServer.address() as AddressInfo).port}/graphql`;
    const agent = new Agent();
    const captured = new Map<string, RecordedPlan>();
    for (const op of operations) {
      const variables = planVariables(op);
      await send(url, op, tokens.get(op)!, agent, variables); // warms the plan cache and the directory
      captured.set(op.name, await recordPlan(proxies, () => send(url, op, tokens.get(op)!, agent, variables)));
    }
    await agent.close();
    return captured;
  } finally {
    await gateway.stop();
    await proxies.close();
  }
}

/**
 * The variables of the request whose plan is recorded and replayed: an operation whose requests
 * vary keeps its first variables there, so the gateway and the replay run the same fetches.
 */
function planVariables(op: BenchOperation): Record<string, unknown> {
  return op.varied ? op.varied(0) : (op.variables ?? {});
}

/**
 * One request of `op` (its next variables unless given): how long until the answer's last byte
 * arrived, whether it was answered with data and no errors, and the answer's size. The clock stops
 * at the last byte: decoding and parsing the answer is the bench's own work, and at concurrency 1
 * it would add the bench's cost of a larger answer to the graph's latency.
 */
async function ask(
  url: string,
  op: BenchOperation,
  token: string,
  agent: Agent,
  variables: Record<string, unknown> = nextVariables(op),
): Promise<{ ok: boolean; bytes: number; ms: number }> {
  const body = JSON.stringify({ query: op.query, operationName: op.operationName, variables });
  const started = performance.now();
  const answer = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body,
    dispatcher: agent,
  });
  const raw = await answer.body.arrayBuffer();
  const ms = performance.now() - started;
  const bytes = raw.byteLength;
  if (answer.statusCode !== 200) return { ok: false, bytes, ms };
  const parsed = JSON.parse(Buffer.from(raw).toString('utf8')) as { errors?: unknown[]; data?: unknown };
  return { ok: !parsed.errors?.length && parsed.data !== null && parsed.data !== undefined, bytes, ms };
}

/** True when the request was answered with data and no errors. */
async function send(...args: Parameters<typeof ask>): Promise<boolean> {
  return (await ask(...args)).ok;
}

interface MeasureContext extends GraphBenchOptions {
  database: string;
  agent: Agent;
  secret: string;
}

/** One target's requests at concurrency 1. */
export interface Latencies {
  ms: number[];
  bytes: number[];
  errors: number;
  /** Per request, of the target's own processes (cpuMsPerRequestAlone). */
  cpuMs: Partial<Record<ProcessName, number>>;
}

/**
 * Latency at concurrency 1, request by request in turn across the targets (their order swapped
 * every other pair), each pair with the same variables: on a shared machine whose load drifts
 * over seconds, every target then meets the same drift, and their ratio is the code's, not the
 * minute's. Each target is warmed up first (at the bench's concurrency, untimed).
 */
export async function measureLatencies(
  op: BenchOperation,
  targets: ReadonlyArray<Pick<Target, 'gatewayUrl'> & Partial<Pick<Target, 'pids'>>>,
  token: string,
  context: Pick<MeasureContext, 'agent' | 'requests' | 'warmupMs' | 'concurrency'>,
): Promise<Latencies[]> {
  const { agent } = context;
  for (const target of targets) {
    for (let i = 0; i < Math.min(5, context.requests); i++) await send(target.gatewayUrl, op, token, agent);
    const warm = performance.now() + context.warmupMs;
    await Promise.all(
      Array.from({ length: context.concurrency }, async () => {
        while (performance.now() < warm) await send(target.gatewayUrl, op, token, agent);
      }),
    );
  }
  const results: Latencies[] = targets.map(() => ({ ms: [], bytes: [], errors: 0, cpuMs: {} }));
  const pidsOf = targets.map((target) => target.pids?.() ?? {});
  const ownPids = pidsOf.map((pids, t) => {
    const others = new Set(pidsOf.flatMap((other, o) => (o === t ? [] : Object.values(other))));
    return Object.fromEntries(Object.entries(pids).filter(([, pid]) => pid !== undefined && !others.has(pid)));
  });
  const cpuBefore = ownPids.map((pids) => mapProcesses(pids, cpuMsOf));
  for (let i = 0; i < context.requests; i++) {
    const variables = nextVariables(op);
    const order = i % 2 === 0 ? targets.keys() : [...targets.keys()].reverse();
    for (const t of order) {
      const { ok, bytes, ms } = await ask(targets[t]!.gatewayUrl, op, token, agent, variables);
      results[t]!.ms.push(ms);
      results[t]!.bytes.push(bytes);
      if (!ok) results[t]!.errors++;
    }
  }
  ownPids.forEach((pids, t) => {
    const after = mapProcesses(pids, cpuMsOf);
    for (const name of PROCESS_NAMES) {
      const before = cpuBefore[t]![name];
      if (before !== undefined && after[name] !== undefined) results[t]!.cpuMs[name] = (after[name] - before) / context.requests;
    }
  });
  return results;
}

/** Requests sent one at a time to count the SQL statements PostgreSQL saw per request. */
const SQL_COUNTING_REQUESTS = 10;

/**
 * The rest of one target's figures for `op`, beside its latencies: SQL statements per request
 * (counted over requests of its own, as targets may share a database), then throughput, CPU and
 * memory at the bench's concurrency, and for this checkout's gateway the replay of its plan.
 */
async function measure(
  op: BenchOperation,
  target: Target,
  token: string,
  context: MeasureContext,
  latencies: Latencies,
): Promise<OperationFigures> {
  const { agent } = context;
  let errors = latencies.errors;

  const database = target.database ?? context.database;
  const counted = Math.min(SQL_COUNTING_REQUESTS, context.requests);
  await resetStatements(database);
  for (let i = 0; i < counted; i++) if (!(await send(target.gatewayUrl, op, token, agent))) errors++;
  const statements = await countStatements(database);

  // Concurrency N for a fixed time: throughput, CPU per request per process, memory.
  const pids = target.pids();
  const cpuBefore = mapProcesses(pids, cpuMsOf);
  let done = 0;
  const started = performance.now();
  const deadline = started + context.durationMs;
  await Promise.all(
    Array.from({ length: context.concurrency }, async () => {
      while (performance.now() < deadline) {
        if (!(await send(target.gatewayUrl, op, token, agent))) errors++;
        done++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpuAfter = mapProcesses(pids, cpuMsOf);
  const memory = mapProcesses(pids, memoryOf);
  const cpuMsPerRequest: Partial<Record<ProcessName, number>> = {};
  for (const name of PROCESS_NAMES) {
    const before = cpuBefore[name];
    const after = cpuAfter[name];
    if (before !== undefined && after !== undefined && done > 0) cpuMsPerRequest[name] = (after - before) / done;
  }

  const figures: OperationFigures = {
    operation: op.name,
    target: target.label,
    latencyMs: { p50: quantile(latencies.ms, 0.5), p99: quantile(latencies.ms, 0.99), requests: latencies.ms.length },
    answerKb: quantile(latencies.bytes, 0.5) / 1024,
    throughput: { requestsPerSecond: done / seconds, requests: done, concurrency: context.concurrency, seconds },
    errors,
    sqlStatementsPerRequest: statements === undefined ? undefined : statements / counted,
    cpuMsPerRequest,
    cpuMsPerRequestAlone: latencies.cpuMs,
    rssMb: Object.fromEntries(Object.entries(memory).map(([name, m]) => [name, m?.rssMb])),
    peakRssMb: Object.fromEntries(Object.entries(memory).map(([name, m]) => [name, m?.peakRssMb])),
  };

  const plan = target.fetches?.get(op.name);
  if (plan) {
    const pairs = await measurePairs(plan, context.requests, () => ask(target.gatewayUrl, op, token, agent, planVariables(op)), context);
    const p50 = quantile(pairs.replayMs, 0.5);
    const pairedP50 = quantile(pairs.gatewayMs, 0.5);
    const overhead = pairedP50 - p50;
    errors += pairs.errors;
    figures.replay = {
      fetches: plan.fetches.length,
      representations: plan.fetches.reduce((sum, fetch) => sum + (fetch.representations ?? 0), 0),
      p50Ms: p50,
      gatewayOverheadMs: overhead,
      gatewayOverheadShare: overhead / pairedP50,
    };
  }
  figures.errors = errors;
  return figures;
}

function mapProcesses<T>(
  pids: Partial<Record<ProcessName, number>>,
  read: (pid: number | undefined) => T,
): Partial<Record<ProcessName, T>> {
  return Object.fromEntries(PROCESS_NAMES.map((name) => [name, read(pids[name])]));
}

/** pg_stat_statements counts every statement of the service role (the graph's processes), utility ones aside. */
async function resetStatements(database: string): Promise<void> {
  await withClient(database, (client) => client.query('SELECT pg_stat_statements_reset()'));
}

async function countStatements(database: string): Promise<number | undefined> {
  return withClient(database, async (client) => {
    const { rows } = await client.query<{ calls: string }>(
      `SELECT coalesce(sum(s.calls), 0) AS calls
         FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid
        WHERE r.rolname = $1 AND s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
          -- the job queue's workers poll on their own, whatever the requests do
          AND s.query NOT ILIKE '%graphile_worker%'`,
      [DEFAULT_SERVICE_ROLE],
    );
    return Number(rows[0]!.calls);
  });
}

export function quantile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function median(values: Array<number | undefined>): number | undefined {
  const present = values.filter((value): value is number => value !== undefined && Number.isFinite(value));
  return present.length === 0 ? undefined : quantile(present, 0.5);
}

function medianRecord<K extends string>(records: Array<Partial<Record<K, number>>>): Partial<Record<K, number>> {
  const keys = new Set(records.flatMap((record) => Object.keys(record) as K[]));
  return Object.fromEntries([...keys].map((key) => [key, median(records.map((record) => record[key]))])) as Partial<Record<K, number>>;
}

function medianFigures(all: OperationFigures[], first: OperationFigures): OperationFigures {
  const m = (pick: (figures: OperationFigures) => number | undefined) => median(all.map(pick)) ?? NaN;
  return {
    operation: first.operation,
    target: first.target,
    latencyMs: { p50: m((f) => f.latencyMs.p50), p99: m((f) => f.latencyMs.p99), requests: first.latencyMs.requests },
    answerKb: m((f) => f.answerKb),
    throughput: {
      ...first.throughput,
      requestsPerSecond: m((f) => f.throughput.requestsPerSecond),
      requests: m((f) => f.throughput.requests),
    },
    errors: all.reduce((sum, f) => sum + f.errors, 0),
    sqlStatementsPerRequest: median(all.map((f) => f.sqlStatementsPerRequest)),
    cpuMsPerRequest: medianRecord(all.map((f) => f.cpuMsPerRequest)),
    cpuMsPerRequestAlone: medianRecord(all.map((f) => f.cpuMsPerRequestAlone)),
    rssMb: medianRecord(all.map((f) => f.rssMb)),
    peakRssMb: Object.fromEntries(
      PROCESS_NAMES.map((name) => [name, Math.max(...all.map((f) => f.peakRssMb[name] ?? NaN).filter(Number.isFinite))]),
    ),
    replay: first.replay && {
      fetches: first.replay.fetches,
      representations: first.replay.representations,
      p50Ms: m((f) => f.replay?.p50Ms),
      gatewayOverheadMs: m((f) => f.replay?.gatewayOverheadMs),
      gatewayOverheadShare: m((f) => f.replay?.gatewayOverheadShare),
    },
  };
}
