// The gateway's schema and an index of every record the bureau reads through it, built once per
// suite: every root list (all pages) and, with ids from the lists, the lists that need arguments.
import { buildClientSchema, getIntrospectionQuery, getNamedType, type GraphQLSchema, type IntrospectionQuery } from 'graphql';
import { fillVariables, type IdPicker } from './argument-values';
import { OwnershipIndex } from './ownership';
import { mapLimit, post } from './probe-run';
import { operationFor, recordTypeOf, rootFields } from './schema-walk';

export async function introspectGateway(url: string, token: string): Promise<GraphQLSchema> {
  const answer = await post(url, { authorization: `Bearer ${token}` }, getIntrospectionQuery());
  if (!answer.data) throw new Error(`introspection failed: ${JSON.stringify(answer.errors)}`);
  return buildClientSchema(answer.data as unknown as IntrospectionQuery);
}

/** Any record of a type (the bureau sees them all): for filling arguments that are not under test. */
export function anyRecordPicker(index: OwnershipIndex): IdPicker {
  return {
    id: (typeName) => (typeName === 'Region' ? '371602' : index.ofType(typeName)[0]?.id),
    version: (id) => [...index.records.values()].find((record) => record.id === id)?.version,
    serviceItemCode: () => String(index.ofType('ServiceItem')[0]?.raw.code ?? 'ECS-2C4G'),
  };
}

const PAGE = 100;

export async function indexWorld(url: string, token: string, schema: GraphQLSchema): Promise<OwnershipIndex> {
  const index = new OwnershipIndex();
  const lists = rootFields(schema, 'query').filter(
    (field) => getNamedType(field.type).name.endsWith('Connection') || field.name === 'regions',
  );
  const needsArgs = (field: (typeof lists)[number]) => field.args.some((arg) => String(arg.type).endsWith('!'));
  const fetchAll = async (field: (typeof lists)[number]) => {
    const { variables } = fillVariables(field, recordTypeOf(field.type)?.name, anyRecordPicker(index), { optionalIds: false });
    const query = operationFor('query', field, { depth: 2, nestedFirst: 20 });
    let after: string | undefined;
    for (let page = 0; page < 20; page++) {
      const answer = await post(url, { authorization: `Bearer ${token}` }, query, {
        ...variables,
        ...(field.args.some((a) => a.name === 'first') ? { first: PAGE } : {}),
        ...(after ? { after } : {}),
      });
      const refusal = answer.errors?.find((error) => error.extensions?.code === 'QUERY_TOO_COMPLEX');
      if (refusal) throw new Error(`indexing ${field.name} was refused: ${refusal.message}`);
      const data = answer.data?.[field.name] as { pageInfo?: { hasNextPage: boolean; endCursor: string } } | undefined;
      index.learn(data);
      if (!data?.pageInfo?.hasNextPage) break;
      after = data.pageInfo.endCursor;
    }
  };
  await mapLimit(
    lists.filter((field) => !needsArgs(field)),
    3,
    fetchAll,
  );
  index.derive();
  await mapLimit(lists.filter(needsArgs), 3, fetchAll);
  index.derive();
  return index;
}
