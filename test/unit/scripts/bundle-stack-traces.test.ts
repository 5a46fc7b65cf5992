// The bundles' stack traces name the TypeScript sources without --enable-source-maps (which read
// every package's source map as it loaded, about 0.8 s of each start): scripts/build.ts puts
// STACK_TRACES_BANNER atop each bundle and chunk, and the map of a file is read only when a stack
// through it is printed. Built here the way build.ts builds, from two small sources.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { STACK_TRACES_BANNER } from '../../../scripts/build';

const root = path.resolve(import.meta.dirname, '../../..');
// Inside the repository, so the bundle finds source-map-support in its node_modules as dist/ does.
const dir = path.join(root, '.data', `stack-traces-test-${process.pid}-${randomBytes(3).toString('hex')}`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function buildAndRun(banner: string | undefined): Promise<string> {
  const src = path.join(dir, 'src');
  mkdirSync(src, { recursive: true });
  writeFileSync(
    path.join(src, 'thrower.ts'),
    "export function refuse(): never {\n  const why: string = 'refused';\n  throw new Error(why);\n}\n",
  );
  writeFileSync(
    path.join(src, 'main.ts'),
    "import { refuse } from './thrower';\ntry {\n  refuse();\n} catch (error) {\n  console.log((error as Error).stack);\n}\n",
  );
  const outdir = path.join(dir, banner ? 'with-banner' : 'without');
  await esbuild.build({
    entryPoints: [path.join(src, 'main.ts')],
    outdir,
    bundle: true,
    format: 'esm',
    platform: 'node',
    packages: 'external',
    sourcemap: true,
    ...(banner ? { banner: { js: banner } } : {}),
    logLevel: 'silent',
  });
  writeFileSync(path.join(outdir, 'package.json'), '{"type":"module"}');
  return execFileSync(process.execPath, [path.join(outdir, 'main.js')], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
}

describe('stack traces of the bundles', () => {
  it('name the TypeScript file and line that threw, without a node flag', async () => {
    const stack = await buildAndRun(STACK_TRACES_BANNER);
    expect(stack).toMatch(/at refuse \(.*src[/\\]thrower\.ts:3:9\)/);
    expect(stack).toMatch(/src[/\\]main\.ts:3:3/);
  });

  it('name only the bundle without the banner (so the banner is what maps them)', async () => {
    const stack = await buildAndRun(undefined);
    expect(stack).not.toMatch(/thrower\.ts/);
    expect(stack).toMatch(/without[/\\]main\.js:\d+/);
  });
});
