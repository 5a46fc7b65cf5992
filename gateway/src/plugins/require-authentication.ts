// Anonymous requests may only read the schema, so the IDE can show its docs before a token is
// pasted; everything else needs a verified principal. In production not even that: the schema
// is for signed-in users there. Runs after validation, before any subgraph is called.
import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { UnauthenticatedError } from '../../../subgraphs/kit/errors';
import { MESSAGES, type GatewayContext } from '../auth';

const INTROSPECTION_FIELDS = new Set(['__schema', '__type', '__typename']);

/** True when a query selects nothing but `__schema`, `__type` and `__typename` at its root. */
export function isIntrospectionOnly(operation: OperationDefinitionNode, fragments: Record<string, FragmentDefinitionNode>): boolean {
  if (operation.operation !== 'query') return false;
  const visit = (selectionSet: SelectionSetNode, seen: Set<string>): boolean =>
    selectionSet.selections.every((selection) => {
      switch (selection.kind) {
        case Kind.FIELD:
          return INTROSPECTION_FIELDS.has(selection.name.value);
        case Kind.INLINE_FRAGMENT:
          return visit(selection.selectionSet, seen);
        case Kind.FRAGMENT_SPREAD: {
          const name = selection.name.value;
          const fragment = fragments[name];
          if (!fragment || seen.has(name)) return false;
          return visit(fragment.selectionSet, new Set([...seen, name]));
        }
      }
    });
  return visit(operation.selectionSet, new Set());
}

export interface RequireAuthenticationOptions {
  /** Whether a request without a token may run an introspection-only query. Default true; the gateway passes false in production. */
  allowAnonymousIntrospection?: boolean;
}

export function requireAuthenticationPlugin(options: RequireAuthenticationOptions = {}): ApolloServerPlugin<GatewayContext> {
  const allowAnonymousIntrospection = options.allowAnonymousIntrospection ?? true;
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation, document }) {
          if (contextValue.principal) return;
          // MESSAGES.required mentions anonymous introspection, which is not on offer here.
          if (!allowAnonymousIntrospection) throw new UnauthenticatedError();
          const fragments: Record<string, FragmentDefinitionNode> = {};
          for (const definition of document.definitions) {
            if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
          }
          if (!operation || !isIntrospectionOnly(operation, fragments)) throw new UnauthenticatedError(MESSAGES.required);
        },
      };
    },
  };
}
