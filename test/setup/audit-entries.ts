// What the subgraphs' audit-trail tests share: a request carrying its own id, the entries recorded
// under that id, and the Mutation fields a subgraph's SDL declares.
import { Kind, type ObjectTypeDefinitionNode, type ObjectTypeExtensionNode } from 'graphql';
import { REQUEST_ID_HEADER } from '../../subgraphs/kit/context';
import type { Principal } from '../../subgraphs/kit/principal';
import { subgraphTypeDefs, type SubgraphName } from '../../subgraphs/kit/schema-files';
import { postGraphQL, type GraphQLResult, type SubgraphForTest } from './subgraph';

/** The columns an audit test compares: the entry's outcome and who, where and what it names. */
const ENTRY_COLUMNS = ['operation', 'outcome', 'error_code', 'role', 'scope', 'target_ids', 'request_id'] as const;
/** …and the rule and subject, for tests that check those too. */
const ENTRY_COLUMNS_WITH_RULE = [
  'operation',
  'outcome',
  'error_code',
  'rule',
  'role',
  'scope',
  'subject',
  'target_ids',
  'request_id',
] as const;

export interface AuditEntryRow {
  operation: string;
  outcome: string;
  error_code: string | null;
  role: string;
  scope: string;
  target_ids: string[];
  request_id: string;
}

/** A request as the gateway sends it: the signed principal and the request's id, so its entry can be found. */
export function sendWithRequestId<T = Record<string, unknown>>(
  subgraph: Pick<SubgraphForTest, 'url'>,
  principal: Principal,
  requestId: string,
  query: string,
  variables?: Record<string, unknown>,
): Promise<GraphQLResult<T>> {
  return postGraphQL<T>(subgraph.url, principal, query, variables, { [REQUEST_ID_HEADER]: requestId });
}

/** The entries `schema`'s trail recorded for one request, oldest first. */
export function auditEntriesOf(
  subgraph: Pick<SubgraphForTest, 'dataSource'>,
  schema: SubgraphName,
  requestId: string,
  options: { withRuleAndSubject?: boolean } = {},
): Promise<AuditEntryRow[]> {
  const columns = options.withRuleAndSubject ? ENTRY_COLUMNS_WITH_RULE : ENTRY_COLUMNS;
  return subgraph.dataSource.query(`SELECT ${columns.join(', ')} FROM "${schema}".audit_entry WHERE request_id = $1 ORDER BY seq`, [
    requestId,
  ]);
}

/** Every Mutation field the subgraph's SDL declares. */
export function mutationFieldsOf(name: SubgraphName): string[] {
  return subgraphTypeDefs(name)
    .definitions.filter(
      (definition): definition is ObjectTypeDefinitionNode | ObjectTypeExtensionNode =>
        (definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION) &&
        definition.name.value === 'Mutation',
    )
    .flatMap((definition) => (definition.fields ?? []).map((field) => field.name.value));
}
