// The city's systems with their hosting providers through the gateway: the plan's one `_entities`
// fetch to providers carries each distinct provider once (the demo's 96 systems on 3 providers sent
// 96 representations before gateway/src/entity-dedupe.ts), and every system still gets its own
// provider's answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRecordingProxies, type RecordedFetch, type RecordingProxies } from '../bench/subgraph-fetches';
import { startStack, type Stack } from '../setup/stack';

let stack: Stack;
let proxies: RecordingProxies | undefined;

beforeAll(async () => {
  stack = await startStack({
    seed: true,
    // The providers subgraph behind a proxy that records what the gateway sends it.
    gatewayEnv: async (urls) => {
      proxies = await startRecordingProxies({ providers: urls.providers } as typeof urls, 'x'.repeat(32));
      return { PROVIDERS_URL: proxies.urls.providers };
    },
  });
});

afterAll(async () => {
  await stack?.stop();
  await proxies?.close();
});

const SYSTEMS = /* GraphQL */ `
  query {
    systems(first: 100) {
      edges {
        node {
          code
          hostingProvider {
            id
            name
          }
        }
      }
    }
  }
`;

interface Systems {
  systems: { edges: Array<{ node: { code: string; hostingProvider: { id: string; name: string } | null } }> };
}

describe('_entities deduplication at the gateway', () => {
  it('sends the providers subgraph 3 representations for 96 systems, and answers each system with its own provider', async () => {
    const token = await stack.token({ role: 'BUREAU' });
    let answer: Awaited<ReturnType<typeof stack.query<Systems>>> | undefined;
    const fetches: RecordedFetch[] = await proxies!.record(async () => {
      answer = await stack.query<Systems>(token, SYSTEMS);
    });
    expect(answer!.errors).toBeUndefined();
    const systems = answer!.data!.systems.edges.map((edge) => edge.node);
    const hosted = systems.filter((system) => system.hostingProvider);
    const distinct = new Set(hosted.map((system) => system.hostingProvider!.id));
    expect(hosted.length).toBeGreaterThan(90);
    expect(distinct.size).toBe(3);

    const entityFetches = fetches.filter((fetch) => fetch.representations !== undefined);
    expect(entityFetches.map((fetch) => fetch.representations)).toEqual([3]);

    // Fanned back out right: each system's provider is the one the world hosts it on.
    const world = new Map(stack.world.systems.map((system) => [system.code, system.providerId]));
    const names = new Map(stack.world.providers.map((provider) => [provider.id, provider.name]));
    for (const system of hosted) {
      expect(system.hostingProvider!.id, system.code).toBe(world.get(system.code));
      expect(system.hostingProvider!.name, system.code).toBe(names.get(system.hostingProvider!.id));
    }
  });
});
