// Provider platform security (第二十条) through the gateway: the providers subgraph's Provider gains the
// security subgraph's profile compliance, drills and bulletins; a provider records its drills but
// not its own MLPS level.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorld } from '../../seed/world';
import { expectGatewayCode } from '../setup/gateway-assertions';
import { startStack, type Stack } from '../setup/stack';

const world = buildWorld();
const unicom = world.providers.find((provider) => provider.code === 'P-UNICOM')!;

let stack: Stack;
let cybersec: string;
let provider: string;

beforeAll(async () => {
  stack = await startStack({ seed: true });
  cybersec = await stack.token({ role: 'CYBERSEC' });
  provider = await stack.token({ role: 'PROVIDER', provider: unicom.id });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

const PROVIDERS = `{
  providers(first: 10) { edges { node { code
    securityProfile { version meetsArticle20 article20Gaps }
    lastDisasterRecoveryDrillOn drilledWithinLast12Months
    unacknowledgedSecurityBulletins { totalCount }
  } } }
}`;

interface ProviderNode {
  code: string;
  securityProfile: { version: number; meetsArticle20: boolean; article20Gaps: string[] };
  lastDisasterRecoveryDrillOn: string | null;
  drilledWithinLast12Months: boolean;
  unacknowledgedSecurityBulletins: { totalCount: number };
}

describe('provider platform security through the gateway (第二十条)', () => {
  it('shows every provider’s 第二十条 status, drill recency and unacknowledged bulletins to the cybersecurity authority', async () => {
    const answer = await stack.query<{ providers: { edges: Array<{ node: ProviderNode }> } }>(cybersec, PROVIDERS);
    expect(answer.errors).toBeUndefined();
    const byCode = new Map(answer.data!.providers.edges.map((edge) => [edge.node.code, edge.node]));
    expect(byCode.get('P-CTYUN')).toMatchObject({
      securityProfile: { meetsArticle20: false, article20Gaps: ['CYBERSECURITY_REVIEW_EXPIRED'] },
      drilledWithinLast12Months: false,
    });
    expect(byCode.get('P-INSPUR')).toMatchObject({ securityProfile: { meetsArticle20: true }, drilledWithinLast12Months: true });
    expect(byCode.get('P-INSPUR')!.unacknowledgedSecurityBulletins.totalCount).toBe(0);
    expect(byCode.get('P-UNICOM')!.unacknowledgedSecurityBulletins.totalCount).toBe(1);
  });

  it('lets a provider record its own drill but not its own MLPS level', async () => {
    const drill = await stack.query<{ recordDisasterRecoveryDrill: { provider: { id: string } } }>(
      provider,
      `mutation { recordDisasterRecoveryDrill(input: { drilledOn: "2026-11-25", scenario: "同城灾备切换", rtoMinutes: 20, rpoMinutes: 0, result: PASSED }) { provider { id } } }`,
    );
    expect(drill.errors).toBeUndefined();
    expect(drill.data!.recordDisasterRecoveryDrill.provider.id).toBe(unicom.id);

    const mlps = await stack.query(
      provider,
      `mutation ($id: ID!) { recordPlatformMlps(input: { providerId: $id, version: 1, level: 4, certificateNo: "X-1", filedOn: "2026-01-01" }) { version } }`,
      { id: unicom.id },
    );
    expectGatewayCode(mlps, 'FORBIDDEN');
  });
});
