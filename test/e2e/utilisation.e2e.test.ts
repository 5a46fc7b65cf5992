// Utilisation evaluation through the gateway (第十五条、第十六条、第二十五条): the bureau sees an idle
// system among the flagged ones, orders a downsize, and the system's application in production
// shows the change request the order became (delivered by the effect workers across subgraphs).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorld } from '../../seed/world';
import { waitFor } from '../integration/effects/helpers';
import { expectGatewayCode } from '../setup/gateway-assertions';
import { startStack, type Stack } from '../setup/stack';

let stack: Stack;
let bureau: string;

const world = buildWorld();
const IDLE = world.systems.find((system) => system.code === 'S-371600-009-01')!;
const APPLICATION = world.applications.find((application) => application.systemId === IDLE.id && application.state === 'IN_PRODUCTION')!;

beforeAll(async () => {
  stack = await startStack({ seed: true });
  bureau = await stack.token({ role: 'BUREAU' });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

const FLAGGED = `query {
  flaggedSystems(flag: IDLE, first: 100) {
    edges { node { flag daysWithData cpu { p95 } network { p95 } system { id code name owner { name } } } }
  }
}`;
const ORDER = `mutation($input: OrderUtilisationChangeInput!) { orderUtilisationChange(input: $input) { id status kind flag } }`;
const CHANGES = `query($id: ID!) {
  application(id: $id) { id status changeRequests(first: 100) { edges { node { id description status origin utilisationOrderId requestedBy } } } }
}`;

interface ChangeNode {
  id: string;
  description: string;
  status: string;
  origin: string;
  utilisationOrderId: string | null;
}

describe('utilisation evaluation through the gateway', () => {
  it('the bureau sees an idle system, orders a downsize, and the application shows the change request', async () => {
    const flagged = await stack.query<{
      flaggedSystems: {
        edges: Array<{ node: { flag: string; cpu: { p95: number }; system: { id: string; code: string; name: string } } }>;
      };
    }>(bureau, FLAGGED);
    expect(flagged.errors).toBeUndefined();
    const idle = flagged.data!.flaggedSystems.edges.find((edge) => edge.node.system.id === IDLE.id)!.node;
    expect(idle).toMatchObject({ flag: 'IDLE', system: { code: IDLE.code, name: IDLE.name } });
    expect(idle.cpu.p95).toBeLessThan(5);

    const unit = await stack.token({ role: 'USER_UNIT', unit: IDLE.unitId, region: IDLE.regionCode });
    const input = { systemId: IDLE.id, kind: 'DOWNSIZE', reason: '近 30 天 CPU 与网络使用率均极低，请将云主机缩容至 2 台' };
    expectGatewayCode(await stack.query(unit, ORDER, { input }), 'FORBIDDEN');

    const ordered = await stack.query<{ orderUtilisationChange: { id: string; status: string } }>(bureau, ORDER, { input });
    expect(ordered.errors).toBeUndefined();
    const orderId = ordered.data!.orderUtilisationChange.id;

    const changesOf = async (token: string) => {
      const result = await stack.query<{ application: { changeRequests: { edges: Array<{ node: ChangeNode }> } } }>(token, CHANGES, {
        id: APPLICATION.id,
      });
      expect(result.errors).toBeUndefined();
      return result.data!.application.changeRequests.edges.map((edge) => edge.node);
    };
    await waitFor('the change request in the applications subgraph', async () =>
      (await changesOf(bureau)).some((change) => change.utilisationOrderId === orderId),
    );
    // The unit sees it on its own application too: the order is for it to carry out.
    const change = (await changesOf(unit)).find((candidate) => candidate.utilisationOrderId === orderId)!;
    expect(change).toMatchObject({ status: 'PENDING', origin: 'UTILISATION_ORDER' });
    expect(change.description).toContain(input.reason);

    const ORDERS = `query($systemId: ID) { utilisationOrders(systemId: $systemId) { edges { node { id status changeRequestId } } } }`;
    const orderOf = async () => {
      const answer = await stack.query<{
        utilisationOrders: { edges: Array<{ node: { id: string; status: string; changeRequestId: string | null } }> };
      }>(bureau, ORDERS, { systemId: IDLE.id });
      return answer.data!.utilisationOrders.edges.find((edge) => edge.node.id === orderId)!.node;
    };
    await waitFor('the order to record its change request', async () => (await orderOf()).status === 'CHANGE_REQUESTED');
    expect((await orderOf()).changeRequestId).toBe(change.id);
  });
});

describe('leastUsedSystems through the gateway (第十六条; issue 14: a kept summary of the period)', () => {
  const LEAST_USED = `query {
    leastUsedSystems(from: "2026-11-20", to: "2026-11-26", first: 100) {
      totalCount edges { node { usageScore system { id utilisationEvaluation(from: "2026-11-20", to: "2026-11-26") { usageScore } } } }
    }
  }`;
  const SUBMIT = `mutation($samples: [SystemSampleInput!]) { submitMonitoringSamples(systemSamples: $samples) { __typename } }`;
  interface Answer {
    leastUsedSystems: {
      totalCount: number;
      edges: Array<{ node: { usageScore: number; system: { id: string; utilisationEvaluation: { usageScore: number } } } }>;
    };
  }
  const leastUsed = async () => {
    const result = await stack.query<Answer>(bureau, LEAST_USED);
    expect(result.errors).toBeUndefined();
    const list = result.data!.leastUsedSystems;
    // Each kept score is the one the system's own evaluation computes from the roll-ups.
    for (const { node } of list.edges) expect(node.usageScore).toBe(node.system.utilisationEvaluation.usageScore);
    return list.edges.map((edge) => edge.node);
  };

  it('a submitted sample rolls up and the next list shows it', async () => {
    const before = await leastUsed();
    expect(await leastUsed()).toEqual(before);
    const busiest = before.at(-1)!;
    const monitor = await stack.token({ role: 'MONITOR' });
    const submitted = await stack.query(monitor, SUBMIT, {
      samples: [
        {
          systemId: busiest.system.id,
          measuredAt: '2026-11-26T09:05:00+08:00',
          cpuPercent: 0,
          memoryPercent: 0,
          storageUsedGb: 1,
          networkPercent: 0,
          bandwidthMbps: 0,
        },
      ],
    });
    expect(submitted.errors).toBeUndefined();
    const after = await leastUsed();
    const moved = after.find((node) => node.system.id === busiest.system.id)!;
    expect(moved.usageScore).toBeLessThan(busiest.usageScore);
    expect(after.map((node) => node.usageScore)).toEqual([...after.map((node) => node.usageScore)].sort((a, b) => a - b));
  });
});
