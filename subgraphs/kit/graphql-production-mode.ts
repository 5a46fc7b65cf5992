// Imported first by every process's entry (subgraphs/<name>/index.ts, gateway/src/index.ts), before
// anything loads graphql: graphql-js then runs as it does under NODE_ENV=production, whatever
// NODE_ENV says for the project's own defaults (`npm start` and the bench leave it unset).
//
// Why: outside production graphql-js follows every failed instanceof (isNonNullType, isListType
// and the like, several per field it completes) with a look at Symbol.toStringTag, to report a
// second copy of graphql loaded beside the first: a third of the time it took to execute a page
// of 50 applications (issue 14). The project installs one copy (test/unit/kit/graphql-production-mode.test.ts
// checks node_modules), so the check has nothing to find; the tests, which do not load this, keep it.
//
// graphql-js reads the mode once, when its jsutils/instanceOf.js loads: that module is loaded here
// under NODE_ENV=production, then NODE_ENV is put back. A process that loaded graphql before this
// ran keeps the check (slower, never wrong). In a bundle every static import loads before any code
// runs, so an entry imports nothing else that loads graphql statically (test/e2e/compiled-build.e2e.test.ts).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const nodeEnv = process.env.NODE_ENV;
process.env.NODE_ENV = 'production';
try {
  require('graphql/jsutils/instanceOf.js');
} finally {
  if (nodeEnv === undefined) delete process.env.NODE_ENV;
  else process.env.NODE_ENV = nodeEnv;
}
