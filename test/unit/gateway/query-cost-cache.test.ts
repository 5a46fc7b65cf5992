// The gateway's cost check remembers an operation's cost per variables (plugins/query-cost.ts
// cachedOperationCost): the same answer as computing it, computed once per operation and variables.
import type { OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { cachedOperationCost, operationCost } from '../../../gateway/src/plugins/query-cost';
// The CommonJS graphql graphql-query-complexity uses (see limits-harness.ts).
import { graphql } from './limits-harness';

const { buildSchema, Kind, parse } = graphql;

const schema = buildSchema(`
  type Query { items(first: Int): ItemConnection! }
  type ItemConnection { edges: [ItemEdge!]! totalCount: Int! }
  type ItemEdge { node: Item! }
  type Item { id: ID! name: String! }
`);
const document = parse('query ($first: Int) { items(first: $first) { totalCount edges { node { id name } } } }');
const operation = document.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
const options = { maxCost: 100_000 };

describe('cached operation cost', () => {
  it('answers as operationCost does, per variables', () => {
    const costOf = cachedOperationCost(options);
    for (const variables of [{ first: 5 }, { first: 50 }, {}, { first: 5 }]) {
      expect(costOf(schema, document, operation, variables)).toBe(operationCost(schema, document, operation, variables, options));
    }
    expect(costOf(schema, document, operation, { first: 50 })).toBeGreaterThan(costOf(schema, document, operation, { first: 5 }));
  });

  it('computes an operation and variables once', () => {
    const costOf = cachedOperationCost(options);
    let evaluated = 0;
    // A schema whose field map is read only while a cost is computed.
    const counting = new Proxy(schema, {
      get(target, property, receiver) {
        if (property === 'getQueryType') evaluated++;
        return Reflect.get(target, property, receiver) as unknown;
      },
    });
    costOf(counting, document, operation, { first: 10 });
    const once = evaluated;
    expect(once).toBeGreaterThan(0);
    costOf(counting, document, operation, { first: 10 });
    expect(evaluated).toBe(once);
    costOf(counting, document, operation, { first: 11 });
    expect(evaluated).toBeGreaterThan(once);
  });
});
