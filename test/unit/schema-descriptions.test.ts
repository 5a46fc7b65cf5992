import { Kind, visit, type ASTNode, type StringValueNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { SUBGRAPH_NAMES, subgraphTypeDefs } from '../../subgraphs/kit/schema-files';

const CHINESE = /[\u4e00-\u9fff]/;
const ENGLISH_TERM = /[A-Za-z]{2,}/;

type Described = ASTNode & { description?: StringValueNode; name: { value: string } };

const DESCRIBED_KINDS = new Set<string>([
  Kind.OBJECT_TYPE_DEFINITION,
  Kind.INTERFACE_TYPE_DEFINITION,
  Kind.INPUT_OBJECT_TYPE_DEFINITION,
  Kind.ENUM_TYPE_DEFINITION,
  Kind.UNION_TYPE_DEFINITION,
  Kind.SCALAR_TYPE_DEFINITION,
  Kind.FIELD_DEFINITION,
  Kind.INPUT_VALUE_DEFINITION,
  Kind.ENUM_VALUE_DEFINITION,
]);

/** Every element a front-end team or analyst sees must explain itself in Chinese with its English term. */
function undescribed(name: (typeof SUBGRAPH_NAMES)[number]): string[] {
  const missing: string[] = [];
  const path: string[] = [];
  visit(subgraphTypeDefs(name), {
    enter(node) {
      if (!DESCRIBED_KINDS.has(node.kind)) return;
      const described = node as Described;
      path.push(described.name.value);
      const text = described.description?.value ?? '';
      if (!CHINESE.test(text) || !ENGLISH_TERM.test(text)) missing.push(path.join('.'));
    },
    leave(node) {
      if (DESCRIBED_KINDS.has(node.kind)) path.pop();
    },
  });
  return missing;
}

describe('schema descriptions', () => {
  it.each(SUBGRAPH_NAMES)('%s: every type, field, argument and enum value is described in Chinese with its English term', (name) => {
    expect(undescribed(name)).toEqual([]);
  });
});
