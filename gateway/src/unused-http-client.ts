// Apollo Gateway requires make-fetch-happen when it loads: every RemoteGraphQLDataSource builds
// one of its clients in its constructor, to be replaced at once by the `fetcher` it is given, and
// the Uplink supergraph manager fetches with it. The city's gateway gives every data source its
// own client (subgraph-fetch.ts) and reads its supergraph from a file, so the package and what it
// loads (cacache, minipass, an HTTP agent of its own…) were about 5 MB of the gateway's resident
// memory (174 against 179 MB at rest), for code that never ran (issue 14). Imported before
// @apollo/gateway, this module loads those two modules with a stand-in whose client, if anything
// ever called it, says why it is missing.
import { loadWithStandIns } from './stand-ins';

/** The gateway's modules that require make-fetch-happen. */
export const MODULES_USING_MAKE_FETCH_HAPPEN = [
  '@apollo/gateway/dist/datasources/RemoteGraphQLDataSource.js',
  '@apollo/gateway/dist/supergraphManagers/UplinkSupergraphManager/index.js',
] as const;

function notLoadedFetch(): never {
  throw new Error(
    'make-fetch-happen 未加载：网关的每个子图数据源都有自己的 fetcher (not loaded: every data source is given its fetcher; gateway/src/unused-http-client.ts)',
  );
}

/** make-fetch-happen as its requirers use it: `default.defaults(options)` gives a client. */
const makeFetchHappenStandIn = Object.freeze({
  __esModule: true,
  default: Object.freeze({ defaults: () => notLoadedFetch }),
});

/** Loads each of MODULES_USING_MAKE_FETCH_HAPPEN with the stand-in; false for one loaded already. */
export function loadWithoutMakeFetchHappen(): boolean[] {
  return MODULES_USING_MAKE_FETCH_HAPPEN.map((id) => loadWithStandIns(id, { 'make-fetch-happen': makeFetchHappenStandIn }));
}

loadWithoutMakeFetchHappen();
