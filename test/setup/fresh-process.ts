// For tests about what a process loads: a test worker's require cache holds whatever earlier test
// files loaded, so such a check runs its script in a fresh Node process instead.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Runs `script` (an ES module) in a new process from the repository's root and returns the last line it printed. */
export function lastLineOfScript(script: string, nodeArgs: string[] = []): string {
  const output = execFileSync(process.execPath, [...nodeArgs, '--input-type=module', '-e', script], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  return output.trim().split('\n').at(-1)!;
}
