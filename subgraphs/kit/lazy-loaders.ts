/** A feature's loader factory for one request: its services and DataLoaders, built only when called. */
export type LoaderSetFactory = () => object;

type UnionToIntersection<U> = (U extends unknown ? (union: U) => void : never) extends (intersection: infer I) => void ? I : never;

/** Every set's loaders under one object, as spreading the sets would give. */
export type MergedLoaders<Sets extends Record<string, LoaderSetFactory>> = UnionToIntersection<ReturnType<Sets[keyof Sets]>>;

/**
 * A subgraph's per-request loaders, each feature's set built the first time a resolver asks for one
 * of its loaders (issue 14: the dashboard's fetches to applications use one of its ten sets, systems,
 * and every request built all ten sets' services and DataLoaders). Make one at module level and call
 * it per request with that request's factories: it remembers which set holds which loader, learned
 * by building every set on its first call, so it expects the same sets every call.
 * The loaders are enumerable properties (enumerating them builds every set).
 */
export function lazyLoaderSets(): <Sets extends Record<string, LoaderSetFactory>>(factories: Sets) => MergedLoaders<Sets> {
  // Made once: a getter per loader, shared by every request's object (no closures per request).
  let getters: PropertyDescriptorMap | null = null;
  return <Sets extends Record<string, LoaderSetFactory>>(factories: Sets) => {
    const built = new Map<string, Record<string, unknown>>();
    const set = (name: string): Record<string, unknown> => {
      let loaders = built.get(name);
      if (!loaders) {
        const factory = factories[name];
        if (!factory) throw new Error(`loader set ${name} missing from this call; every call must pass the same sets`);
        loaders = factory() as Record<string, unknown>;
        built.set(name, loaders);
      }
      return loaders;
    };
    getters ??= gettersOf(learnOwners(Object.keys(factories), set));
    const loaders = Object.defineProperty({}, SET, { value: set });
    return Object.defineProperties(loaders, getters) as MergedLoaders<Sets>;
  };
}

/** Where a request's loaders object keeps its set builder. */
const SET = Symbol('loader set');

function gettersOf(owners: Map<string, string>): PropertyDescriptorMap {
  const getters: PropertyDescriptorMap = {};
  for (const [loader, owner] of owners) {
    getters[loader] = {
      enumerable: true,
      get(this: { [SET]: (name: string) => Record<string, unknown> }) {
        return this[SET](owner)[loader];
      },
    };
  }
  return getters;
}

/** Which set holds each loader: every set built once; a name two sets share is a mistake spreading would hide. */
function learnOwners(names: string[], set: (name: string) => Record<string, unknown>): Map<string, string> {
  const owners = new Map<string, string>();
  for (const name of names) {
    for (const loader of Object.keys(set(name))) {
      const other = owners.get(loader);
      if (other) throw new Error(`loader ${loader} is in both ${other} and ${name}`);
      owners.set(loader, name);
    }
  }
  return owners;
}
