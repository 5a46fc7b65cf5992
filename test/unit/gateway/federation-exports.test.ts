// gateway/src/federation-exports.ts swaps @apollo/federation-internals' getter exports for a plain
// copy: the modules loading after it must get that copy, and it must hold what the package's own
// exports hold, also after the package has composed a supergraph and planned a query with it
// (except operationFromDocument, wrapped to reuse what it builds: reused-operations.test.ts).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it, vi } from 'vitest';
import { packageExports } from '../../../gateway/src/federation-exports';
import { SUPERGRAPH_PATH } from '../../../schema/compose';

// Required as the gateway's modules require it: from @apollo/gateway's place, in CommonJS.
const gatewayRequire = createRequire(createRequire(import.meta.url).resolve('@apollo/gateway'));
type FederationInternals = typeof import('@apollo/federation-internals');

function gatewaysCopy(): Record<string, unknown> {
  return gatewayRequire('@apollo/federation-internals') as Record<string, unknown>;
}

function differences(): string[] {
  const copy = gatewaysCopy();
  return Object.keys(packageExports).filter((key) => copy[key] !== packageExports[key] && key !== 'operationFromDocument');
}

describe('federation-exports', () => {
  it('gives the modules loading after it data properties, not the index getters', () => {
    const copy = gatewaysCopy();
    expect(copy).not.toBe(packageExports);
    expect(Object.getOwnPropertyDescriptor(packageExports, 'assert')?.get).toBeTypeOf('function');
    const getters = Object.keys(copy).filter((key) => Object.getOwnPropertyDescriptor(copy, key)?.get);
    expect(getters).toEqual([]);
    expect(Object.keys(copy).sort()).toEqual(Object.keys(packageExports).sort());
  });

  it('evaluated again in the same process (test files sharing a worker), still gives the package’s own exports', async () => {
    vi.resetModules();
    const again = await import('../../../gateway/src/federation-exports');
    expect(Object.getOwnPropertyDescriptor(again.packageExports, 'assert')?.get).toBeTypeOf('function');
    expect(again.packageExports).toBe(packageExports);
    expect(gatewaysCopy()).not.toBe(packageExports);
  });

  it('holds the same values as the package, before and after composing and planning', () => {
    expect(differences()).toEqual([]);
    const { Supergraph, operationFromDocument } = gatewaysCopy() as unknown as FederationInternals;
    const { QueryPlanner } = gatewayRequire('@apollo/query-planner') as typeof import('@apollo/query-planner');
    const { parse } = gatewayRequire('graphql') as typeof import('graphql');
    const supergraph = Supergraph.build(readFileSync(SUPERGRAPH_PATH, 'utf8'));
    const operation = operationFromDocument(supergraph.schema.toAPISchema(), parse('{ __typename }'));
    expect(new QueryPlanner(supergraph).buildQueryPlan(operation).kind).toBe('QueryPlan');
    expect(differences()).toEqual([]);
  }, 60_000);
});
