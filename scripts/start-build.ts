// `npm start` runs the five services, and its own supervisor, from JavaScript bundles
// (scripts/build.ts, what the Dockerfile ships) rather than through tsx: a subgraph took 2.9 s of
// CPU to load through tsx against 1.2 s from its bundle, five processes at every start on a 2-core
// machine (issue 14). The bundles are built again only when a source changed: each build lives in
// .data/start-build/<hash of the sources> (start-build-dir.js), made under a temporary name and
// renamed into place, so two starts never share a half-built one.
import { readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { BUILDS_DIR, isFinishedBuild, startBuildDir, startSourceStamp } from './start-build-dir.js';

export { bundleEntry, startSourceStamp } from './start-build-dir.js';

/** The directory of bundles built from the current sources, building them first when there is none. */
export async function currentStartBuild(log: (line: string) => void = () => undefined): Promise<string> {
  const stamp = await startSourceStamp();
  const dir = startBuildDir(stamp);
  if (isFinishedBuild(dir)) return dir;
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
  await pruneOtherBuilds(stamp);
  return dir;
}

/**
 * Older builds go; one being made by another start (`.building-<pid>`) is left alone. Each is
 * renamed first: a start stopped while deleting leaves a `.deleting-` directory, never a build with
 * its README and some of its files gone, which start.js would take for a finished one.
 */
async function pruneOtherBuilds(keep: string): Promise<void> {
  for (const name of await readdir(BUILDS_DIR)) {
    if (name === keep || name.includes('.building-')) continue;
    const doomed = name.includes('.deleting-') ? name : `${name}.deleting-${process.pid}`;
    // Another start pruning at the same time may have taken it first: then there is nothing to do.
    if (doomed !== name) await rename(path.join(BUILDS_DIR, name), path.join(BUILDS_DIR, doomed)).catch(() => undefined);
    await rm(path.join(BUILDS_DIR, doomed), { recursive: true, force: true });
  }
}
