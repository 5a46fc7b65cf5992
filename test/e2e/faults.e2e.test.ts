// The real graph (gateway and four subgraphs over loopback HTTP, seeded) under light load while a
// subgraph fails: stopped, or stuck (reads requests and never answers, behind a TCP front). A
// query across all four answers with the other three's data and one SERVICE_UNAVAILABLE naming
// the missing part; when the subgraph is back, answers are whole again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubgraphName } from '../../subgraphs/kit/schema-files';
import { startStack, type GraphQLResult, type Stack } from '../setup/stack';
import { startTcpFront, type TcpFront } from '../setup/tcp-front';

const TIMEOUT_MS = 2_000;

/** Providers' own fields, security's and supervision's on each provider, and applications' system. */
const ACROSS = /* GraphQL */ `
  query Across($system: ID!) {
    providers(first: 20) {
      totalCount
      edges {
        node {
          code
          securityProfile {
            platformMlpsLevel
          }
          latestEvaluation {
            year
          }
        }
      }
    }
    system(id: $system) {
      code
    }
  }
`;

/** One root field of each subgraph: a root field is nullable, so one subgraph down nulls only its own. */
const ROOTS = /* GraphQL */ `
  query Roots($system: ID!) {
    providers(first: 3) {
      totalCount
    }
    system(id: $system) {
      code
    }
    securityIncidents(first: 1) {
      totalCount
    }
    flaggedSystems(first: 1) {
      totalCount
    }
  }
`;

interface AcrossData {
  providers: {
    totalCount: number;
    edges: Array<{
      node: { code: string; securityProfile: { platformMlpsLevel: number } | null; latestEvaluation: { year: number } | null };
    }>;
  };
  system: { code: string } | null;
}

let stack: Stack;
let supervisionFront: TcpFront;
let token: string;
let systemId: string;
const load = { requests: 0, ok: 0, unavailable: 0, other: 0 };
let loadRunning = true;
let loadDone: Promise<void>;

async function across(): Promise<{ ms: number; body: GraphQLResult<AcrossData> }> {
  const started = performance.now();
  const body = await stack.query<AcrossData>(token, ACROSS, { system: systemId });
  return { ms: Math.round(performance.now() - started), body };
}

/** Light background load: two clients asking the whole query one after another, counted. */
async function runLoad(): Promise<void> {
  const client = async () => {
    while (loadRunning) {
      load.requests += 1;
      try {
        const { body } = await across();
        const codes = (body.errors ?? []).map((error) => error.extensions?.code);
        if (codes.length === 0) load.ok += 1;
        else if (codes.every((code) => code === 'SERVICE_UNAVAILABLE')) load.unavailable += 1;
        else load.other += 1;
      } catch {
        load.other += 1;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  await Promise.all([client(), client()]);
}

beforeAll(async () => {
  stack = await startStack({
    seed: true,
    gatewayEnv: async (urls) => {
      supervisionFront = await startTcpFront(urls.supervision);
      return { SUBGRAPH_TIMEOUT_MS: String(TIMEOUT_MS), SUPERVISION_URL: supervisionFront.url };
    },
  });
  token = await stack.token({ role: 'BUREAU' });
  systemId = stack.world.systems[0]!.id;
  loadDone = runLoad();
});

afterAll(async () => {
  loadRunning = false;
  await loadDone;
  console.log(
    `fault suite load: ${load.requests} requests, ${load.ok} ok, ${load.unavailable} SERVICE_UNAVAILABLE, ${load.other} other errors`,
  );
  await supervisionFront?.close();
  await stack?.stop();
});

function expectWhole(body: GraphQLResult<AcrossData>) {
  expect(body.errors).toBeUndefined();
  const nodes = body.data!.providers.edges.map((edge) => edge.node);
  expect(nodes.length).toBe(stack.world.providers.length);
  expect(nodes.some((node) => node.securityProfile)).toBe(true);
  expect(nodes.some((node) => node.latestEvaluation)).toBe(true);
  expect(body.data!.system?.code).toBe(stack.world.systems[0]!.code);
}

/** The other subgraphs' data is there, the missing one's fields are null, and one clean error names it. */
function expectAllBut(missing: SubgraphName, body: GraphQLResult<AcrossData>) {
  const nodes = body.data!.providers.edges.map((edge) => edge.node);
  expect(nodes.map((node) => node.code).sort()).toEqual(stack.world.providers.map((provider) => provider.code).sort());
  expect(nodes.some((node) => node.securityProfile)).toBe(missing !== 'security');
  expect(nodes.some((node) => node.latestEvaluation)).toBe(missing !== 'supervision');
  expect(body.data!.system === null).toBe(missing === 'applications');
  expect(body.errors).toHaveLength(1);
  expect(body.errors![0]!.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', serviceName: missing, retryable: true });
  expect(body.errors![0]!.message).toContain(missing);
  expect(JSON.stringify(body.errors)).not.toMatch(/127\.0\.0\.1|ECONN|fetch failed|stack/i);
}

describe('one subgraph failing costs only its fields', () => {
  it('healthy: the query across all four is whole', async () => {
    expectWhole((await across()).body);
  });

  it('applications stopped: the other three answer, one error names applications', async () => {
    await stack.stopSubgraph('applications');
    try {
      const { ms, body } = await across();
      expectAllBut('applications', body);
      console.log(`applications stopped: answered in ${ms} ms`);
    } finally {
      await stack.startSubgraph('applications');
    }
    expectWhole((await across()).body);
  });

  it(`supervision stuck (never answers): the other three answer once its ${TIMEOUT_MS} ms timeout is over`, async () => {
    supervisionFront.setMode('stall');
    try {
      const { ms, body } = await across();
      expectAllBut('supervision', body);
      console.log(`supervision stuck, timeout ${TIMEOUT_MS} ms: answered in ${ms} ms`);
    } finally {
      supervisionFront.setMode('pass');
    }
    expectWhole((await across()).body);
  });

  it.each(['providers', 'security'] as const)(
    '%s stopped: the root field of every other subgraph still answers, its own is null with one error',
    async (missing) => {
      const owner = { providers: 'providers', system: 'applications', securityIncidents: 'security', flaggedSystems: 'supervision' };
      await stack.stopSubgraph(missing);
      try {
        const body = await stack.query<Record<keyof typeof owner, unknown>>(token, ROOTS, { system: systemId });
        for (const [field, subgraph] of Object.entries(owner)) {
          expect(body.data?.[field as keyof typeof owner] === null, field).toBe(subgraph === missing);
        }
        expect(body.errors).toHaveLength(1);
        expect(body.errors![0]!.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', serviceName: missing });
      } finally {
        await stack.startSubgraph(missing);
      }
    },
  );

  it('under the load, nothing but SERVICE_UNAVAILABLE went wrong', () => {
    expect(load.requests).toBeGreaterThan(0);
    expect(load.other).toBe(0);
  });
});
