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
