import { Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { isIntrospectionOnly } from '../../../gateway/src/plugins/require-authentication';

function check(source: string): boolean {
  const document = parse(source);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  return isIntrospectionOnly(operation, fragments);
}

describe('anonymous introspection rule', () => {
  it.each([
    ['the IDE schema query', 'query IntrospectionQuery { __schema { queryType { name } types { name fields { name } } } }'],
    ['__type', '{ __type(name: "Provider") { name fields { name } } }'],
    ['__typename', '{ __typename }'],
    ['all three', '{ __typename __schema { queryType { name } } t: __type(name: "Query") { name } }'],
    ['a fragment spread', 'query { ...Schema } fragment Schema on Query { __schema { types { name } } }'],
    ['an inline fragment', 'query { ... on Query { __typename } }'],
  ])('allows %s', (_label, source) => {
    expect(check(source)).toBe(true);
  });

  it.each([
    ['a data field', '{ providers(first: 1) { totalCount } }'],
    ['data next to introspection', '{ __schema { queryType { name } } providers { totalCount } }'],
    ['data in a fragment', 'query { ...F } fragment F on Query { __typename providers { totalCount } }'],
    ['data in an inline fragment', 'query { ... on Query { units { totalCount } } }'],
    ['a mutation selecting only __typename', 'mutation { __typename }'],
    ['a spread of a missing fragment', 'query { ...Missing }'],
  ])('refuses %s', (_label, source) => {
    expect(check(source)).toBe(false);
  });
});
