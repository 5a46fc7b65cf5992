import DataLoader from 'dataloader';
import type { EntityMetadata, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { wellFormedIds } from './ids';
import { orderByKeys } from './loader-helpers';
import { selectedProperties, type FieldProperties, type SelectionInfo } from './selected-fields';

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
  joins: PlainJoins = {},
): Promise<T[]> {
  const { own, joined } = splitJoinedProperties(properties);
  const columns = columnsOf(query, alias, own);
  selectColumns(query, alias, columns);
  const read = addJoins(query, alias, joined, joins);
  const rows = convertRows(query, columns, await query.getRawMany<Record<string, unknown>>());
  read(rows);
  return rows as T[];
}

/**
 * A row of another table that a list reads with each of its rows (a system's `owner`), asked for
 * by properties named `join.property` (`owner.name`): left-joined in the list's own statement and
 * narrowed inside the join to what the principal sees, so a field reading it costs no statement of
 * its own (issue 14) and sees no more than a loader of its own would. `joinedRow` reads it.
 */
export interface PlainJoin {
  entity: EntityTarget<ObjectLiteral>;
  /** The join condition, e.g. `${joined}.id = ${alias}.unit_id`. */
  on: (alias: string, joined: string) => string;
  /** The joined table narrowed to the principal's scope (a query over `entity` as `alias`). */
  scoped: (query: SelectQueryBuilder<ObjectLiteral>, alias: string) => SelectQueryBuilder<ObjectLiteral>;
}

/** The joins a list offers, by name. */
export type PlainJoins = Readonly<Record<string, PlainJoin>>;

/**
 * Where a list's row keeps its joined rows, by join name: a property of its own, not a WeakMap
 * entry, and under a symbol, so no column name can clash with it and JSON leaves it out.
 */
const JOINED = Symbol('joined rows');

type WithJoined = { [JOINED]?: Record<string, Record<string, unknown> | null> };

/**
 * The row joined under `name` to a list's row: undefined when the list did not join it (read it
 * another way), null when nothing visible matched.
 */
export function joinedRow<J>(row: object, name: string): J | null | undefined {
  return (row as WithJoined)[JOINED]?.[name] as J | null | undefined;
}

/**
 * The row joined under `name` to a list's row, or, when the list did not join it, `load`'s. A
 * joined row is returned as it is, not in a promise: graphql-js completes a node whose fields are
 * all values without awaiting it, which a page of 50 does 50 times.
 */
export function joinedOr<J>(row: object, name: string, load: () => Promise<J | null>): J | null | Promise<J | null> {
  const joined = joinedRow<J>(row, name);
  return joined !== undefined ? joined : load();
}

/**
 * What a list's nodes (at `path` below the list's field) select of the row joined as `name`, as the
 * properties a plain list asks for (`owner.name`, `owner.id`); none when they select a field
 * `fields` does not map (the row then loads on its own).
 */
export function joinedSelection<J>(info: SelectionInfo, name: string, fields: FieldProperties<J>, path: readonly string[]): string[] {
  const properties = selectedProperties<J>(info, fields, ['id' as keyof J & string], [...path, name]);
  return properties === null ? [] : properties.map((property) => `${name}.${property}`);
}

/** `properties` without the joined ones (`owner.name`), and those by join name. */
export function splitJoinedProperties(properties: readonly string[] | null): {
  own: readonly string[] | null;
  joined: Map<string, string[]>;
} {
  const joined = new Map<string, string[]>();
  if (properties === null) return { own: null, joined };
  const own: string[] = [];
  for (const property of properties) {
    const dot = property.indexOf('.');
    if (dot < 0) {
      own.push(property);
      continue;
    }
    const name = property.slice(0, dot);
    joined.set(name, [...(joined.get(name) ?? []), property.slice(dot + 1)]);
  }
  return { own, joined };
}

/**
 * Left-joins each of `joined` (its properties) to `query`, selected as `name.property`; returns
 * what copies those columns of each raw row into its joined row (converted as an entity's would be).
 */
