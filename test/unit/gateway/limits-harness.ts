// The gateway's request checks run without a server: the composed API schema, the parser with
// the token limit, graphql's validation with the gateway's rules, then the cost. Built with the
// CommonJS copy of graphql, the one the gateway and graphql-query-complexity load from
// node_modules (vitest gives test files the ESM copy, whose schema objects they would refuse).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { printSchema, Supergraph } from '@apollo/federation-internals';
import type { GraphQLError, OperationDefinitionNode } from 'graphql';
import { DEFAULT_MAX_TOKENS } from '../../../gateway/src/config';
import { DEFAULT_MAX_COST, operationCost, queryCostPlugin } from '../../../gateway/src/plugins/query-cost';
import { DEFAULT_DOCUMENT_LIMITS, documentLimitRules, type DocumentLimits } from '../../../gateway/src/plugins/query-limits';
import { rejectDisallowedCharactersRule } from '../../../gateway/src/plugins/reject-disallowed-characters';
import { SUPERGRAPH_PATH } from '../../../schema/compose';

export const graphql = createRequire(import.meta.url)('graphql') as typeof import('graphql');

/** What clients see: the supergraph without federation's own types. */
export const apiSchema = graphql.buildSchema(printSchema(Supergraph.build(readFileSync(SUPERGRAPH_PATH, 'utf8')).apiSchema()));

export interface Limits extends DocumentLimits {
  maxTokens: number;
  maxCost: number;
}

export const DEFAULT_LIMITS: Limits = { ...DEFAULT_DOCUMENT_LIMITS, maxTokens: DEFAULT_MAX_TOKENS, maxCost: DEFAULT_MAX_COST };

export interface Checked {
  /** Errors in the order the gateway would meet them: parse, validation, cost. Empty: accepted. */
  errors: Array<{ message: string; code?: unknown; limit?: unknown; actual?: unknown }>;
  /** The cost, when the document got that far. */
  cost?: number;
}

/** Runs `text` through the gateway's checks as it would arrive with `variables`. */
export async function checkOperation(
  text: string,
  variables: Record<string, unknown> = {},
  limits: Limits = DEFAULT_LIMITS,
): Promise<Checked> {
  const describe = (error: GraphQLError) => ({
    message: error.message,
    code: (error.originalError as GraphQLError | undefined)?.extensions?.code ?? error.extensions?.code,
    limit: error.extensions?.limit,
    actual: error.extensions?.actual,
  });
  let document;
  try {
    document = graphql.parse(text, { maxTokens: limits.maxTokens });
  } catch (error) {
    return { errors: [describe(error as GraphQLError)] };
  }
  const validationErrors = graphql.validate(apiSchema, document, [
    ...graphql.specifiedRules,
    ...documentLimitRules(limits),
    rejectDisallowedCharactersRule,
  ]);
  if (validationErrors.length > 0) return { errors: validationErrors.map(describe) };
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === graphql.Kind.OPERATION_DEFINITION)!;
  // The plugin's own hook decides, as in the gateway; the cost is computed again to show it.
  const listener = await queryCostPlugin({ maxCost: limits.maxCost }).requestDidStart!({} as never);
  try {
    await listener!.didResolveOperation!({ schema: apiSchema, document, operation, request: { variables } } as never);
  } catch (error) {
    return { errors: [describe(error as GraphQLError)] };
  }
  return { errors: [], cost: operationCost(apiSchema, document, operation, variables, { maxCost: limits.maxCost }) };
}

/** The cyclic query from the incident: providers → hosted systems → their provider → …, `levels` times. */
export function cyclicQuery(levels: number, first = 100): string {
  let inner = 'name';
  for (let level = 0; level < levels; level++) {
    inner = `name hostedSystems(first: ${first}) { edges { node { name hostingProvider { ${inner} } } } }`;
  }
  return `query Cyclic { providers(first: ${first}) { edges { node { ${inner} } } } }`;
}
