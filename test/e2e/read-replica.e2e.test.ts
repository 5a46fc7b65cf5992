// DATABASE_READ_URL through the gateway (issue 13, Deployment): with a read source on every
// subgraph, an analyst's query (the token's `analyst: true` claim) reads there in each subgraph it
// crosses, the gateway forwarding the claim with the principal; anyone else's query, and an
// analyst's mutation with the `_entities` fetches that follow it, read and write the primary.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlCounterOf } from '../../subgraphs/kit/data-source';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../subgraphs/kit/schema-files';
import { startStack, type Stack } from '../setup/stack';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ seed: true, readReplica: true });
});

afterAll(async () => {
  await stack?.stop();
});

/** Providers (providers subgraph) with their platform's security profile (security subgraph). */
const PROVIDERS = `query ProvidersWithProfiles { providers(first: 3) { edges { node { id name securityProfile { platformMlpsLevel } } } } }`;
const ISSUE = `mutation IssueBulletin($input: IssueSecurityBulletinInput!) {
  issueSecurityBulletin(input: $input) { id number addressee { id name } }
}`;

/** Statements per subgraph on the primary and on the read source during one request through the gateway. */
async function statementsOf(token: string, query: string, variables?: Record<string, unknown>) {
  const counters = (sources: Partial<Record<SubgraphName, Parameters<typeof sqlCounterOf>[0]>>) =>
    SUBGRAPH_NAMES.map((name) => [name, sqlCounterOf(sources[name]!)] as const);
  const primary = counters(stack.dataSources);
  const read = counters(stack.readDataSources);
  for (const [, counter] of [...primary, ...read]) counter.reset();
  const result = await stack.query(token, query, variables);
  expect(result.errors).toBeUndefined();
  const counts = (list: typeof primary) => Object.fromEntries(list.map(([name, counter]) => [name, counter.count]));
  return { primary: counts(primary), read: counts(read), data: result.data };
}

describe('DATABASE_READ_URL through the gateway', () => {
  it("answers an analyst's query across two subgraphs from their read sources only", async () => {
    const analyst = await stack.token({ role: 'BUREAU', sub: 'replica.analyst', analyst: true });
    const { primary, read } = await statementsOf(analyst, PROVIDERS);
    expect(read.providers).toBeGreaterThan(0);
    expect(read.security).toBeGreaterThan(0);
    expect(Object.values(primary).every((count) => count === 0)).toBe(true);
  });

  it('answers the same query for anyone else from the primaries', async () => {
    const bureau = await stack.token({ role: 'BUREAU', sub: 'replica.bureau' });
    const { primary, read } = await statementsOf(bureau, PROVIDERS);
    expect(primary.providers).toBeGreaterThan(0);
    expect(primary.security).toBeGreaterThan(0);
    expect(Object.values(read).every((count) => count === 0)).toBe(true);
  });

  it("runs an analyst's mutation and its follow-up fetches on the primaries", async () => {
    const analyst = await stack.token({ role: 'CYBERSEC', sub: 'replica.cybersec', analyst: true });
    const provider = stack.world.providers[0]!;
    const input = { title: '只读副本测试通报', content: '请知悉。', severity: 'LOW', providerId: provider.id };
    const { primary, read, data } = await statementsOf(analyst, ISSUE, { input });
    expect(data).toMatchObject({ issueSecurityBulletin: { addressee: { id: provider.id, name: provider.name } } });
    expect(primary.security).toBeGreaterThan(0);
    expect(primary.providers).toBeGreaterThan(0);
    expect(Object.values(read).every((count) => count === 0)).toBe(true);
  });
});
