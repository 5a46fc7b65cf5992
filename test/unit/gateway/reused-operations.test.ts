// gateway/src/reused-operations.ts: executeQueryPlan's operationFromDocument (validate: false)
// reuses the Operation built for the same document nodes; anything else builds afresh.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it, vi } from 'vitest';
import '../../../gateway/src/federation-exports';
import { reusingOperations, type OperationFromDocument } from '../../../gateway/src/reused-operations';
import { SUPERGRAPH_PATH } from '../../../schema/compose';

// As the gateway's modules require them: from @apollo/gateway's place, in CommonJS.
const gatewayRequire = createRequire(createRequire(import.meta.url).resolve('@apollo/gateway'));
const internals = gatewayRequire('@apollo/federation-internals') as typeof import('@apollo/federation-internals');
const { parse } = gatewayRequire('graphql') as typeof import('graphql');
const apiSchema = internals.Supergraph.build(readFileSync(SUPERGRAPH_PATH, 'utf8')).schema.toAPISchema();

const TEXT = `
  query Pages($first: Int = 5) { providers(first: $first) { edges { node { ...Named } } } }
  query Other { providers(first: 1) { totalCount } }
  fragment Named on Provider { name }
`;

/** The document executeQueryPlan hands over: a new object each time, the chosen operation and the fragments. */
function asExecuted(document: import('graphql').DocumentNode, operationName: string) {
  const operation = document.definitions.find((node) => node.kind === 'OperationDefinition' && node.name?.value === operationName)!;
  return { kind: document.kind, definitions: [operation, ...document.definitions.filter((node) => node.kind === 'FragmentDefinition')] };
}

describe('reusingOperations', () => {
  it('builds once for the same document nodes, whatever the wrapping object', () => {
    const build = vi.fn(internals.operationFromDocument as OperationFromDocument);
    const reusing = reusingOperations(build);
    const parsed = parse(TEXT);
    const first = reusing(apiSchema, asExecuted(parsed, 'Pages'), { validate: false });
    const second = reusing(apiSchema, asExecuted(parsed, 'Pages'), { validate: false });
    expect(second === first).toBe(true);
    expect(build).toHaveBeenCalledTimes(1);
    // What the package builds from the same document.
    const fresh = internals.operationFromDocument(apiSchema, asExecuted(parsed, 'Pages'), { validate: false });
    expect(String(first)).toBe(fresh.toString());
  });

  it('builds again for another parse of the same text, another operation, or another schema', () => {
    const build = vi.fn(internals.operationFromDocument as OperationFromDocument);
    const reusing = reusingOperations(build);
    const parsed = parse(TEXT);
    const pages = reusing(apiSchema, asExecuted(parsed, 'Pages'), { validate: false });
    // Compared as booleans: a failing toBe would print the schema the Operation holds.
    expect(reusing(apiSchema, asExecuted(parse(TEXT), 'Pages'), { validate: false }) === pages).toBe(false);
    expect(String(reusing(apiSchema, asExecuted(parsed, 'Other'), { validate: false }))).toMatch(/totalCount/);
    const otherSchema = internals.Supergraph.build(readFileSync(SUPERGRAPH_PATH, 'utf8')).schema.toAPISchema();
    expect(reusing(otherSchema, asExecuted(parsed, 'Pages'), { validate: false }) === pages).toBe(false);
    expect(build).toHaveBeenCalledTimes(4);
  });

  it('leaves other calls alone (the planner validates and chooses by name)', () => {
    const build = vi.fn(internals.operationFromDocument as OperationFromDocument);
    const reusing = reusingOperations(build);
    const parsed = parse(TEXT);
    const planned = reusing(apiSchema, parsed, { operationName: 'Pages' });
    expect(reusing(apiSchema, parsed, { operationName: 'Pages' }) === planned).toBe(false);
    expect(build).toHaveBeenCalledTimes(2);
  });

  it('is what the gateway gets as operationFromDocument', () => {
    const parsed = parse(TEXT);
    const once = internals.operationFromDocument(apiSchema, asExecuted(parsed, 'Pages'), { validate: false });
    expect(internals.operationFromDocument(apiSchema, asExecuted(parsed, 'Pages'), { validate: false }) === once).toBe(true);
  });
});
