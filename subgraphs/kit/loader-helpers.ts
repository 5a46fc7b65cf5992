import DataLoader from 'dataloader';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { wellFormedIds } from './ids';
import { kitMetrics } from './metrics';

/**
 * DataLoader batch functions must return one result per key, in key order. These put rows
 * fetched with one `WHERE key = ANY($1)` query back into that order.
 */
export function orderByKeys<K, V>(keys: readonly K[], rows: readonly V[], keyOf: (row: V) => K): Array<V | null> {
  const byKey = new Map<K, V>();
  for (const row of rows) byKey.set(keyOf(row), row);
  return keys.map((key) => byKey.get(key) ?? null);
}

/** One-to-many: the rows of each key, in key order; `[]` where a key has none. */
export function groupByKeys<K, V>(keys: readonly K[], rows: readonly V[], keyOf: (row: V) => K): V[][] {
  const byKey = new Map<K, V[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = byKey.get(key);
    if (group) group.push(row);
    else byKey.set(key, [row]);
  }
  return keys.map((key) => byKey.get(key) ?? []);
}

/** A batch's fetch, its size observed on dataloader_batch_size. */
function measured<V>(fetch: (keys: readonly string[]) => Promise<readonly V[]>, keys: readonly string[]): Promise<readonly V[]> {
  kitMetrics.dataLoaderBatchSize.observe(keys.length);
  return fetch(keys);
}

/** The fields of a row that hold a string key (a null one matches no key). */
export type KeyField<V> = { [F in keyof V]-?: V[F] extends string | null | undefined ? F : never }[keyof V];

/**
 * A loader of at most one row per key, matched on the row's `keyField`: `fetch` runs the batch's
 * one query, and a key it returned nothing for (missing, or out of the principal's scope) loads null.
 */
export function loaderByKey<V>(
  fetch: (keys: readonly string[]) => Promise<readonly V[]>,
  keyField: KeyField<V>,
): DataLoader<string, V | null> {
  return new DataLoader(async (keys) =>
    orderByKeys<string | null, V>(keys, await measured(fetch, keys), (row) => row[keyField] as string | null),
  );
}

/** A loader of a key's children (one-to-many), grouped on the row's `keyField`: one query a batch, `[]` where a key has none. */
export function loaderOfGroups<V>(
  fetch: (keys: readonly string[]) => Promise<readonly V[]>,
  keyField: KeyField<V>,
): DataLoader<string, V[]> {
  return new DataLoader(async (keys) =>
    groupByKeys<string | null, V>(keys, await measured(fetch, keys), (row) => row[keyField] as string | null),
  );
}

/**
 * A batch function's query: the rows of `query` (its scope already applied) whose `column` is one
 * of `ids`, in one `= ANY` statement. Malformed ids are dropped first (they match nothing, and
 * would fail a uuid column); when none is left no statement runs.
 */
export async function fetchByIds<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  column: string,
  ids: readonly string[],
): Promise<T[]> {
  const valid = wellFormedIds(ids);
  if (valid.length === 0) return [];
  return query.andWhere(`${column} = ANY(:batchIds)`, { batchIds: valid }).getMany();
}
