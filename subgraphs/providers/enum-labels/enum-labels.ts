// The Chinese label of every enum value of the API (issue 12), so front ends need not hard-code
// them. Read from the four subgraphs' SDL (kit/schema-files.ts: files, not code), where every enum
// value's description opens with its label and then its code in brackets, "已提交 (SUBMITTED)：…".
import { Kind, type EnumTypeDefinitionNode, type EnumTypeExtensionNode } from 'graphql';
import { BadUserInputError } from '../../kit/errors';
import { SUBGRAPH_NAMES, subgraphTypeDefs } from '../../kit/schema-files';

export interface EnumLabel {
  enum: string;
  value: string;
  label: string;
  description: string;
}

/** The label a description gives its value: the text before " (" (the whole first clause without one). */
export function labelOf(description: string): string {
  const bracket = description.indexOf(' (');
  return (bracket > 0 ? description.slice(0, bracket) : description.split('：')[0]!).trim();
}

let all: ReadonlyMap<string, EnumLabel[]> | undefined;

function enumLabelsByName(): ReadonlyMap<string, EnumLabel[]> {
  if (all) return all;
  const byName = new Map<string, Map<string, EnumLabel>>();
  for (const name of SUBGRAPH_NAMES) {
    for (const definition of subgraphTypeDefs(name).definitions) {
      if (definition.kind !== Kind.ENUM_TYPE_DEFINITION && definition.kind !== Kind.ENUM_TYPE_EXTENSION) continue;
      const node = definition as EnumTypeDefinitionNode | EnumTypeExtensionNode;
      const values = byName.get(node.name.value) ?? new Map<string, EnumLabel>();
      for (const value of node.values ?? []) {
        const description = value.description?.value.trim() ?? '';
        if (!values.has(value.name.value))
          values.set(value.name.value, { enum: node.name.value, value: value.name.value, label: labelOf(description), description });
      }
      byName.set(node.name.value, values);
    }
  }
  all = new Map([...byName.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, values]) => [name, [...values.values()]]));
  return all;
}

/** The labels of the enums named (all when `names` is null); an unknown name is BAD_USER_INPUT. */
export function enumLabels(names: readonly string[] | null | undefined): EnumLabel[] {
  const byName = enumLabelsByName();
  if (!names) return [...byName.values()].flat();
  const unknown = names.filter((name) => !byName.has(name));
  if (unknown.length) throw new BadUserInputError(`没有名为 ${unknown.join('、')} 的枚举 (no such enum)`, 'names');
  return [...new Set(names)].flatMap((name) => byName.get(name)!);
}
