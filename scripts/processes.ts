import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { CONFIG_EXIT_CODE, ConfigError } from '../subgraphs/kit/config';

/** One process `npm start` runs and keeps running. */
export interface ServiceSpec {
  name: string;
  /** Arguments after `node`: by default `--import tsx <entry>` (see tsxEntry). */
  args: string[];
  env: NodeJS.ProcessEnv;
  /** V8's old-space limit in MiB: the process dies of its own heap before it starves the machine. */
  maxOldSpaceMb?: number;
  /** V8's largest semi-space in MiB (its young generation); V8's own default when unset. */
  maxSemiSpaceMb?: number;
  /**
   * Stopped, and drained, before the others: the gateway, whose requests in flight still need
   * the subgraphs to answer them.
   */
  stopFirst?: boolean;
}

/** The node arguments that run a TypeScript entry point under tsx. */
export function tsxEntry(entry: string): string[] {
  return ['--import', 'tsx', entry];
}

export interface SupervisorOptions {
  /** Wait before the first restart of a crashed process; doubles per crash in a row. */
  restartInitialMs: number;
  /** The longest wait between restarts. */
  restartMaxMs: number;
  /** A process that stayed up this long counts as healthy again: its next crash waits restartInitialMs. Default 60 s. */
  stableAfterMs?: number;
  /** How long stop() lets processes drain before SIGKILL. Default 15 s (the services' own grace is 10 s). */
  stopGraceMs?: number;
  /** Where the supervisor's own lines go. Default: console.error. */
  log?: (line: string) => void;
  /** Where the children's output goes. Default: this process's stdout and stderr. */
  output?: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream };
  /**
   * A process ended with CONFIG_EXIT_CODE: its configuration is wrong (it said what to fix) and it
   * would fail the same way again, so it is not restarted; `npm start` stops everything instead.
   */
  onConfigError?: (name: string) => void;
}

export interface SupervisedProcess {
  readonly name: string;
  /** The running child, or undefined while waiting to restart. */
  readonly child: ChildProcess | undefined;
  /** Times the process was started again after it ended on its own. */
  readonly restarts: number;
}

/**
 * Starts each service as its own process and keeps it running: a process that ends on its own —
 * crashed, killed, out of memory — is started again after an exponential back-off, while the
 * others go on serving. Only stop() (Ctrl-C) stops them all; a process stopped by its
 * configuration (CONFIG_EXIT_CODE) is not restarted but reported to onConfigError.
 */
export class Supervisor {
  private readonly services = new Map<string, ServiceState>();
  private stopping = false;

  constructor(private readonly options: SupervisorOptions) {}

  start(spec: ServiceSpec): SupervisedProcess {
    if (this.services.has(spec.name)) throw new Error(`${spec.name} is already supervised`);
    const state: ServiceState = { spec, name: spec.name, child: undefined, restarts: 0, failures: 0, timer: undefined };
    this.services.set(spec.name, state);
    this.spawn(state);
    return state;
  }

  /**
   * Asks every process to stop and waits for it (SIGKILL after the grace period), those marked
   * `stopFirst` before the rest; nothing is restarted after.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    const graceMs = this.options.stopGraceMs ?? 15_000;
    const states = [...this.services.values()];
    for (const state of states) clearTimeout(state.timer);
    const stopAll = (group: ServiceState[]) => Promise.all(group.map((state) => stopChild(state.child, graceMs)));
    await stopAll(states.filter((state) => state.spec.stopFirst));
    await stopAll(states.filter((state) => !state.spec.stopFirst));
  }

  private spawn(state: ServiceState): void {
    const { spec } = state;
    const memory = [
      ...(spec.maxOldSpaceMb ? [`--max-old-space-size=${spec.maxOldSpaceMb}`] : []),
      ...(spec.maxSemiSpaceMb ? [`--max-semi-space-size=${spec.maxSemiSpaceMb}`] : []),
    ];
    // The IPC channel is how the child learns we are gone (kit/supervised.ts): it closes however this process ends.
    const child = spawn(process.execPath, [...memory, ...spec.args], { env: spec.env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    const output = this.options.output ?? { stdout: process.stdout, stderr: process.stderr };
    relayOutput(spec.name, child, output);
    const startedAt = Date.now();
    state.child = child;
    child.once('exit', (code, signal) => {
      if (state.child === child) state.child = undefined;
      if (this.stopping) return;
      if (code === CONFIG_EXIT_CODE) {
        this.options.onConfigError?.(spec.name);
        return;
      }
      // A process that ran long enough was healthy: this crash starts the back-off afresh.
      if (Date.now() - startedAt >= (this.options.stableAfterMs ?? 60_000)) state.failures = 0;
      const delay = Math.min(this.options.restartInitialMs * 2 ** state.failures, this.options.restartMaxMs);
      state.failures += 1;
      const how = signal ? `signal ${signal}` : `code ${code}`;
      this.log(
        `[${spec.name}] 进程意外退出 (${how})，${(delay / 1000).toFixed(1)} 秒后重启，第 ${state.failures} 次 ` +
          `(exited unexpectedly with ${how}; restarting in ${delay} ms, attempt ${state.failures})`,
      );
      state.timer = setTimeout(() => {
        state.timer = undefined;
        if (this.stopping) return;
        state.restarts += 1;
        this.spawn(state);
      }, delay);
    });
  }

  private log(line: string): void {
    (this.options.log ?? ((message: string) => console.error(message)))(line);
  }
}

interface ServiceState extends SupervisedProcess {
  readonly spec: ServiceSpec;
  child: ChildProcess | undefined;
  restarts: number;
  /** Crashes in a row without a stable run between them. */
  failures: number;
  timer: NodeJS.Timeout | undefined;
}

function relayOutput(name: string, child: ChildProcess, output: NonNullable<SupervisorOptions['output']>): void {
  const prefix = `[${name}] `.padEnd(15);
  const write = (stream: NodeJS.WritableStream, line: string) => {
    // A JSON line names its service itself and must stay JSON for the collector.
    if (line.startsWith('{')) stream.write(`${line}\n`);
    else if (line.trim()) stream.write(`${prefix}${line.startsWith(`[${name}] `) ? line.slice(name.length + 3) : line}\n`);
  };
  const relay = (source: NodeJS.ReadableStream | null, stream: NodeJS.WritableStream) => {
    // A line split across chunks is written whole, once its end arrives.
    let partial = '';
    source?.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) write(stream, line);
    });
    source?.on('end', () => write(stream, partial));
  };
  relay(child.stdout, output.stdout);
  relay(child.stderr, output.stderr);
}

function stopChild(child: ChildProcess | undefined, graceMs: number): Promise<void> {
  return new Promise<void>((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    // 'close', not 'exit': the process may have ended with its last lines (the drain, the stop)
    // still in the pipe; after 'close' they have been relayed, so none is lost when we exit next.
    child.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Fails with one clear line when a port we are about to use is taken. */
export async function assertPortFree(port: number, host: string, variable: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const server = createServer();
    server.once('error', () =>
      reject(new ConfigError(`端口 ${port} 已被占用 (port ${port} is in use): 请停止占用它的程序，或设置 ${variable}`)),
    );
    server.listen(port, host, () => server.close(() => resolve()));
  });
}

/** Polls a URL until it answers 200, or fails after the timeout. */
export async function waitForOk(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`${url} 在 ${timeoutMs / 1000} 秒内未就绪 (not ready in time)`);
}
