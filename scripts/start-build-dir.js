// Where `npm start`'s bundles for the current sources live: .data/start-build/<hash of the sources>.
// Plain JavaScript, so that start.js finds a build and runs it with Node alone, before anything
// loads tsx (start.js says why); typechecked from its JSDoc (tsconfig's checkJs). Building one: start-build.ts.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BUILDS_DIR = path.join(ROOT, '.data', 'start-build');

/** What the bundles are made of: the code, the SDL and documents they copy, and the packages' lock. */
const SOURCE_DIRS = ['gateway', 'subgraphs', 'seed', 'scripts', 'schema', 'operations'];
const SOURCE_FILES = ['package-lock.json', 'tsconfig.json'];
const SKIPPED = new Set(['node_modules', 'dist']);

/** @param {string} root @returns {Promise<string[]>} */
async function sourceFiles(root) {
  const files = SOURCE_FILES.map((file) => path.join(root, file)).filter((file) => existsSync(file));
  /** @param {string} dir */
  const walk = async (dir) => {
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

/**
 * A hash of every source file's path and content below `root` (default the repository).
 * @param {string} [root]
 * @returns {Promise<string>}
 */
export async function startSourceStamp(root = ROOT) {
  const hash = createHash('sha256');
  for (const file of await sourceFiles(root))
    hash
      .update(path.relative(root, file))
      .update('\0')
      .update(await readFile(file))
      .update('\0');
  return hash.digest('hex').slice(0, 16);
}

/**
 * The directory of the bundles built from sources with this stamp (there or not yet).
 * @param {string} stamp
 * @returns {string}
 */
export function startBuildDir(stamp) {
  return path.join(BUILDS_DIR, stamp);
}

/**
 * Whether `dir` holds a finished build: its README is written last.
 * @param {string} dir
 * @returns {boolean}
 */
export function isFinishedBuild(dir) {
  return existsSync(path.join(dir, 'README.txt'));
}

/** Where a build's users leave their marks: `<build>/users/<pid>` (holdBuild). */
const USERS = 'users';
/** The builds this process holds, each released once, when it exits. */
const held = new Set();

/**
 * Marks `dir` as used by this process until it exits (`<dir>/users/<pid>`): a start that builds
 * newer sources prunes older builds, and leaves a held one alone (start-build.ts), since a running
 * supervisor loads chunks of its bundle lazily and starts a crashed service again from it. False,
 * and nothing marked or made, when `dir` is gone or not a finished build.
 * @param {string} dir
 * @returns {boolean}
 */
export function holdBuild(dir) {
  if (held.has(dir)) return true;
  const marker = path.join(dir, USERS, String(process.pid));
  try {
    // Not recursive: a build renamed away by a prune must not be made again here.
    mkdirSync(path.join(dir, USERS), { recursive: false });
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EEXIST') return false;
  }
  try {
    writeFileSync(marker, '');
  } catch {
    return false;
  }
  // Checked after marking: a prune that renamed it away first is seen here, one that comes later sees the mark.
  if (!isFinishedBuild(dir)) {
    rmSync(marker, { force: true });
    return false;
  }
  held.add(dir);
  process.once('exit', () => rmSync(marker, { force: true }));
  return true;
}

/**
 * Whether a live process holds `dir` (holdBuild). A mark whose process has gone (killed, say)
 * does not count.
 * @param {string} dir
 * @returns {boolean}
 */
export function hasLiveUser(dir) {
  /** @type {string[]} */
  let pids;
  try {
    pids = readdirSync(path.join(dir, USERS));
  } catch {
    return false;
  }
  return pids.some((pid) => {
    if (!/^[1-9]\d*$/.test(pid)) return false;
    try {
      process.kill(Number(pid), 0);
      return true;
    } catch (error) {
      // EPERM: alive, and another user's.
      return /** @type {NodeJS.ErrnoException} */ (error).code === 'EPERM';
    }
  });
}

/**
 * The arguments after `node` that run service `name` from `build` (its stack traces name the TypeScript sources: build.ts).
 * @param {string} build
 * @param {string} name
 * @returns {string[]}
 */
export function bundleEntry(build, name) {
  return [path.join(build, `${name}.js`)];
}
