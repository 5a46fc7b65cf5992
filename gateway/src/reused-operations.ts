// Apollo Gateway's executeQueryPlan builds the request's federation Operation from its parsed
// document on every request, to shape the answer: about 2% of the gateway's CPU on the bench's
// dashboard (issue 14). Apollo Server keeps one parsed document per query text, so a request for
// the same text brings the same AST nodes; the Operation built from them is only read afterwards
// (result shaping, the plan's conditions), so one built for those nodes serves every request.
import type { DefinitionNode, DocumentNode } from 'graphql';

export type OperationFromDocument = (
  schema: object,
  document: DocumentNode,
  options?: { operationName?: string; validate?: boolean },
) => unknown;

interface Built {
  definitions: readonly DefinitionNode[];
  operationName: string | undefined;
  operation: unknown;
}

/**
 * `build`, reusing its result for the same schema and the same definition nodes, when called as
 * executeQueryPlan calls it (`validate: false`: the document was validated when parsed). Other
 * calls (the planner's, once per plan) build as before. Entries go with their document's nodes.
 */
export function reusingOperations(build: OperationFromDocument): OperationFromDocument {
  const bySchema = new WeakMap<object, WeakMap<DefinitionNode, Built>>();
  return (schema, document, options) => {
    const first = document.definitions[0];
    if (options?.validate !== false || first === undefined) return build(schema, document, options);
    let byFirstNode = bySchema.get(schema);
    if (!byFirstNode) bySchema.set(schema, (byFirstNode = new WeakMap()));
    const built = byFirstNode.get(first);
    if (built && built.operationName === options.operationName && sameNodes(built.definitions, document.definitions)) {
      return built.operation;
    }
    const operation = build(schema, document, options);
    byFirstNode.set(first, { definitions: document.definitions, operationName: options.operationName, operation });
    return operation;
  };
}

function sameNodes(a: readonly DefinitionNode[], b: readonly DefinitionNode[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
