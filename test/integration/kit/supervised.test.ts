// kit/supervised.ts watches the supervisor's channel only from its first call, so a module that
// merely imports it leaves a channel alone. A supervisor gone before that call (dying while the
// process still loads its modules) must still stop it: Node marks the process disconnected whether
// or not anything listened. Each stop registered is called once, and a process started without a
// channel is never stopped.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

async function run(withChannel: boolean): Promise<string[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/setup/supervised-late.ts'], {
    env: { ...process.env, LOG_LEVEL: 'warn', LOG_FORMAT: 'json' },
    stdio: ['pipe', 'pipe', 'inherit', ...(withChannel ? (['ipc'] as const) : [])],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  while (!output.includes('ready\n')) await new Promise((resolve) => setTimeout(resolve, 20));
  // The supervisor's end as the child sees it: the channel closes. Then, a moment later, it starts watching.
  if (withChannel) child.disconnect();
  await new Promise((resolve) => setTimeout(resolve, 200));
  child.stdin!.write('go\n');
  await exited;
  const lines = output.trim().split('\n');
  const warned = lines.slice(0, -1).filter((line) => line.includes('supervisor gone')).length;
  return [...(JSON.parse(lines.at(-1)!) as string[]), `warned ${warned}`];
}

describe('stopWhenSupervisorGone', () => {
  it('calls a stop registered after the channel closed at once, and one registered after it too, each once, with one warning', async () => {
    expect(await run(true)).toEqual(['first: supervisor gone', 'second: supervisor gone', 'warned 1']);
  }, 30_000);

  it('never calls a stop in a process started without a channel', async () => {
    expect(await run(false)).toEqual(['warned 0']);
  }, 30_000);
});
