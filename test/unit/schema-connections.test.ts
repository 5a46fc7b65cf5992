import { buildASTSchema, isObjectType, type GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { SUBGRAPH_NAMES, subgraphTypeDefs } from '../../subgraphs/kit/schema-files';

// Built from the SDL alone (federation directives left unchecked): the shapes are all we read.
// Every list is a Relay connection of one shape (kit/connection.ts pages them all alike), so a
// client pages any list the same way. Fields are compared as `name: Type` strings, in order.
const CONNECTION_SHAPE = (prefix: string) => [`edges: [${prefix}Edge!]!`, 'pageInfo: PageInfo!', 'totalCount: Int!'];

/** Edges that carry facts about the relation besides the node (Relay allows it); nothing else may. */
const EDGE_EXTRAS: Readonly<Record<string, readonly string[]>> = {
  MlpsOverdueSystemEdge: ['nextAssessmentDueOn', 'daysOverdue'],
  MlpsOverdueUnitEdge: ['region', 'overdueSystems', 'oldestDueOn', 'longestDaysOverdue'],
};

function shape(type: GraphQLObjectType): string[] {
  return Object.values(type.getFields()).map((field) => `${field.name}${field.args.length ? '(…)' : ''}: ${String(field.type)}`);
}

describe.each(SUBGRAPH_NAMES)('%s connections', (name) => {
  const types = Object.values(buildASTSchema(subgraphTypeDefs(name), { assumeValidSDL: true }).getTypeMap()).filter(isObjectType);
  const connections = types.filter((type) => type.name.endsWith('Connection'));
  const edges = types.filter((type) => type.name.endsWith('Edge'));

  it('has connections', () => {
    expect(connections.length).toBeGreaterThan(0);
  });

  it('gives every *Connection exactly edges, pageInfo and totalCount', () => {
    const outliers = connections
      .filter((type) => shape(type).join('; ') !== CONNECTION_SHAPE(type.name.slice(0, -'Connection'.length)).join('; '))
      .map((type) => `${type.name} { ${shape(type).join('; ')} }`);
    expect(outliers).toEqual([]);
  });

  it('gives every *Edge a cursor and a node (of its own type unless it is a listed edge with extra facts)', () => {
    const outliers = edges
      .filter((type) => {
        const fields = shape(type);
        const extras = EDGE_EXTRAS[type.name];
        const node = extras ? /^node: \w+!$/ : new RegExp(`^node: ${type.name.slice(0, -'Edge'.length)}!$`);
        const rest = fields.slice(2).map((field) => field.split(/[(:]/)[0]);
        return fields[0] !== 'cursor: String!' || !node.test(fields[1] ?? '') || rest.join() !== (extras ?? []).join();
      })
      .map((type) => `${type.name} { ${shape(type).join('; ')} }`);
    expect(outliers).toEqual([]);
  });

  it('has an edge type for every connection and a connection for every edge', () => {
    const prefixes = (list: GraphQLObjectType[], suffix: string) => list.map((type) => type.name.slice(0, -suffix.length)).sort();
    expect(prefixes(edges, 'Edge')).toEqual(prefixes(connections, 'Connection'));
  });
});
