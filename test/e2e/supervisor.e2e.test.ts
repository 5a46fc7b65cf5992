// The supervisor `npm start` runs its processes under (scripts/processes.ts): a real providers
// subgraph process killed with SIGKILL comes back by itself on the same port and, asked to stop,
// drains and exits cleanly; a process gets its heap settings; one out of heap (its
// --max-old-space-size) is restarted; one crashing in a loop waits longer each time; stop()
// ends them all with nothing restarted after; and a supervisor killed outright leaves no process
// behind (kit/supervised.ts).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { Supervisor, tsxEntry, type ServiceSpec, type SupervisedProcess } from '../../scripts/processes';
import { createTestDatabase, type TestDatabase } from '../setup/database';
import { freePort } from '../setup/free-port';

const supervisors: Supervisor[] = [];
let database: TestDatabase | undefined;

afterAll(async () => {
  for (const supervisor of supervisors) await supervisor.stop();
  await database?.drop();
});

function supervise(options: Partial<ConstructorParameters<typeof Supervisor>[0]> = {}) {
  const lines: string[] = [];
  const output = new PassThrough();
  const childLines: string[] = [];
  output.on('data', (chunk: Buffer) => childLines.push(...chunk.toString().split('\n').filter(Boolean)));
  const supervisor = new Supervisor({
    restartInitialMs: 100,
    restartMaxMs: 400,
    stopGraceMs: 5_000,
    log: (line) => lines.push(line),
    output: { stdout: output, stderr: output },
    ...options,
  });
  supervisors.push(supervisor);
  return { supervisor, lines, childLines };
}

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, limitMs = 30_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`not within ${limitMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function healthy(url: string): Promise<true | undefined> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
    return response.status === 200 ? true : undefined;
  } catch {
    return undefined;
  }
}

describe('a crashed process comes back by itself', () => {
  it('a providers subgraph killed with SIGKILL is restarted and serves again; the others are untouched', async () => {
    database = await createTestDatabase();
    const port = await freePort();
    const { supervisor, lines, childLines } = supervise();
    const env = {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      MIGRATION_DATABASE_URL: database.migrationUrl,
      PROVIDERS_PORT: String(port),
      INTERNAL_TOKEN_SECRET: randomBytes(32).toString('base64url'),
      HOST: '127.0.0.1',
    };
    const providers = supervisor.start({ name: 'providers', args: tsxEntry('subgraphs/providers/index.ts'), env, maxOldSpaceMb: 256 });
    // A second process beside it, which must keep running throughout, and is stopped first
    // (as the gateway is): it logs the moment, and providers must still be running then.
    const bystander = supervisor.start({
      name: 'bystander',
      args: ['-e', `setInterval(() => {}, 1000); process.on('SIGTERM', () => { console.log('bystander stopping'); process.exit(0); });`],
      env: {},
      stopFirst: true,
    });
    const health = `http://127.0.0.1:${port}/health`;
    await until('providers up', () => healthy(health), 60_000);
    // The ready line follows the effects worker's start, which comes after /health answers.
    const readyLines = () => childLines.filter((line) => line.includes('子图已就绪')).length;
    await until('ready line', () => readyLines() === 1, 60_000);
    const firstPid = providers.child!.pid!;
    const bystanderPid = bystander.child!.pid!;

    process.kill(firstPid, 'SIGKILL');
    await until('providers restarted', () => providers.child?.pid !== undefined && providers.child.pid !== firstPid);
    await until('providers serving again', () => healthy(health), 60_000);

    expect(providers.restarts).toBe(1);
    expect(bystander.child?.pid).toBe(bystanderPid);
    expect(lines.some((line) => line.includes('[providers]') && line.includes('SIGKILL') && line.includes('重启'))).toBe(true);
    await until('ready line after the restart', () => readyLines() === 2, 60_000);

    // Ctrl-C: each process is asked to stop (SIGTERM), drains and exits by itself, cleanly.
    const running = providers.child!;
    let providersRunningWhenBystanderStopped: boolean | undefined;
    bystander.child!.stdout!.on('data', () => (providersRunningWhenBystanderStopped ??= running.exitCode === null));
    await supervisor.stop();
    expect(providersRunningWhenBystanderStopped).toBe(true);
    expect(running.exitCode).toBe(0);
    expect(childLines.some((line) => line.includes('收到 SIGTERM'))).toBe(true);
    expect(providers.restarts).toBe(1);
  });

  it('a process out of heap (--max-old-space-size) dies and is restarted', async () => {
    const { supervisor, lines } = supervise();
    const hog = supervisor.start({
      name: 'hog',
      args: ['-e', 'const kept = []; setInterval(() => { for (let i = 0; i < 50; i++) kept.push(new Array(100_000).fill(i)); }, 1);'],
      env: {},
      maxOldSpaceMb: 64,
    });
    await until('hog restarted after running out of heap', () => hog.restarts >= 1 || undefined);
    // V8 aborts a process out of heap: SIGABRT, or exit code 134 when a shell reports it.
    expect(lines.some((line) => line.includes('[hog]') && /SIGABRT|134/.test(line))).toBe(true);
  });

  it('gives a process the heap settings npm start reads for it (MAX_OLD_SPACE_MB, MAX_SEMI_SPACE_MB)', async () => {
    const { supervisor, childLines } = supervise();
    supervisor.start({
      name: 'reporter',
      args: ['-e', 'console.log(`flags ${process.execArgv.join(" ")}`)'],
      env: {},
      maxOldSpaceMb: 300,
      maxSemiSpaceMb: 32,
    });
    const flags = await until('the flags it was started with', () => childLines.find((line) => line.includes('flags ')));
    expect(flags).toContain('--max-old-space-size=300');
    expect(flags).toContain('--max-semi-space-size=32');
    await supervisor.stop();
  });

  it('a process crashing in a loop waits twice as long each time, up to the maximum; stop() restarts nothing', async () => {
    const { supervisor, lines } = supervise({ restartInitialMs: 50, restartMaxMs: 200 });
    const crasher: SupervisedProcess = supervisor.start({ name: 'crasher', args: ['-e', 'process.exit(3)'], env: {} });
    await until('four crashes', () => crasher.restarts >= 4 || undefined);
    const delays = lines.filter((line) => line.includes('[crasher]')).map((line) => Number(/restarting in (\d+) ms/.exec(line)?.[1]));
    expect(delays.slice(0, 4)).toEqual([50, 100, 200, 200]);
    expect(lines[0]).toMatch(/进程意外退出.*code 3.*exited unexpectedly/);

    await supervisor.stop();
    const restarts = crasher.restarts;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(crasher.restarts).toBe(restarts);
    expect(crasher.child).toBeUndefined();
  });
});

