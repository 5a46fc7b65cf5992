// `npm start`. Plain JavaScript, run by Node alone: when the bundles for the current sources are
// built (start-build-dir.js), the supervisor runs from its own bundle beside them. Through tsx it
// took about 0.8 s longer to load on a 2-core machine, and loading that bundle with tsx's hooks
// registered cost as much again: they see every module Node loads (issue 14). When the sources
// changed since the last build, the supervisor runs from its TypeScript through tsx, as before, and
// builds the bundles once it has read every setting (supervisor.ts, start-build.ts).
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isFinishedBuild, startBuildDir, startSourceStamp } from './start-build-dir.js';

const started = Date.now();
const build = startBuildDir(await startSourceStamp());

if (isFinishedBuild(build)) {
  const { runSupervisor } = await import(pathToFileURL(path.join(build, 'supervisor.js')).href);
  runSupervisor({ started, currentBuild: async () => build });
} else {
  const { register } = await import('tsx/esm/api');
  register();
  const { runSupervisor } = await import('./supervisor.ts');
  const { currentStartBuild } = await import('./start-build.ts');
  runSupervisor({ started, currentBuild: currentStartBuild });
}
