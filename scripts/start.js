// `npm start`. Plain JavaScript, run by Node alone: when the bundles for the current sources are
// built (start-build-dir.js), the supervisor runs from its own bundle beside them. Through tsx it
// took about 0.8 s longer to load on a 2-core machine, and loading that bundle with tsx's hooks
// registered cost as much again: they see every module Node loads (issue 14). When the sources
// changed since the last build, or START_FROM_SOURCES=true, the supervisor runs from its TypeScript
// through tsx, as before, and builds the bundles once it has read every setting (supervisor.ts,
// start-build.ts).
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { holdBuild, startBuildDir, startSourceStamp } from './start-build-dir.js';

const started = Date.now();

/** START_FROM_SOURCES as kit/config.ts readBoolean reads a switch: a bad value is one line and exit 78 (EX_CONFIG), as a bad setting is. */
function fromSources() {
  const raw = process.env.START_FROM_SOURCES?.trim().toLowerCase();
  if (!raw || raw === 'false' || raw === '0') return false;
  if (raw === 'true' || raw === '1') return true;
  console.error(`START_FROM_SOURCES 须为 true 或 false (must be true or false): ${raw}`);
  process.exit(78);
}

try {
  const sources = fromSources();
  const build = startBuildDir(await startSourceStamp());
  // Held while this process runs: a start that builds newer sources then leaves it alone.
  if (!sources && holdBuild(build)) {
    // The bundle of supervisor.ts: typechecked as that module (tsconfig's checkJs).
    const { runSupervisor } = /** @type {typeof import('./supervisor.ts')} */ (
      await import(pathToFileURL(path.join(build, 'supervisor.js')).href)
    );
    runSupervisor({ started, currentBuild: async () => build });
  } else {
    const { register } = await import('tsx/esm/api');
    register();
    const { runSupervisor } = await import('./supervisor.ts');
    const { currentStartBuild } = await import('./start-build.ts');
    runSupervisor({ started, currentBuild: currentStartBuild });
  }
} catch (error) {
  // Before the supervisor runs there is no logger yet: one line, and the cause for whoever looks.
  console.error(`npm start 未能启动 (could not start): ${error instanceof Error ? error.message : String(error)}`);
  if (error instanceof Error && error.stack) console.error(error.stack);
  process.exit(1);
}