describe('a supervisor that dies leaves nothing running', () => {
  it('a providers subgraph and the gateway whose supervisor was killed (SIGKILL) stop and free their ports', async () => {
    database ??= await createTestDatabase();
    const [providersPort, gatewayPort] = [await freePort(), await freePort()];
    const shared = { ...process.env, NODE_ENV: 'test', HOST: '127.0.0.1', INTERNAL_TOKEN_SECRET: randomBytes(32).toString('base64url') };
    const specs: ServiceSpec[] = [
      {
        name: 'providers',
        args: tsxEntry('subgraphs/providers/index.ts'),
        env: {
          ...shared,
          DATABASE_URL: database.url,
          MIGRATION_DATABASE_URL: database.migrationUrl,
          PROVIDERS_PORT: String(providersPort),
        },
      },
      { name: 'gateway', args: tsxEntry('gateway/src/index.ts'), env: { ...shared, GATEWAY_PORT: String(gatewayPort) } },
    ];
    const supervisorProcess = spawn(process.execPath, [...tsxEntry('test/setup/supervisor-process.ts'), JSON.stringify(specs)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    supervisorProcess.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const pidOf = (name: string) => Number(new RegExp(`^pid ${name} (\\d+)$`, 'm').exec(output)?.[1]) || undefined;
    const pids = [await until('providers started', () => pidOf('providers')), await until('gateway started', () => pidOf('gateway'))];
    await until('providers up', () => healthy(`http://127.0.0.1:${providersPort}/health`), 60_000);
    await until('gateway up', () => healthy(`http://127.0.0.1:${gatewayPort}/health`), 60_000);

    supervisorProcess.kill('SIGKILL');
    const running = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    try {
      await until('both processes gone', () => pids.every((pid) => !running(pid)) || undefined, 20_000);
      expect(await healthy(`http://127.0.0.1:${providersPort}/health`)).toBeUndefined();
      expect(await healthy(`http://127.0.0.1:${gatewayPort}/health`)).toBeUndefined();
    } finally {
      // Failing, the test must not leave the orphans it looks for.
      for (const pid of pids) if (running(pid)) process.kill(pid, 'SIGKILL');
    }
  });
});
