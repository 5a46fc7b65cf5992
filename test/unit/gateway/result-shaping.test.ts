// gateway/src/result-shaping.ts against Apollo Gateway's own computeResponse, answer for answer:
// every operation the front ends and the test suites send (operations/ and the operations written
// in test/e2e and test/bench), each shaped from seeded random subgraph data (nulls where the schema
// forbids them, values no enum has, unknown __typenames, missing and extra fields, @skip and
// @include variables either way), must give the same JSON, key order included, and the same errors.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import '../../../gateway/src/federation-exports';
import { apolloComputeResponse, computeResponse, useResultShaping, type ComputeResponse } from '../../../gateway/src/result-shaping';
import { SUPERGRAPH_PATH } from '../../../schema/compose';
import { operationsInSources, parsesAsGraphQL } from './operations-in-sources';
import { rngFor } from '../../../seed/world/util';

const gatewayRequire = createRequire(createRequire(import.meta.url).resolve('@apollo/gateway'));
type Internals = typeof import('@apollo/federation-internals');
const internals = gatewayRequire('@apollo/federation-internals') as Internals;
const graphql = gatewayRequire('graphql') as typeof import('graphql');
const apollos = apolloComputeResponse();
const apiSchema = internals.Supergraph.build(readFileSync(SUPERGRAPH_PATH, 'utf8')).schema.toAPISchema();
const graphqlSchema = apiSchema.toGraphQLJSSchema();

type Operation = import('@apollo/federation-internals').Operation;
type SelectionSet = import('@apollo/federation-internals').SelectionSet;
type Type = import('@apollo/federation-internals').Type;

/**
 * Subgraph-like data for `selectionSet`: valid where `faults` is 0; otherwise each value breaks the
 * schema with that chance, in each way the shaper must handle (null where it may not be, a value no
 * enum or scalar allows, an unknown __typename, a missing field, a list or object of the wrong kind).
 */
function dataFor(selectionSet: SelectionSet, rnd: () => number, faults: number): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  const parent = selectionSet.parentType;
  if (rnd() < 0.5) {
    const runtime = internals.possibleRuntimeTypes(parent);
    object.__typename = rnd() < faults ? (rnd() < 0.5 ? 'NoSuchType' : 'String') : runtime[Math.floor(rnd() * runtime.length)]?.name;
  }
  if (rnd() < 0.1) object.extra = 'not asked for';
  for (const selection of selectionSet.selections()) {
    if (selection.kind !== 'FieldSelection') {
      Object.assign(object, dataFor(selection.selectionSet, rnd, faults));
      continue;
    }
    if (rnd() < faults) continue; // missing
    const field = selection.element;
    object[field.responseName()] =
      field.name === '__typename'
        ? rnd() < 1 - 2 * faults
          ? parent.name
          : rnd() < 0.5
            ? null
            : 'NoSuchType'
        : valueFor(field.definition.type!, selection.selectionSet, rnd, faults);
  }
  return object;
}

function valueFor(type: Type, selectionSet: SelectionSet | undefined, rnd: () => number, faults: number): unknown {
  if (internals.isNonNullType(type)) return rnd() < faults ? null : valueFor(type.ofType, selectionSet, rnd, faults);
  if (rnd() < 0.1) return null;
  if (rnd() < faults) return internals.isListType(type) ? { not: 'a list' } : selectionSet ? 'not an object' : { wrong: 'kind' };
  if (internals.isListType(type))
    return Array.from({ length: Math.floor(rnd() * 4) }, () => valueFor(type.ofType, selectionSet, rnd, faults));
  if (selectionSet) return dataFor(selectionSet, rnd, faults);
  const broken = rnd() < faults;
  if (internals.isEnumType(type)) return broken ? 'NOT_A_VALUE' : type.values[Math.floor(rnd() * type.values.length)]?.name;
  switch (type.name) {
    case 'Int':
      return broken ? [1.5, 1e21, '12'][Math.floor(rnd() * 3)] : Math.floor(rnd() * 2000) - 1000;
    case 'Float':
      return broken ? 'many' : rnd() * 1000;
    case 'Boolean':
      return broken ? (rnd() < 0.5 ? 'yes' : 1) : rnd() < 0.5;
    case 'ID':
      // A number is an ID when it is an integer.
      return broken ? (rnd() < 0.5 ? true : 7.5) : rnd() < 0.2 ? 42 : `id-${Math.floor(rnd() * 100)}`;
    case 'String':
      return broken ? (rnd() < 0.5 ? true : 7) : `text-${Math.floor(rnd() * 100)}`;
    default:
      return `custom-${Math.floor(rnd() * 100)}`;
  }
}

/** Random values for the operation's Boolean variables (what @skip and @include read); others keep their defaults. */
function variablesFor(operation: Operation, rnd: () => number): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const { variable, type } of operation.variableDefinitions.definitions()) {
    const named = internals.baseType(type);
    if (named.name === 'Boolean') variables[variable.name] = rnd() < 0.5;
  }
  return variables;
}

function shape(compute: ComputeResponse, args: Parameters<ComputeResponse>[0]) {
  try {
    const { data, errors } = compute(args);
    return { data: JSON.stringify(data), errors: errors.map((error) => ({ message: error.message, path: error.path })) };
  } catch (error) {
    return { threw: true };
  }
}

