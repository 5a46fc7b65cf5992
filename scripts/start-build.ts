// `npm start` runs the five services, and its own supervisor, from JavaScript bundles
// (scripts/build.ts, what the Dockerfile ships) rather than through tsx: a subgraph took 2.9 s of
// CPU to load through tsx against 1.2 s from its bundle, five processes at every start on a 2-core
// machine (issue 14). The bundles are built again only when a source changed: each build lives in
// .data/start-build/<hash of the sources> (start-build-dir.js), made under a temporary name and
// renamed into place, so two starts never share a half-built one.
import { readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { BUILDS_DIR, hasLiveUser, holdBuild, isFinishedBuild, startBuildDir, startSourceStamp } from './start-build-dir.js';

export { bundleEntry, startSourceStamp } from './start-build-dir.js';

/**
 * The directory of bundles built from the current sources, building them first when there is
 * none; held by this process until it exits, so no other start prunes it (holdBuild).
 */
export async function currentStartBuild(log: (line: string) => void = () => undefined): Promise<string> {
  const stamp = await startSourceStamp();
  const dir = startBuildDir(stamp);
  if (holdBuild(dir)) return dir;
  log('源代码有变化，正在编译各服务 (sources changed: building the services)…');
  const building = `${dir}.building-${process.pid}`;
  // Loaded only to build: esbuild and the IDE's build are not what a start with a current build needs.
  const { buildDist, START_BUILD_ENTRIES } = await import('./build');
  await buildDist(building, START_BUILD_ENTRIES);
  try {
    await rename(building, dir);
  } catch (error) {
    // Another start built the same sources meanwhile: theirs is as good.
    await rm(building, { recursive: true, force: true });
    if (!isFinishedBuild(dir)) throw error;
  }
  if (!holdBuild(dir)) throw new Error(`刚编译的构建已不在 (the build just made is gone): ${dir}`);
  await pruneOtherBuilds(stamp);
  return dir;
}

/**
 * Older builds go, except one a running process holds (a supervisor or bench started before the
 * sources changed) and one being made by another start (`.building-<pid>`). Each is renamed first:
 * a start stopped while deleting leaves a `.deleting-` directory, never a build with its README and
 * some of its files gone, which start.js would take for a finished one.
 */
export async function pruneOtherBuilds(keep: string, buildsDir: string = BUILDS_DIR): Promise<void> {
  for (const name of await readdir(buildsDir)) {
    if (name === keep || name.includes('.building-')) continue;
    const deleting = name.indexOf('.deleting-');
    const original = path.join(buildsDir, deleting === -1 ? name : name.slice(0, deleting));
    let doomed = path.join(buildsDir, name);
    if (deleting === -1) {
      if (hasLiveUser(original)) continue;
      doomed = `${original}.deleting-${process.pid}`;
      // Another start pruning at the same time may have taken it first: then there is nothing to do.
      if (!(await renamed(original, doomed))) continue;
    }
    // A start that took it up just before the rename (or a prune stopped halfway) gets it back under its own name.
    if (hasLiveUser(doomed)) {
      await renamed(doomed, original);
      continue;
    }
    await rm(doomed, { recursive: true, force: true });
  }
}

/** Renames `from` to `to`; false when that failed (another process renamed it first, say). */
function renamed(from: string, to: string): Promise<boolean> {
  return rename(from, to).then(
    () => true,
    () => false,
  );
}
