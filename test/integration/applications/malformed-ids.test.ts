// Malformed ids are BAD_USER_INPUT everywhere in the applications subgraph (issue 12): every `ID`
// argument of every root query — top level or inside a filter input — given "not-a-uuid" answers
// BAD_USER_INPUT, never a quiet null or an empty list. Walked from the subgraph's own SDL, so a new
// list or filter is covered the day it is added.
import type { FieldDefinitionNode, InputValueDefinitionNode, TypeNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subgraphTypeDefs } from '../../../subgraphs/kit/schema-files';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import { bureau } from '../../setup/principals';

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('applications', { seed: true });
});

afterAll(async () => {
  await subgraph?.stop();
});

interface Probe {
  label: string;
  query: string;
  variables: Record<string, unknown>;
}

/** Read from the SDL's syntax tree: graphql's type objects would come from another module instance here. */
const named = (type: TypeNode): string => (type.kind === 'NamedType' ? type.name.value : named(type.type));
const printed = (type: TypeNode): string =>
  type.kind === 'NamedType' ? type.name.value : type.kind === 'ListType' ? `[${printed(type.type)}]` : `${printed(type.type)}!`;
const required = (value: InputValueDefinitionNode) => value.type.kind === 'NonNullType' && value.defaultValue === undefined;

function probes(): Probe[] {
  const definitions = subgraphTypeDefs('applications').definitions;
  const inputs = new Map<string, readonly InputValueDefinitionNode[]>();
  const queryFields: FieldDefinitionNode[] = [];
  for (const definition of definitions) {
    if (definition.kind === 'InputObjectTypeDefinition') inputs.set(definition.name.value, definition.fields ?? []);
    if ((definition.kind === 'ObjectTypeDefinition' || definition.kind === 'ObjectTypeExtension') && definition.name.value === 'Query') {
      queryFields.push(...(definition.fields ?? []));
    }
  }
  const out: Probe[] = [];
  for (const field of queryFields) {
    for (const arg of field.arguments ?? []) {
      if ((field.arguments ?? []).some((other) => other !== arg && required(other))) continue;
      const query = `query ($v: ${printed(arg.type)}) { ${field.name.value}(${arg.name.value}: $v) { __typename } }`;
      const label = `${field.name.value}(${arg.name.value}:`;
      if (named(arg.type) === 'ID') out.push({ label: `${label})`, query, variables: { v: 'not-a-uuid' } });
      const fields = inputs.get(named(arg.type));
      if (!fields || fields.some(required)) continue;
      for (const inner of fields.filter((candidate) => named(candidate.type) === 'ID')) {
        out.push({ label: `${label} { ${inner.name.value} })`, query, variables: { v: { [inner.name.value]: 'not-a-uuid' } } });
      }
    }
  }
  return out;
}

describe('applications: malformed ids', () => {
  it('every ID argument of every root query, and every ID in a filter, answers "not-a-uuid" with BAD_USER_INPUT', async () => {
    const all = probes();
    expect(all.map((probe) => probe.label)).toEqual(
      expect.arrayContaining([
        'applications(filter: { unitId })',
        'applications(filter: { providerId })',
        'systems(filter: { unitId })',
        'unit(id:)',
      ]),
    );
    const wrong: string[] = [];
    for (const probe of all) {
      const result = await subgraph.query(bureau, probe.query, probe.variables);
      if (result.errors?.[0]?.extensions?.code !== 'BAD_USER_INPUT') wrong.push(`${probe.label} → ${JSON.stringify(result).slice(0, 200)}`);
    }
    expect(wrong).toEqual([]);
  });
});
