// `npm start` with a setting that makes no sense stops at once with one line saying what to fix,
// before any database, process or "ready" — not after a 90 s wait, and not by a job failing later
// (issue 13: GOVCLOUD_TODAY=2026-13-45 or tomorrow reported ready and then failed the hourly overdue
// job; GATEWAY_PORT=6000, a port fetch refuses, waited 90 s and stopped everything).
import { spawn } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { Supervisor } from '../../../scripts/processes';
import { currentStartBuild } from '../../../scripts/start-build';
import { CONFIG_EXIT_CODE } from '../../../subgraphs/kit/config';
import { freePort } from '../../setup/free-port';

interface Outcome {
  code: number | null;
  lines: string[];
  /** True when it had to be stopped: it went on starting instead of ending by itself. */
  stopped: boolean;
}

/**
 * Runs `entry` (scripts/start.js by Node, as `npm start` does; a TypeScript entry through tsx) with
 * `bad` over a clean environment; SIGINT after `limitMs`.
 */
async function start(bad: Record<string, string>, entry = 'scripts/start.js', limitMs = 15_000): Promise<Outcome> {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, EMBEDDED_PG_PORT: String(await freePort()) };
  for (const name of ['GATEWAY', 'PROVIDERS', 'APPLICATIONS', 'SECURITY', 'SUPERVISION']) env[`${name}_PORT`] = String(await freePort());
  const args = entry.endsWith('.ts') ? ['--import', 'tsx', entry] : [entry];
  const child = spawn(process.execPath, args, { env: { ...env, ...bad }, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let stopped = false;
  const timer = setTimeout(() => {
    stopped = true;
    child.kill('SIGINT');
  }, limitMs);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)));
  clearTimeout(timer);
  return { code, lines: output.split('\n').filter((line) => line.trim()), stopped };
}

const cases: Array<[string, Record<string, string>, RegExp]> = [
  ['a day that does not exist', { GOVCLOUD_TODAY: '2026-13-45' }, /^GOVCLOUD_TODAY=2026-13-45 .*YYYY-MM-DD/],
  ['a word for a date', { GOVCLOUD_TODAY: 'tomorrow' }, /^GOVCLOUD_TODAY=tomorrow .*YYYY-MM-DD/],
  ['a database URL that is no URL', { DATABASE_URL: 'not-a-url' }, /^DATABASE_URL .*postgres:\/\//],
  ['a read replica URL that is no postgres:// URL', { DATABASE_READ_URL: 'mysql://db-ro/govcloud' }, /^DATABASE_READ_URL .*postgres:\/\//],
  ['a port fetch refuses', { GATEWAY_PORT: '6000' }, /^GATEWAY_PORT=6000 .*X11/],
  ['a subgraph port fetch refuses', { SUPERVISION_PORT: '10080' }, /^SUPERVISION_PORT=10080 .*Amanda/],
  ['a number that is none', { SHUTDOWN_GRACE_MS: 'soon' }, /^SHUTDOWN_GRACE_MS=soon /],
  ['a subgraph setting out of range', { UTILISATION_MIN_DAYS_WITH_DATA: '0' }, /^UTILISATION_MIN_DAYS_WITH_DATA=0 /],
  ['an unknown enumeration value', { MATERIAL_STORE: 'disk' }, /^MATERIAL_STORE .*postgres 或 s3/],
  ['a misspelt environment', { NODE_ENV: 'prod' }, /^NODE_ENV=prod .*production/],
  ['a trace collector that is no URL', { OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' }, /^OTEL_EXPORTER_OTLP_ENDPOINT=collector:4318 /],
  ['a start switch that is no boolean', { START_FROM_SOURCES: 'yes' }, /^START_FROM_SOURCES .*true 或 false/],
  // The supervisor from its TypeScript (start.js's path when no bundle is current, as on a fresh clone) reads them first too.
  [
    'a day that does not exist, from the sources',
    { START_FROM_SOURCES: 'true', GOVCLOUD_TODAY: '2026-13-45' },
    /^GOVCLOUD_TODAY=2026-13-45 /,
  ],
  ['a port fetch refuses, from the sources', { START_FROM_SOURCES: 'true', GATEWAY_PORT: '6000' }, /^GATEWAY_PORT=6000 .*X11/],
];

describe('npm start refuses a bad setting at once, with one line', () => {
  // The bundles for these sources exist (built once, shared with every later start), so the cases
  // without START_FROM_SOURCES take start.js's path through the supervisor's bundle.
  beforeAll(() => currentStartBuild().then(() => undefined), 180_000);

  it.each(cases)('%s', async (_, bad, line) => {
    const outcome = await start(bad);
    expect(outcome.lines, outcome.lines.join('\n')).toHaveLength(1);
    expect(outcome.lines[0]).toMatch(line);
    // One line in Chinese with the English in parentheses, no stack trace.
    expect(outcome.lines[0]).toMatch(/[\u4e00-\u9fff].*\(.+\)/);
    expect(outcome.code).not.toBe(0);
    // It ended by itself, with nothing started: not stopped by the harness's Ctrl-C.
    expect(outcome.stopped).toBe(false);
  });
});

describe('a process stopped by its configuration', () => {
  it('a subgraph reads every setting before it touches the database, and exits with CONFIG_EXIT_CODE', async () => {
    // Port 9 (discard) answers nothing: reaching for the database first would hang or fail otherwise.
    const outcome = await start(
      { DATABASE_URL: 'postgres://u:p@127.0.0.1:9/govcloud', GOVCLOUD_TODAY: 'tomorrow' },
      'subgraphs/applications/index.ts',
    );
    expect(outcome.lines).toEqual([expect.stringMatching(/^\[applications\] GOVCLOUD_TODAY=tomorrow /)]);
    expect(outcome.code).toBe(CONFIG_EXIT_CODE);
  });

  it('is not restarted by the supervisor, which reports it instead', async () => {
    const reported: string[] = [];
    const supervisor = new Supervisor({
      restartInitialMs: 10,
      restartMaxMs: 10,
      log: () => undefined,
      onConfigError: (name) => reported.push(name),
    });
    const child = supervisor.start({ name: 'misconfigured', args: ['-e', `process.exit(${CONFIG_EXIT_CODE})`], env: {} });
    const deadline = Date.now() + 10_000;
    while (reported.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(reported).toEqual(['misconfigured']);
    expect(child.restarts).toBe(0);
    await supervisor.stop();
  });
});
