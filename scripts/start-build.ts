// `npm start` runs the five services from JavaScript bundles (scripts/build.ts, what the Dockerfile
// ships) rather than through tsx: a subgraph took 2.9 s of CPU to load through tsx against 1.2 s
// from its bundle, five processes at every start on a 2-core machine (issue 14). The bundles are
// built again only when a source changed: each build lives in .data/start-build/<hash of the
// sources>, made under a temporary name and renamed into place, so two starts never share a half-built one.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDist } from './build';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUILDS_DIR = path.join(ROOT, '.data', 'start-build');

/** What the bundles are made of: the code, the SDL and documents they copy, and the packages' lock. */
const SOURCE_DIRS = ['gateway', 'subgraphs', 'seed', 'scripts', 'schema', 'operations'];
const SOURCE_FILES = ['package-lock.json', 'tsconfig.json'];
const SKIPPED = new Set(['node_modules', 'dist']);

async function sourceFiles(root: string): Promise<string[]> {
  const files = SOURCE_FILES.map((file) => path.join(root, file)).filter((file) => existsSync(file));
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (SKIPPED.has(entry.name)) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) files.push(full);
    }
  };
  for (const dir of SOURCE_DIRS) if (existsSync(path.join(root, dir))) await walk(path.join(root, dir));
  return files.sort();
}

/** A hash of every source file's path and content below `root` (default the repository). */
export async function startSourceStamp(root = ROOT): Promise<string> {
  const hash = createHash('sha256');
  for (const file of await sourceFiles(root))
    hash
      .update(path.relative(root, file))
      .update('\0')
      .update(await readFile(file))
      .update('\0');
  return hash.digest('hex').slice(0, 16);
}

/** The arguments after `node` that run service `name` from `build` (its stack traces name the TypeScript sources: build.ts). */
export function bundleEntry(build: string, name: string): string[] {
  return [path.join(build, `${name}.js`)];
}

/** The directory of bundles built from the current sources, building them first when there is none. */
export async function currentStartBuild(log: (line: string) => void = () => undefined): Promise<string> {
  const stamp = await startSourceStamp();
  const dir = path.join(BUILDS_DIR, stamp);
  if (existsSync(path.join(dir, 'README.txt'))) return dir;
  log('源代码有变化，正在编译各服务 (sources changed: building the services)…');
  const building = `${dir}.building-${process.pid}`;
  await buildDist(building);
  try {
    await rename(building, dir);
  } catch (error) {
    // Another start built the same sources meanwhile: theirs is as good.
    await rm(building, { recursive: true, force: true });
    if (!existsSync(path.join(dir, 'README.txt'))) throw error;
  }
  await pruneOtherBuilds(stamp);
  return dir;
}

/** Older builds go; one being made by another start (`.building-<pid>`) is left alone. */
async function pruneOtherBuilds(keep: string): Promise<void> {
  for (const name of await readdir(BUILDS_DIR)) {
    if (name !== keep && !name.includes('.building-')) await rm(path.join(BUILDS_DIR, name), { recursive: true, force: true });
  }
}
