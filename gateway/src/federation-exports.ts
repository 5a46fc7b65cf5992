// Imported first by server.ts, before @apollo/gateway and the query planner load: it loads
// @apollo/federation-internals and replaces, in the require cache, the package's exports with a
// plain copy, so the modules that load after it get data properties instead of getters.
//
// Why: the package's index re-exports each module through TypeScript's __exportStar, which makes
// every export a getter (`get: () => m[k]`) shared by all of them; the gateway's result shaping and
// plan execution call `federation_internals_1.assert(…)`, `.isNonNullType(…)` and the like per value
// of the answer, and each such read runs that getter's megamorphic lookup — about 3% of the
// gateway's CPU on the bench's dashboard (issue 14). The copy holds the same values: no module of
// the package assigns an export after it has loaded (test/unit/gateway/federation-exports.test.ts
// compares every export with the package's own). One export is wrapped: operationFromDocument
// reuses the Operation it built for a request's parsed document (reused-operations.ts).
//
// A load-order trick: a module that required the package before this ran keeps the getters (slower,
// never wrong). In a bundle every statically imported module loads before any code runs, so index.ts
// imports this first and the gateway's modules only in main() (the compiled-build test checks it).
// Delete this file, its imports and that dynamic import to undo it.
import { createRequire } from 'node:module';
import { reusingOperations, type OperationFromDocument } from './reused-operations';

const require = createRequire(import.meta.url);
const PACKAGE = '@apollo/federation-internals';

// Where the copy keeps the package's own exports: evaluated a second time in one process (test
// files sharing a worker), this module finds the copy in the cache and must still know the original.
const ORIGINAL = Symbol.for('govcloud.federation-internals.original');

const loaded = require(PACKAGE) as Record<string | symbol, unknown>;
const original = (loaded[ORIGINAL] as Record<string, unknown> | undefined) ?? loaded;
const cached = require.cache[require.resolve(PACKAGE)];

/** The package's exports as the package itself gives them (getters); for the test. */
export const packageExports: Readonly<Record<string, unknown>> = original;

if (cached && cached.exports === original) {
  const plain: Record<string, unknown> = {};
  for (const key of Object.keys(original)) plain[key] = original[key];
  plain.operationFromDocument = reusingOperations(original.operationFromDocument as OperationFromDocument);
  // The CommonJS marker: ES-module importers read named exports from it as before.
  Object.defineProperty(plain, '__esModule', { value: true });
  Object.defineProperty(plain, ORIGINAL, { value: original });
  cached.exports = plain;
}
