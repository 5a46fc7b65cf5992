// A root list's totalCount is read beside its page, not after it (issue 14): when the query selects
// totalCount, keysetPage (connection.ts) sends the COUNT on a second connection as it sends the
// page, so a county's page of applications waits for one round trip to PostgreSQL, not two. Only the
// query knows whether the count is wanted: the schema's root list fields mark their arguments
// (markCountedLists, applied by subgraph-server.ts) and the lists read the mark (isCountWanted:
// keysetPage, the to-do list). Unmarked arguments (a list read by a service, not a query) keep the
// lazy count.
import type { GraphQLField, GraphQLOutputType, GraphQLSchema } from 'graphql';
import { selectedFields } from './selected-fields';

const COUNT_WANTED = Symbol('totalCount selected');

type MarkedArgs = { [COUNT_WANTED]?: true };

/** Whether the query selected totalCount on the list these arguments came with. */
export function isCountWanted(args: object): boolean {
  return (args as MarkedArgs)[COUNT_WANTED] === true;
}

/**
 * Wraps each Query field that returns a connection (a type with `edges` and `totalCount`) so its
 * arguments carry whether the query selects totalCount. Child lists count in their own batch.
 */
export function markCountedLists(schema: GraphQLSchema): GraphQLSchema {
  for (const field of Object.values(schema.getQueryType()?.getFields() ?? {})) {
    const resolve = field.resolve;
    if (!resolve || !isConnection(field.type)) continue;
    field.resolve = (source, args: MarkedArgs, context, info) => {
      if (selectedFields(info).has('totalCount')) args[COUNT_WANTED] = true;
      return resolve(source, args, context, info);
    };
  }
  return schema;
}

/**
 * Gives every `totalCount` and `hasNextPage` field without a resolver one that calls a lazy value
 * (connection.ts: a function, so the COUNT, or a page of none's look past its cursor, is sent only
 * when asked for). graphql-js's default resolver calls a function it finds; the compiled execution
 * (compiled-execution.ts) reads the property as it is, so the call is the schema's, the same under both.
 */
export function resolveLazyCounts(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    for (const name of ['totalCount', 'hasNextPage']) {
      const field = (type as { getFields?: () => Record<string, GraphQLField<unknown, unknown>> }).getFields?.()[name];
      // Input types have fields too, without arguments or resolvers.
      if (!field || !('args' in field) || field.resolve || type.name.startsWith('__')) continue;
      field.resolve = (source, args, context, info) => {
        const value = (source as Record<string, unknown>)[name];
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown)(args, context, info) : value;
      };
    }
  }
  return schema;
}

/**
 * A type with `edges` and `totalCount` under its list and non-null wrappers. Read by shape, not with
 * graphql's isObjectType: under vitest this file gets graphql's ESM build while @apollo/subgraph,
 * which builds the schema, requires the CommonJS one, and graphql refuses types from the other copy.
 */
function isConnection(type: GraphQLOutputType): boolean {
  let named: unknown = type;
  while (named && typeof named === 'object' && 'ofType' in named) named = (named as { ofType: unknown }).ofType;
  const fields = (named as { getFields?: () => Record<string, unknown> }).getFields?.();
  return fields !== undefined && 'edges' in fields && 'totalCount' in fields;
}
