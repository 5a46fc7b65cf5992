// `npm run bench [graph|scale-targets|profile-summary|access-submission|monitoring-import] [-- options]`:
// see graph-bench.ts for the graph bench (the default) and README's "Benchmark"; scale-targets.ts and
// profile-summary.ts for those two; the last two are the bulk benches, run in one process as before
// (access-submission.ts, monitoring-import.ts).
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { integerOption, parseCli, usageError, type CliOptions, type CliSpec } from '../../scripts/cli';
import { DEFAULT_OWNER_ROLE, DEFAULT_SERVICE_ROLE, setUpDatabaseRoles, withDatabase, withLogin } from '../../subgraphs/kit/database-roles';
import { startEmbeddedPostgres } from '../../subgraphs/kit/embedded-postgres';
import { configureLogging } from '../../subgraphs/kit/log';
import { startLocalStack, type Stack } from '../setup/local-stack';
import { freePort } from '../setup/free-port';
import { benchAccessSubmission } from './access-submission';
import { runGraphBench } from './graph-bench';
import { formatProfileSummaries, summarizeProfiles } from './profile-summary';
import { formatScaleTargets, runScaleTargets } from './scale-targets';
import { benchMonitoringImport } from './monitoring-import';
import { BENCH_OPERATIONS } from './operations';
import { formatTable } from './table';

const spec = {
  usage:
    'npm run bench -- [graph|scale-targets|profile-summary|access-submission|monitoring-import] [--scale N] [--gateway URL] [--baseline DIR] …',
  help: `
测量整个图：网关和四个子图各自为独立进程（同 npm start），嵌入式 PostgreSQL 带 pg_stat_statements。
Measures the graph: the gateway and each subgraph as separate processes (as npm start runs them) on an
embedded PostgreSQL with pg_stat_statements; per operation (${BENCH_OPERATIONS.map((op) => op.name).join(', ')}):
p50/p99 at concurrency 1, req/s at concurrency 10, errors, SQL statements per request, CPU ms per
request and RSS per process, and the gateway's overhead against its subgraph fetches replayed directly.

  graph (default)       上述测量 (the above)
  scale-targets         在保留的 N 倍数据库上（只播种一次，--data-dir，默认 .data/bench-scale-N）：npm start 就绪用时、
                        全部 8 个层级的年度结算、100 万条监测样本导入（试运行）
                        (on a kept database of scale N, seeded once: npm start to ready, a year's settlement
                        at all 8 levels, importing 1,000,000 samples as a dry run)
  profile-summary       汇总 --profile DIR 中各进程的 CPU 剖析：忙时、垃圾回收占比、自身耗时最多的函数 (--top N，默认 25)
                        (where each process's CPU went in the profiles --profile DIR holds: busy time, the
                        garbage collector's share, the functions with the most self time)
  access-submission     5,000 条访问记录批量提交 (bulk access records, one process)
  monitoring-import     监测数据文件导入 (monitoring file import; BENCH_MONITORING_ROWS)

  --scale N             数据规模，1 为演示数据；N>1 用 npm run seed -- --scale N (world size; default 1)
  --operations a,b      只测这些操作 (only these operations)
  --variables JSON      叠加到每个操作变量上，如 '{"first":5}' (laid over each operation's variables)
  --requests N          并发 1 的请求数及重放次数 (requests at concurrency 1 and replays; default 200)
  --duration S          并发阶段秒数 (seconds of the concurrency phase; default 10)
  --concurrency N       并发数 (default 10)
  --warmup S            每个操作测量前以该并发预热的秒数，不计时 (untimed load before each operation; default 3)
  --rounds N            交替测量的轮数，取中位数 (rounds, median taken; default 1, 3 with --baseline/--gateway/--against-scale)
  --gateway URL         同时测另一个提供同一超级图的网关；子图改用固定端口 4001–4004
                        (also drive another gateway; the subgraphs then listen on 4001–4004)
  --gateway-pid PID     该网关的进程号，用于 CPU 和内存 (its pid, for CPU and RSS)
  --baseline DIR        另一份检出（如 main 的 worktree）的网关与子图同库并行，交替测量 (another checkout, interleaved)
  --against-scale M     本检出在另一个 M 倍数据库上再运行一份，与 --scale N 逐个请求交替，打印 N/M 的规模比
                        (this checkout again on a second world of scale M, interleaved with --scale N: the ratios in one run)
  --data-dir DIR        scale-targets 保留数据库的目录 (where scale-targets keeps its database)
  --out FILE            结果 JSON (default bench-results/bench-<time>.json)
  --profile DIR         本检出的各进程停止时写 V8 CPU 剖析，每进程一个子目录 (each process writes a .cpuprofile
                        into DIR/<process> on stop; profile-summary reads them)
  --top N               profile-summary 每进程列出的函数数 (functions listed per process; default 25)
  --tiny                极少请求，用于测试 (a few requests: the bench's own test)`,
  options: {
    scale: { type: 'string' },
    operations: { type: 'string' },
    variables: { type: 'string' },
    requests: { type: 'string' },
    duration: { type: 'string' },
    concurrency: { type: 'string' },
    warmup: { type: 'string' },
    rounds: { type: 'string' },
    gateway: { type: 'string' },
    'gateway-pid': { type: 'string' },
    baseline: { type: 'string' },
    'against-scale': { type: 'string' },
    out: { type: 'string' },
    profile: { type: 'string' },
    top: { type: 'string' },
    'data-dir': { type: 'string' },
    tiny: { type: 'boolean' },
  },
  positionals: { min: 0, max: 1 },
} satisfies CliSpec<CliOptions>;

