// Lists people can use and lookups that agree, through the gateway (issue 12): a provider by its
// code, a malformed id told as BAD_USER_INPUT in the providers, security and supervision subgraphs
// (for a provider, pointing at providerByCode), and one filtered, ordered list of each.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorld } from '../../seed/world';
import { buildIncidents } from '../../seed/world/security-incidents';
import { dateInChina } from '../../subgraphs/kit/dates';
import { expectGatewayCode } from '../setup/gateway-assertions';
import { startStack, type Stack } from '../setup/stack';

let stack: Stack;
let bureau: string;
let cybersec: string;

const world = buildWorld();
const INSPUR = world.providers.find((provider) => provider.code === 'P-INSPUR')!;
const IDLE = world.systems.find((system) => system.code === 'S-371600-009-01')!;

beforeAll(async () => {
  stack = await startStack({ seed: true });
  bureau = await stack.token({ role: 'BUREAU' });
  cybersec = await stack.token({ role: 'CYBERSEC' });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

interface Page<T> {
  totalCount: number;
  edges: Array<{ node: T }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

describe('lookups agree', () => {
  it('providerByCode finds a provider by its code; provider(id:) with a code is BAD_USER_INPUT pointing at providerByCode', async () => {
    const byCode = await stack.query<{ providerByCode: { id: string; code: string } | null }>(
      bureau,
      `query($code: String!) { providerByCode(code: $code) { id code } }`,
      { code: 'P-INSPUR' },
    );
    expect(byCode.errors).toBeUndefined();
    expect(byCode.data!.providerByCode).toEqual({ id: INSPUR.id, code: 'P-INSPUR' });

    const byId = await stack.query(bureau, `query($id: ID!) { provider(id: $id) { id } }`, { id: 'P-INSPUR' });
    expectGatewayCode(byId, 'BAD_USER_INPUT');
    expect(JSON.stringify(byId.errors)).toContain('providerByCode');
  });

  it('a malformed id is BAD_USER_INPUT in the security and supervision subgraphs too', async () => {
    expectGatewayCode(await stack.query(cybersec, `{ securityIncident(id: "not-a-uuid") { id } }`), 'BAD_USER_INPUT');
    expectGatewayCode(
      await stack.query(bureau, `{ utilisationOrders(filter: { systemId: "S-371600-009-01" }) { totalCount } }`),
      'BAD_USER_INPUT',
    );
  });
});

describe('filtered, ordered lists', () => {
  it('providers: a name search, newest designation first', async () => {
    const result = await stack.query<{ providers: Page<{ code: string; designatedOn: string | null }> }>(
      bureau,
      `{ providers(filter: { search: "云", status: [DESIGNATED] }, orderBy: DESIGNATED_ON_DESC) {
          totalCount edges { node { code designatedOn } } } }`,
    );
    expect(result.errors).toBeUndefined();
    const expected = world.providers.filter((p) => p.status === 'DESIGNATED' && p.name.includes('云'));
    expect(result.data!.providers.totalCount).toBe(expected.length);
    const days = result.data!.providers.edges.map((edge) => edge.node.designatedOn!);
    expect(days).toEqual([...days].sort().reverse());
  });

  it('security incidents: reported in a Beijing-day range, oldest first, paged one at a time', async () => {
    const QUERY = `query($after: String) { securityIncidents(first: 1, after: $after, orderBy: REPORTED_AT_ASC,
      filter: { reportedFrom: "2026-11-11", reportedTo: "2026-11-21" }) {
        totalCount edges { node { id reportedAt } } pageInfo { hasNextPage endCursor } } }`;
    const seen: Array<{ id: string; reportedAt: string }> = [];
    let after: string | null = null;
    for (;;) {
      const page: { data?: { securityIncidents: Page<{ id: string; reportedAt: string }> } | null; errors?: unknown } = await stack.query(
        cybersec,
        QUERY,
        { after },
      );
      expect(page.errors).toBeUndefined();
      seen.push(...page.data!.securityIncidents.edges.map((edge) => edge.node));
      if (!page.data!.securityIncidents.pageInfo.hasNextPage) break;
      after = page.data!.securityIncidents.pageInfo.endCursor;
    }
    const from = new Date('2026-11-11T00:00:00+08:00').getTime();
    const to = new Date('2026-11-22T00:00:00+08:00').getTime();
    const expected = buildIncidents(world).incidents.filter((i) => i.reportedAt.getTime() >= from && i.reportedAt.getTime() < to);
    expect(seen.map((row) => row.id).sort()).toEqual(expected.map((i) => i.id).sort());
    const times = seen.map((row) => new Date(row.reportedAt).getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('utilisation orders: the bureau’s downsize found by kind and order day', async () => {
    const ordered = await stack.query<{ orderUtilisationChange: { id: string } }>(
      bureau,
      `mutation($input: OrderUtilisationChangeInput!) { orderUtilisationChange(input: $input) { id } }`,
      { input: { systemId: IDLE.id, kind: 'DOWNSIZE', reason: '近 30 天 CPU 与网络使用率均极低，请缩容' } },
    );
    expect(ordered.errors).toBeUndefined();
    const today = dateInChina(new Date());
    const list = await stack.query<{ utilisationOrders: Page<{ id: string; kind: string }> }>(
      bureau,
      `query($day: Date!) { utilisationOrders(filter: { kind: [DOWNSIZE], orderedFrom: $day, orderedTo: $day, regionCode: "371600" }) {
          totalCount edges { node { id kind } } } }`,
      { day: today },
    );
    expect(list.errors).toBeUndefined();
    expect(list.data!.utilisationOrders.edges.map((edge) => edge.node.id)).toContain(ordered.data!.orderUtilisationChange.id);
    const none = await stack.query<{ utilisationOrders: Page<{ id: string }> }>(
      bureau,
      `{ utilisationOrders(filter: { kind: [RECLAIM] }) { totalCount } }`,
    );
    expect(none.data!.utilisationOrders.totalCount).toBe(0);
  });
});
