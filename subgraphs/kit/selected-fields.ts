import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/** What a resolver's `info` tells about its selection. */
export type SelectionInfo = Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>;

/**
 * The names of the fields the query selects on the objects at `path` below the resolved field
 * (`['edges', 'node']` for a connection's nodes; none for the field's own object), through inline
 * fragments and fragment spreads, whatever their type condition or `@skip`: a superset is safe.
 */
export function selectedFields(info: SelectionInfo, path: readonly string[] = []): Set<string> {
  let sets = info.fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
  for (const name of path) {
    sets = sets.flatMap((set) =>
      fieldsOf(set, info).flatMap((field) => (field.name.value === name && field.selectionSet ? [field.selectionSet] : [])),
    );
  }
  return new Set(sets.flatMap((set) => fieldsOf(set, info).map((field) => field.name.value)));
}

function fieldsOf(set: SelectionSetNode, info: SelectionInfo): FieldNode[] {
  return set.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection];
    if (selection.kind === Kind.INLINE_FRAGMENT) return fieldsOf(selection.selectionSet, info);
    const fragment = info.fragments[selection.name.value];
    return fragment ? fieldsOf(fragment.selectionSet, info) : [];
  });
}

/** The properties (columns) each GraphQL field of a type reads from its row; a field missing here needs the whole row. */
export type FieldProperties<T> = Readonly<Record<string, ReadonlyArray<keyof T & string>>>;

/**
 * The properties a row must have for `fields`: those the fields read plus `always` (its key, what a
 * cursor or a parent lookup reads), sorted so equal selections compare equal; null, every column,
 * when a field is not in `map` (a field added later reads a full row until it is listed).
 */
export function propertiesFor<T>(
  fields: ReadonlySet<string>,
  map: FieldProperties<T>,
  always: ReadonlyArray<keyof T & string>,
): Array<keyof T & string> | null {
  const properties = new Set(always);
  for (const field of fields) {
    if (field === '__typename') continue;
    const needs = map[field];
    if (!needs) return null;
    for (const property of needs) properties.add(property);
  }
  return [...properties].sort();
}

// graphql-js collects a field's nodes once per operation and list (its subfields are memoised), so
// every row of a list shares them: the properties are worked out once a list, not once a row.
interface RememberedCall {
  path: readonly string[];
  always: readonly string[];
  properties: string[] | null;
}

const remembered = new WeakMap<readonly FieldNode[], RememberedCall[]>();

/**
 * The properties a row must have for what the query selects at `path` below the resolved field
 * (selectedFields, propertiesFor), worked out once for all the rows of a list. Asked once per row,
 * so the call is found by comparing its few names, with nothing built for it.
 */
export function selectedProperties<T>(
  info: SelectionInfo,
  map: FieldProperties<T>,
  always: ReadonlyArray<keyof T & string>,
  path: readonly string[] = [],
): Array<keyof T & string> | null {
  let calls = remembered.get(info.fieldNodes);
  if (!calls) remembered.set(info.fieldNodes, (calls = []));
  for (const call of calls) {
    if (sameNames(call.path, path) && sameNames(call.always, always)) return call.properties as Array<keyof T & string> | null;
  }
  const properties = propertiesFor(selectedFields(info, path), map, always);
  calls.push({ path: [...path], always: [...always], properties });
  return properties;
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
