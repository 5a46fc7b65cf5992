import DataLoader from 'dataloader';
import type { EntityMetadata, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { wellFormedIds } from './ids';
import { orderByKeys } from './loader-helpers';

type ColumnMetadata = EntityMetadata['columns'][number];

/**
 * The rows of `query` (main alias `alias`) as plain objects with only `properties` of its entity,
 * each converted as TypeORM converts an entity's column (dates, instants, booleans, transformers),
 * instead of hydrated entities with every column (issue 14: hydration was most of a list's CPU).
 * Typed as the entity for the resolvers that read the selected properties; null `properties`: all.
 */
export async function plainRows<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  alias: string,
  properties: readonly string[] | null,
): Promise<T[]> {
  const columns = columnsOf(query, alias, properties);
  selectColumns(query, alias, columns);
  return convertRows(query, columns, await query.getRawMany<Record<string, unknown>>()) as T[];
}

/** The columns of `alias`'s entity named by `properties` (all when null); an unknown name is a programming error. */
export function columnsOf<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  alias: string,
  properties: readonly string[] | null,
): ColumnMetadata[] {
  const metadata = query.expressionMap.findAliasByName(alias).metadata;
  if (properties === null) return metadata.columns;
  return properties.map((property) => {
    const column = metadata.findColumnWithPropertyName(property);
    if (!column) throw new Error(`${metadata.name} has no column ${property}`);
    return column;
  });
}

/** Makes `columns` of `alias` the query's whole selection, each under its property name. */
export function selectColumns<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  alias: string,
  columns: readonly ColumnMetadata[],
): void {
  query.select([]);
  for (const column of columns) query.addSelect(`${alias}.${column.databaseName}`, column.propertyName);
}

/** Each raw row (keyed by property name) converted in place, as TypeORM hydrates those columns. */
export function convertRows<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  columns: readonly ColumnMetadata[],
  rows: Array<Record<string, unknown>>,
): Array<Record<string, unknown>> {
  const driver = query.connection.driver;
  const converted = columns.filter(needsConversion);
  for (const row of rows) {
    for (const column of converted) row[column.propertyName] = driver.prepareHydratedValue(row[column.propertyName], column);
  }
  return rows;
}

/** Column types node-postgres already reads as the entity holds them (text, uuids, integers): the rest go through TypeORM. */
const READ_AS_IS = new Set<unknown>([
  'text',
  'uuid',
  'varchar',
  'character varying',
  'char',
  'character',
  'integer',
  'int',
  'int4',
  'smallint',
  String,
  Number,
]);

function needsConversion(column: ColumnMetadata): boolean {
  return Boolean(column.transformer) || column.isArray || !READ_AS_IS.has(column.type);
}

/** A row to load by id, with the properties the query reads from it (null: all). */
export interface PlainRowKey {
  id: string;
  properties: readonly string[] | null;
}

/**
 * A loader of plain rows by id (kit/plain-rows.ts): one `fetch` a batch, with every property any key
 * of the batch asked for (and `id`); a key `fetch` returned nothing for (missing, out of scope) loads null.
 */
export function plainRowLoader<T extends { id: string }>(
  fetch: (ids: readonly string[], properties: readonly string[] | null) => Promise<T[]>,
): DataLoader<PlainRowKey, T | null, string> {
  return new DataLoader(
    async (keys) => {
      const properties = keys.some((key) => key.properties === null)
        ? null
        : [...new Set(['id', ...keys.flatMap((key) => key.properties!)])];
      const valid = wellFormedIds(keys.map((key) => key.id));
      const rows = valid.length === 0 ? [] : await fetch(valid, properties);
      return orderByKeys(
        keys.map((key) => key.id),
        rows,
        (row) => row.id,
      );
    },
    { cacheKeyFn: (key) => `${key.id}|${key.properties?.join(',') ?? '*'}` },
  );
}
