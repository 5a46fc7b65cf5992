import type DataLoader from 'dataloader';
import type { ChildPageKey } from './child-connection';
import type { Connection } from './connection';

/**
 * A child list with a filter argument (`supplementaryCatalog(filingStatus:)`, `agreements(regionCode:)`):
 * one child-connection loader per filter value, made on first use in the request, so the filter is
 * in the page's SQL and the same filter under many parents is still one statement a batch.
 */
export function childConnectionLoaderPerFilter<F, T>(
  make: (filter: F) => DataLoader<ChildPageKey, Connection<T>, string>,
): (filter: F) => DataLoader<ChildPageKey, Connection<T>, string> {
  const loaders = new Map<string, DataLoader<ChildPageKey, Connection<T>, string>>();
  return (filter) => {
    const key = JSON.stringify(filter ?? null);
    let loader = loaders.get(key);
    if (!loader) {
      loader = make(filter);
      loaders.set(key, loader);
    }
    return loader;
  };
}