const { values, positionals } = parseCli(spec);
const command = positionals[0] ?? 'graph';
configureLogging('bench', { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });

if (command === 'graph') {
  const tiny = values.tiny === true;
  const compared = values.gateway !== undefined || values.baseline !== undefined || values['against-scale'] !== undefined;
  const str = (name: string) => values[name] as string | undefined;
  const results = await runGraphBench({
    scale: integerOption(spec, 'scale', str('scale'), { min: 1, max: 1000, fallback: 1 }),
    operations: str('operations')
      ?.split(',')
      .map((name) => name.trim()),
    variables: variablesOption(str('variables')),
    requests: integerOption(spec, 'requests', str('requests'), { min: 1, max: 100_000, fallback: tiny ? 3 : 200 }),
    durationMs: 1000 * integerOption(spec, 'duration', str('duration'), { min: 1, max: 3600, fallback: tiny ? 1 : 10 }),
    concurrency: integerOption(spec, 'concurrency', str('concurrency'), { min: 1, max: 1000, fallback: tiny ? 2 : 10 }),
    warmupMs: 1000 * integerOption(spec, 'warmup', str('warmup'), { min: 0, max: 600, fallback: tiny ? 0 : 3 }),
    rounds: integerOption(spec, 'rounds', str('rounds'), { min: 1, max: 100, fallback: compared && !tiny ? 3 : 1 }),
    gatewayUrl: str('gateway'),
    gatewayPid:
      str('gateway-pid') === undefined
        ? undefined
        : integerOption(spec, 'gateway-pid', str('gateway-pid'), { min: 1, max: 2 ** 31, fallback: 0 }),
    baselineDir: str('baseline'),
    againstScale:
      str('against-scale') === undefined
        ? undefined
        : integerOption(spec, 'against-scale', str('against-scale'), { min: 1, max: 1000, fallback: 1 }),
    out: str('out'),
    profileDir: str('profile'),
  });
  console.log(formatTable(results));
} else if (command === 'scale-targets') {
  const figures = await runScaleTargets({
    scale: integerOption(spec, 'scale', values.scale as string | undefined, { min: 1, max: 1000, fallback: 100 }),
    dataDir: values['data-dir'] as string | undefined,
  });
  console.log(formatScaleTargets(figures));
} else if (command === 'profile-summary') {
  const dir = values.profile as string | undefined;
  if (dir === undefined) usageError(spec, 'profile-summary 需要 --profile DIR (needs --profile DIR)');
  const top = integerOption(spec, 'top', values.top as string | undefined, { min: 1, max: 1000, fallback: 25 });
  console.log(formatProfileSummaries(summarizeProfiles(dir!, top)));
} else if (command === 'access-submission' || command === 'monitoring-import') {
  await inOneProcess(command === 'access-submission' ? benchAccessSubmission : benchMonitoringImport);
} else {
  usageError(spec, `未知的子命令 (unknown command): ${command}`);
}

/** `--variables`: a JSON object laid over each operation's variables. */
function variablesOption(raw: string | undefined): Record<string, unknown> | undefined {
  if (raw === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    value = undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    usageError(spec, `--variables 须为 JSON 对象 (must be a JSON object), e.g. '{"first":5}': ${raw}`);
  }
  return value as Record<string, unknown>;
}

/** The bulk benches: the whole graph in this process (test/setup/local-stack.ts) on a throw-away database. */
async function inOneProcess(bench: (stack: Stack) => Promise<void>): Promise<void> {
  const dataDir = mkdtempSync(path.resolve('.data', 'bench-pg-'));
  const server = await startEmbeddedPostgres({ dataDir, port: await freePort(), ephemeral: true });
  const database = withDatabase(server.serverUrl, 'govcloud_bench');
  const urls = {
    url: withLogin(database, { name: DEFAULT_SERVICE_ROLE, password: randomBytes(18).toString('base64url') }),
    migrationUrl: withLogin(database, { name: DEFAULT_OWNER_ROLE, password: randomBytes(18).toString('base64url') }),
  };
  await setUpDatabaseRoles(server.serverUrl, urls);
  const stack = await startLocalStack(urls, { seed: true });
  try {
    await bench(stack);
  } finally {
    await stack.stop();
    await server.stop();
  }
}
