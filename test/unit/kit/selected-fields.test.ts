import { parse, type FragmentDefinitionNode, type OperationDefinitionNode, type FieldNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { propertiesFor, selectedFields, selectedProperties, type SelectionInfo } from '../../../subgraphs/kit/selected-fields';

/** The `info` of the operation's first root field, as graphql-js hands a resolver. */
function infoOf(query: string): SelectionInfo {
  const document = parse(query);
  const operation = document.definitions.find((definition) => definition.kind === 'OperationDefinition') as OperationDefinitionNode;
  const fragments = Object.fromEntries(
    document.definitions
      .filter((definition): definition is FragmentDefinitionNode => definition.kind === 'FragmentDefinition')
      .map((fragment) => [fragment.name.value, fragment]),
  );
  return { fieldNodes: [operation.selectionSet.selections[0] as FieldNode], fragments };
}

interface System {
  id: string;
  code: string;
  name: string;
  unitId: string;
  regionCode: string;
}

const FIELDS = { id: ['id'], code: ['code'], name: ['name'], owner: ['unitId'], region: ['regionCode'] } as const;

describe('selected fields', () => {
  it('names the fields under a path, through aliases, inline fragments and fragment spreads', () => {
    const info = infoOf(`{
      systems { totalCount edges { node { code label: name ... on InformationSystem { owner { name } } ...more } } }
    }
    fragment more on InformationSystem { region { name } __typename }`);
    expect([...selectedFields(info, ['edges', 'node'])].sort()).toEqual(['__typename', 'code', 'name', 'owner', 'region']);
    expect([...selectedFields(info)].sort()).toEqual(['edges', 'totalCount']);
  });

  it('gives the columns the fields read plus the ones always needed, sorted; null when a field is not mapped', () => {
    expect(propertiesFor<System>(new Set(['owner', 'name', '__typename']), FIELDS, ['id', 'code'])).toEqual([
      'code',
      'id',
      'name',
      'unitId',
    ]);
    expect(propertiesFor<System>(new Set(['name', 'applications']), FIELDS, ['id'])).toBeNull();
  });

  it('works the columns out once for every row of a list (the same field nodes)', () => {
    const info = infoOf(`{ systems { edges { node { name } } } }`);
    const first = selectedProperties<System>(info, FIELDS, ['id'], ['edges', 'node']);
    expect(first).toEqual(['id', 'name']);
    expect(selectedProperties<System>(info, FIELDS, ['id'], ['edges', 'node'])).toBe(first);
    expect(selectedProperties<System>(info, FIELDS, ['id', 'code'], ['edges', 'node'])).toEqual(['code', 'id', 'name']);
    // Another path or another list of columns always needed is another answer, however often asked.
    expect(selectedProperties<System>(info, FIELDS, ['id'])).toBeNull();
    expect(selectedProperties<System>(info, FIELDS, ['id'], ['edges', 'node'])).toBe(first);
    expect(selectedProperties<System>(info, FIELDS, ['id', 'code'], ['edges', 'node'])).toEqual(['code', 'id', 'name']);
  });
});
