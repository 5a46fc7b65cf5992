// Walks a GraphQL schema to generate requests: a selection set for any object type and an
// operation for any root field, its arguments passed as variables (so enums and wrong types reach
// the server's own coercion). Used by the generated boundary and bad-input suites, so a new field
// is probed the day it is added, without anyone listing it.
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';

/** Wrappers that carry no record of their own, so they do not count towards the depth. */
function isTransparent(type: GraphQLNamedType): boolean {
  return /(Connection|Edge)$/.test(type.name) || type.name === 'PageInfo';
}

export interface SelectionOptions {
  /** Record levels selected below the root's own (0: only the root's scalars). */
  depth: number;
  /** `first` given to nested connections, so a response stays small. */
  nestedFirst?: number;
}

/** A literal for a nested field's required argument (the probes only fill root arguments). */
function nestedLiteral(arg: GraphQLArgument): string | undefined {
  const named = getNamedType(arg.type);
  if (/year/i.test(arg.name) && named.name === 'Int') return '2026';
  if (named.name === 'Int') return '1';
  if (named.name === 'Boolean') return 'false';
  if (named.name === 'String') return '"2026-11-01"';
  if (isEnumType(named)) return named.getValues()[0]!.name;
  return undefined;
}

function fieldSelection(field: GraphQLField<unknown, unknown>, depth: number, options: SelectionOptions): string | undefined {
  const named = getNamedType(field.type);
  const args: string[] = [];
  for (const arg of field.args) {
    if (arg.name === 'first' && options.nestedFirst) args.push(`first: ${options.nestedFirst}`);
    else if (isNonNullType(arg.type) && arg.defaultValue === undefined) {
      const literal = nestedLiteral(arg);
      if (literal === undefined) return undefined;
      args.push(`${arg.name}: ${literal}`);
    }
  }
  const head = args.length ? `${field.name}(${args.join(', ')})` : field.name;
  if (isLeafType(named)) return head;
  const below = isTransparent(named) ? depth : depth - 1;
  if (below < 0) return undefined;
  const inner = selectionOf(named, below, options);
  return inner ? `${head} ${inner}` : undefined;
}

/** `{ __typename … }` for a type: every scalar, and object fields down to `depth` record levels. */
export function selectionOf(type: GraphQLNamedType, depth: number, options: SelectionOptions): string | undefined {
  if (isUnionType(type) || isInterfaceType(type)) {
    const members = isUnionType(type) ? type.getTypes() : [];
    const parts = members.map((member) => `... on ${member.name} ${selectionOf(member, depth, options) ?? '{ __typename }'}`);
    return `{ __typename ${parts.join(' ')} }`;
  }
  if (!isObjectType(type)) return undefined;
  const parts = ['__typename'];
  for (const field of Object.values(type.getFields())) {
    if (field.name.startsWith('_')) continue;
    const selected = fieldSelection(field, depth, options);
    if (selected) parts.push(selected);
  }
  return `{ ${parts.join(' ')} }`;
}

export interface ArgumentSlot {
  /** Where the value goes: the argument name, then input-field names (lists are `[]`). */
  path: string[];
  name: string;
  type: GraphQLInputType;
  /** The object that owns the argument or input field (for picking ids and versions). */
  owner: string;
}

/** Every argument of a field and every input field below it, recursively (cycles cut). */
export function argumentSlots(field: GraphQLField<unknown, unknown>, ownerName: string): ArgumentSlot[] {
  const slots: ArgumentSlot[] = [];
  const visit = (name: string, type: GraphQLInputType, path: string[], owner: string, seen: Set<string>) => {
    slots.push({ path, name, type, owner });
    const named = getNamedType(type);
    if (!isInputObjectType(named) || seen.has(named.name)) return;
    const below = new Set(seen).add(named.name);
    const listed = isListType(isNonNullType(type) ? type.ofType : type);
    for (const inputField of Object.values(named.getFields()))
      visit(inputField.name, inputField.type, [...path, ...(listed ? ['[]'] : []), inputField.name], named.name, below);
  };
  for (const arg of field.args) visit(arg.name, arg.type, [arg.name], ownerName, new Set());
  return slots;
}

/** How a variable is declared: `$name: Type`. */
export function variableDefinitions(field: GraphQLField<unknown, unknown>): string {
  return field.args.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
}

/** `query|mutation ($a: T) { field(a: $a) { … } }` with the field's result selected to `depth`. */
export function operationFor(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>, options: SelectionOptions): string {
  const defs = variableDefinitions(field);
  const args = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const selection = selectionOf(getNamedType(field.type), options.depth, options) ?? '';
  return `${kind} Probe_${field.name}${defs ? `(${defs})` : ''} { ${field.name}${args ? `(${args})` : ''} ${selection} }`;
}

export function rootFields(schema: GraphQLSchema, kind: 'query' | 'mutation'): Array<GraphQLField<unknown, unknown>> {
  const root = kind === 'query' ? schema.getQueryType() : schema.getMutationType();
  return root ? Object.values(root.getFields()).filter((field) => !field.name.startsWith('_')) : [];
}

/** The record type a field answers with, seen through lists, non-null and connections. */
export function recordTypeOf(type: GraphQLOutputType): GraphQLObjectType | undefined {
  const named = getNamedType(type);
  if (!isObjectType(named)) return undefined;
  if (named.name.endsWith('Connection')) {
    const edges = named.getFields().edges;
    const node = edges && getNamedType(edges.type);
    return node && isObjectType(node) ? recordTypeOf(node.getFields().node!.type) : undefined;
  }
  return named;
}

/** Sets `value` at `path` (from argumentSlots) in a variables object, creating objects and one-element lists. */
export function setAtPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let cursor: Record<string, unknown> = target;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]!;
    if (path[i + 1] === '[]') {
      const list = (cursor[key] as Array<Record<string, unknown>> | undefined) ?? [{}];
      cursor[key] = list;
      cursor = list[0]!;
      i++;
    } else {
      cursor = (cursor[key] as Record<string, unknown> | undefined) ?? (cursor[key] = {});
    }
  }
  cursor[path[path.length - 1]!] = value;
}

/** Deep copy of variables (plain JSON). */
export function cloneVariables(variables: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(variables)) as Record<string, unknown>;
}