function operationsOf(text: string): Operation[] {
  let document: import('graphql').DocumentNode;
  try {
    document = graphql.parse(text);
  } catch {
    return [];
  }
  if (graphql.validate(graphqlSchema, document).length > 0) return [];
  return document.definitions.flatMap((definition) =>
    definition.kind === 'OperationDefinition' && definition.name
      ? [internals.operationFromDocument(apiSchema, document, { operationName: definition.name.value })]
      : definition.kind === 'OperationDefinition'
        ? [internals.operationFromDocument(apiSchema, document)]
        : [],
  );
}

const root = path.resolve(import.meta.dirname, '../../..');
const operationFiles = ['analyst', 'city', 'county'].flatMap((dir) =>
  readdirSync(path.join(root, 'operations', dir)).map((file) => readFileSync(path.join(root, 'operations', dir, file), 'utf8')),
);
const written = operationsInSources([path.join(root, 'test/e2e'), path.join(root, 'test/bench')], parsesAsGraphQL).map(
  (found) => found.text,
);
// What the sources may not have: one field reached through two fragments (merged into one output
// object), aliases that name Object.prototype's properties, and directives on fragments.
const edgeCases = /* GraphQL */ `
  query EdgeCases($withCode: Boolean!, $skipMore: Boolean = false) {
    constructor: providers(first: 2) {
      __proto__: totalCount
      toString: edges {
        node {
          id
        }
      }
    }
    providers(first: 3) {
      edges {
        node {
          ... on Provider @include(if: $withCode) {
            id
            code
            agreements(first: 2) {
              edges {
                node {
                  number
                }
              }
            }
          }
          ... on Provider @skip(if: $skipMore) {
            id
            agreements(first: 2) {
              totalCount
              edges {
                node {
                  id
                }
              }
            }
          }
          kind: __typename
        }
      }
    }
  }
  query AbstractTypes($id: ID!, $withPrice: Boolean!) {
    catalogEntry(id: $id) {
      __typename
      kind: __typename
      id
      ... on BasicCatalogEntry {
        priceCapYuan
        serviceItem {
          name
        }
      }
      ... on SupplementaryCatalogEntry @include(if: $withPrice) {
        code
        name
        listedPriceYuan
      }
      ... on CatalogEntry {
        usable
        provider {
          name
        }
      }
    }
  }
`;
const operations = [...operationFiles, ...written, edgeCases].flatMap(operationsOf);

describe('result shaping', () => {
  it('reads hundreds of operations (so the comparison below covers what is sent)', () => {
    expect(operations.length).toBeGreaterThan(200);
    expect(operations.filter((operation) => ['EdgeCases', 'AbstractTypes'].includes(operation.name ?? ''))).toHaveLength(2);
  });

  it('gives what Apollo Gateway gives, for every operation, from random subgraph data', () => {
    let compared = 0;
    let withErrors = 0;
    let nulledRoot = 0;
    let threw = 0;
    operations.forEach((operation, index) => {
      // The hand-written edge cases get more rounds: their variables choose which fragments apply.
      const rounds = ['EdgeCases', 'AbstractTypes'].includes(operation.name ?? '') ? 90 : 12;
      for (let round = 0; round < rounds; round++) {
        const seed = `${index}:${round}`;
        const rnd = rngFor(seed).next;
        // A third of the rounds with valid data, the rest with 1% and 4% of values broken.
        const input = dataFor(operation.selectionSet, rnd, [0, 0.01, 0.04][round % 3]!);
        const variables = variablesFor(operation, rnd);
        const args = {
          operation,
          variables,
          input: JSON.parse(JSON.stringify(input)),
          introspectionHandling: () => ({ introspected: true }),
        };
        const theirs = shape(apollos, { ...args, input: JSON.parse(JSON.stringify(input)) });
        const ours = shape(computeResponse, args);
        expect(ours, `${operation.name ?? 'anonymous'} seed ${seed}`).toEqual(theirs);
        compared++;
        if (theirs.errors?.length) withErrors++;
        if (theirs.data === 'null') nulledRoot++;
        if (theirs.threw) threw++;
      }
    });
    // The random data reached the error paths too, not only the happy one.
    expect(compared).toBeGreaterThan(2400);
    expect(withErrors).toBeGreaterThan(compared / 10);
    expect(withErrors).toBeLessThan(compared / 2);
    expect(nulledRoot).toBeGreaterThan(10);
    expect(threw).toBeGreaterThan(10);
    expect(threw).toBeLessThan(compared / 10);
  });

  it('is what the gateway runs once set, and COMPILED_RESULT_SHAPING=false puts Apollo’s back', () => {
    const shaping = gatewayRequire('./resultShaping.js') as { computeResponse: ComputeResponse };
    useResultShaping(true);
    useResultShaping(true);
    expect(shaping.computeResponse).toBe(computeResponse);
    useResultShaping(false);
    expect(shaping.computeResponse).toBe(apollos);
    expect(apolloComputeResponse()).toBe(apollos);
    expect(apollos).not.toBe(computeResponse);
    useResultShaping(true);
  });
});
