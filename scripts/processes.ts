import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { ConfigError } from '../subgraphs/kit/config';

export interface ServiceProcess {
  name: string;
  child: ChildProcess;
}

/** Starts a TypeScript entry point under tsx as its own process, its output prefixed by name. */
export function startProcess(name: string, entry: string, env: NodeJS.ProcessEnv): ServiceProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = `[${name}] `.padEnd(15);
  const relay = (stream: NodeJS.WritableStream) => (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n'))
      if (line.trim()) stream.write(`${prefix}${line.startsWith(`[${name}] `) ? line.slice(name.length + 3) : line}\n`);
  };
  child.stdout?.on('data', relay(process.stdout));
  child.stderr?.on('data', relay(process.stderr));
  return { name, child };
}

/** Asks every process to stop and waits for it (SIGKILL after a grace period). */
export async function stopProcesses(processes: ServiceProcess[], graceMs = 5000): Promise<void> {
  await Promise.all(
    processes.map(
      ({ child }) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
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
