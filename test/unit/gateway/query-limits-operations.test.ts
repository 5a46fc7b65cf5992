// Every operation the IDE offers, the front ends' trusted documents (operations/manifest.json) and
// what the end-to-end suites and the benchmark send pass the gateway's default limits, with its
// variables at their worst (every Int at the page maximum).
// Operations are read from the sources (operations-in-sources.ts), so new tests are covered too.
import { readFileSync } from 'node:fs';
import type { GraphQLInputType, OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { exampleTabs } from '../../../gateway/ide/src/examples';
import { MAX_PAGE_SIZE } from '../../../subgraphs/kit/connection';
import { apiSchema, checkOperation, graphql } from './limits-harness';
import { operationsInSources, parsesAsGraphQL } from './operations-in-sources';

/**
 * Operations as written; those the schema itself refuses (tests of invalid requests) are left
 * out, and so are the hostile queries whose refusal is the point of their test.
 */
const fromSources = operationsInSources(['test/e2e', 'test/bench'], parsesAsGraphQL).filter(
  ({ where, text }) => !where.startsWith('test/e2e/hostile-queries.') && graphql.validate(apiSchema, graphql.parse(text)).length === 0,
);
const trustedDocuments = Object.values(JSON.parse(readFileSync('operations/manifest.json', 'utf8')) as Record<string, string>).map(
  (text) => ({ where: `operations/manifest.json ${/^\w+ (\w+)/.exec(text)?.[1]}`, text }),
);
const ideExamples = exampleTabs.map((tab, index) => ({ where: `IDE example ${index}`, text: tab.query ?? '' }));
/** What GraphiQL and the graph test ask to build their docs. */
const introspection = [
  { where: 'introspection (graphql defaults)', text: graphql.getIntrospectionQuery() },
  {
    where: 'introspection (every option)',
    text: graphql.getIntrospectionQuery({
      descriptions: true,
      inputValueDeprecation: true,
      schemaDescription: true,
      specifiedByUrl: true,
      directiveIsRepeatable: true,
    }),
  },
];

/** A value for every variable, as large as a client may send: lists of one, Ints at the page maximum. */
function worstVariables(text: string): Record<string, unknown> {
  const operation = graphql
    .parse(text)
    .definitions.find((d): d is OperationDefinitionNode => d.kind === graphql.Kind.OPERATION_DEFINITION)!;
  const valueOf = (type: GraphQLInputType): unknown => {
    if (graphql.isNonNullType(type)) return valueOf(type.ofType);
    if (graphql.isListType(type)) return [valueOf(type.ofType)];
    if (graphql.isEnumType(type)) return type.getValues()[0]!.value;
    if (graphql.isInputObjectType(type)) {
      const required = Object.values(type.getFields()).filter((field) => graphql.isNonNullType(field.type));
      return Object.fromEntries(required.map((field) => [field.name, valueOf(field.type)]));
    }
    return { Int: MAX_PAGE_SIZE, Float: 1, Boolean: true }[type.name] ?? 'x';
  };
  return Object.fromEntries(
    (operation.variableDefinitions ?? []).map((definition) => [
      definition.variable.name.value,
      valueOf(graphql.typeFromAST(apiSchema, definition.type as never) as GraphQLInputType),
    ]),
  );
}

describe('operations in use pass the default limits', () => {
  it('finds the suites’ operations', () => {
    expect(fromSources.length).toBeGreaterThanOrEqual(80);
  });

  it.each([...ideExamples, ...trustedDocuments, ...introspection, ...fromSources].map((operation) => [operation.where, operation.text]))(
    '%s',
    async (_where, text) => {
      const { errors, cost } = await checkOperation(text, worstVariables(text));
      expect(errors).toEqual([]);
      expect(cost).toBeGreaterThan(0);
    },
  );
});