export function addJoins<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  alias: string,
  joined: ReadonlyMap<string, readonly string[]>,
  joins: PlainJoins,
): (rows: Array<Record<string, unknown>>) => void {
  const readers: Array<(row: Record<string, unknown>) => void> = [];
  for (const [name, properties] of joined) {
    const join = joins[name];
    if (!join) throw new Error(`${alias} has no join ${name}`);
    const metadata = query.connection.getMetadata(join.entity);
    // The key too, first, which is null exactly when nothing joined.
    const columns = [...new Set([...metadata.primaryColumns.map((column) => column.propertyName), ...properties])].map((property) => {
      const column = metadata.findColumnWithPropertyName(property);
      if (!column) throw new Error(`${metadata.name} has no column ${property}`);
      return column;
    });
    const joinedAlias = `${alias}_${name}`;
    const inner = `${joinedAlias}_row`;
    query.leftJoin(
      (sub) => {
        const scoped = join.scoped(sub.from(join.entity, inner), inner);
        scoped.select([]);
        for (const column of columns) scoped.addSelect(`${inner}.${column.databaseName}`, column.databaseName);
        return scoped;
      },
      joinedAlias,
      join.on(alias, joinedAlias),
    );
    for (const column of columns) query.addSelect(`"${joinedAlias}"."${column.databaseName}"`, `${name}.${column.propertyName}`);
    const converted = columns.filter(needsConversion);
    const driver = query.connection.driver;
    // Each raw column's name made once, not once a row (a key built at run time is looked up slowly).
    const rawNames = columns.map((column) => `${name}.${column.propertyName}`);
    const key = rawNames[0]!;
    // The `name.property` columns stay on the raw row (deleting them would slow every later read of it).
    readers.push((row) => {
      let values: Record<string, unknown> | null = null;
      if (row[key] !== null && row[key] !== undefined) {
        values = {};
        for (let i = 0; i < columns.length; i++) values[columns[i]!.propertyName] = row[rawNames[i]!];
        for (const column of converted) values[column.propertyName] = driver.prepareHydratedValue(values[column.propertyName], column);
      }
      ((row as WithJoined)[JOINED] ??= {})[name] = values;
    });
  }
  return (rows) => {
    if (readers.length === 0) return;
    for (const row of rows) for (const read of readers) read(row);
  };
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

/**
 * Column types node-postgres already reads as the entity holds them (text, uuids, integers, and
 * dates as `YYYY-MM-DD`: kit/pg-driver.ts): the rest go through TypeORM.
 */
const READ_AS_IS = new Set<unknown>([
  'date',
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

/** A row to load by id (or by the loader's key property), with the properties the query reads from it (null: all). */
export interface PlainRowKey {
  id: string;
  properties: readonly string[] | null;
}

/**
 * A loader of plain rows by id (kit/plain-rows.ts), or by another property unique to a row
 * (`keyProperty`, e.g. a record's `systemId`): one `fetch` a batch, with every property any key of
 * the batch asked for (and the key); a key `fetch` returned nothing for (missing, out of scope) loads null.
 */
export function plainRowLoader<T extends ObjectLiteral>(
  fetch: (ids: readonly string[], properties: readonly string[] | null) => Promise<T[]>,
  keyProperty: keyof T & string = 'id',
): DataLoader<PlainRowKey, T | null, string> {
  return new DataLoader(
    async (keys) => {
      const properties = propertiesOfBatch(keys, keyProperty);
      const valid = wellFormedIds(keys.map((key) => key.id));
      const rows = valid.length === 0 ? [] : await fetch(valid, properties);
      return orderByKeys(
        keys.map((key) => key.id),
        rows,
        (row) => row[keyProperty] as string,
      );
    },
    { cacheKeyFn: (key) => `${key.id}|${propertiesKey(key.properties)}` },
  );
}

/**
 * Every property any key of a batch reads, and the key property; null when one reads all. The keys
 * of one field under a page share one list (selectedProperties remembers it), so each distinct list
 * is merged once, not once per key.
 */
function propertiesOfBatch(keys: readonly PlainRowKey[], keyProperty: string): string[] | null {
  const lists = new Set<readonly string[] | null>();
  for (const key of keys) lists.add(key.properties);
  if (lists.has(null)) return null;
  const properties = new Set([keyProperty]);
  for (const list of lists) for (const property of list!) properties.add(property);
  return [...properties];
}

const listKeys = new WeakMap<readonly string[], string>();

/** A key's properties as its cache key reads them, joined once per list. */
function propertiesKey(properties: readonly string[] | null): string {
  if (properties === null) return '*';
  let key = listKeys.get(properties);
  if (key === undefined) listKeys.set(properties, (key = properties.join(',')));
  return key;
}
