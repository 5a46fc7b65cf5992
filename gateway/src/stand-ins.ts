// Loads one of a package's modules into the require cache with some of what it requires replaced
// by stand-ins, before the modules that require it load: apollo-telemetry.ts and
// unused-http-client.ts leave out packages Apollo Gateway requires at load but the city's gateway
// never runs. A module loaded already is left as it is (slower to start, never wrong).
import { createRequire, Module } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * Loads `id` (a file of a package, as `require` resolves it from here) with each package named in
 * `standIns` replaced by the object given; other requires get the real packages. Returns whether
 * it loaded it (false: it had loaded already, with the real packages).
 */
export function loadWithStandIns(id: string, standIns: Readonly<Record<string, object>>): boolean {
  const file = require.resolve(id);
  if (require.cache[file]) return false;
  // Module#load sets the file name and the node_modules paths, then compiles the file.
  const loading = new Module(file) as Module & { load(file: string): void };
  // The module's own `require` calls this method (Node's makeRequireFunction).
  loading.require = ((request: string) =>
    Object.hasOwn(standIns, request) ? standIns[request] : Module.prototype.require.call(loading, request)) as NodeJS.Require;
  require.cache[file] = loading;
  try {
    loading.load(file);
  } catch (error) {
    delete require.cache[file];
    throw error;
  }
  return true;
}
