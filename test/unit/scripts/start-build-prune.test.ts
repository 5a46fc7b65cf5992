// A start that builds newer sources prunes the older builds, but not one a running process holds
// (scripts/start-build-dir.js holdBuild): a supervisor started before the sources changed loads
// chunks of its bundle lazily and starts a crashed service again from it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hasLiveUser, holdBuild } from '../../../scripts/start-build-dir.js';
import { pruneOtherBuilds } from '../../../scripts/start-build';

const MODULE = pathToFileURL(path.resolve('scripts/start-build-dir.js')).href;
let builds: string;

beforeEach(() => {
  builds = mkdtempSync(path.join(tmpdir(), 'start-builds-'));
});
afterEach(() => rmSync(builds, { recursive: true, force: true }));

/** A finished build named `name` (its README written last, as build.ts does). */
function finishedBuild(name: string): string {
  const dir = path.join(builds, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'gateway.js'), '');
  writeFileSync(path.join(dir, 'README.txt'), 'a build');
  return dir;
}

/** Runs `code` in a Node process that has imported start-build-dir.js as `m`; its stdout. */
function inChild(code: string): { stdout: string; pid: number } {
  const script = `const m = await import(${JSON.stringify(MODULE)}); ${code}`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  if (child.status !== 0 && child.signal === null) throw new Error(child.stderr);
  return { stdout: child.stdout.trim(), pid: child.pid! };
}

describe('pruneOtherBuilds', () => {
  it('deletes builds no live process holds and keeps the current one, a held one and one being built', async () => {
    finishedBuild('current');
    const held = finishedBuild('held');
    expect(holdBuild(held)).toBe(true);
    const unheld = finishedBuild('unheld');
    const abandoned = finishedBuild('abandoned');
    // Its holder was killed: the mark stays, its process is gone.
    const killed = inChild(`m.holdBuild(${JSON.stringify(abandoned)}); process.kill(process.pid, 'SIGKILL');`);
    expect(readdirSync(path.join(abandoned, 'users'))).toEqual([String(killed.pid)]);
    expect(hasLiveUser(abandoned)).toBe(false);
    mkdirSync(path.join(builds, 'next.building-1'));

    await pruneOtherBuilds('current', builds);

    expect(readdirSync(builds).sort()).toEqual(['current', 'held', 'next.building-1']);
    expect(existsSync(unheld)).toBe(false);
  });

  it('gives a held build that a prune had renamed away back its name, and finishes an unheld half-deleted one', async () => {
    const held = finishedBuild('taken.deleting-99999');
    // Marked under the renamed path, as a start would have marked it just before the rename.
    expect(holdBuild(held)).toBe(true);
    finishedBuild('old.deleting-99999');

    await pruneOtherBuilds('current', builds);

    expect(readdirSync(builds).sort()).toEqual(['taken']);
  });
});

describe('holdBuild', () => {
  it('marks nothing and makes nothing when the build is gone or unfinished', () => {
    const gone = path.join(builds, 'gone');
    expect(holdBuild(gone)).toBe(false);
    expect(existsSync(gone)).toBe(false);

    const unfinished = path.join(builds, 'unfinished');
    mkdirSync(unfinished);
    expect(holdBuild(unfinished)).toBe(false);
    expect(readdirSync(path.join(unfinished, 'users'))).toEqual([]);
  });

  it('lets go when its process exits', () => {
    const build = finishedBuild('used');
    const child = inChild(`console.log(m.holdBuild(${JSON.stringify(build)}), m.hasLiveUser(${JSON.stringify(build)}));`);
    expect(child.stdout).toBe('true true');
    expect(readdirSync(path.join(build, 'users'))).toEqual([]);
    expect(hasLiveUser(build)).toBe(false);
  });
});
