// Who may act (第八条、第十八条、第十九条) through the gateway on the seeded stack: the centre files a
// provider's pending supplementary entry (SUPPLEMENTARY_FILED) and records an inspection with the
// cybersecurity authority (INSPECTION_RECTIFY); the monitoring agency reports an incident on a
// provider's platform, which that provider and the cybersecurity authority then see (INCIDENT_REPORT).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectedSystemOf } from '../../seed/world/security-inspections';
import { startStack, type Stack } from '../setup/stack';

let stack: Stack;
let center: string;

beforeAll(async () => {
  stack = await startStack({ seed: true });
  center = await stack.token({ role: 'CENTER' });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

/** Runs an operation that must succeed and returns its data. */
async function ok<T>(token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const body = await stack.query<T>(token, query, variables);
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data!;
}

describe('the centre and the monitoring agency act where the articles name them', () => {
  it('the centre files a pending supplementary entry, which becomes usable (第八条)', async () => {
    const inspur = stack.world.providers.find((provider) => provider.code === 'P-INSPUR')!;
    const pending = await ok<{ provider: { supplementaryCatalog: { edges: Array<{ node: { id: string } }> } } }>(
      center,
      `query($id: ID!) { provider(id: $id) { supplementaryCatalog(filingStatus: PENDING, first: 1) { edges { node { id } } } } }`,
      { id: inspur.id },
    );
    const id = pending.provider.supplementaryCatalog.edges[0]!.node.id;
    const filed = await ok<{ fileSupplementaryEntry: unknown }>(
      center,
      `mutation($id: ID!) { fileSupplementaryEntry(id: $id) { filingStatus usable } }`,
      { id },
    );
    expect(filed.fileSupplementaryEntry).toEqual({ filingStatus: 'FILED', usable: true });
  });

  it('the centre records an inspection with the cybersecurity authority, who sees it (第十九条)', async () => {
    const system = inspectedSystemOf(stack.world, '371600');
    const recorded = await ok<{ recordSecurityInspection: { id: string; recordedBy: string; jointWith: string } }>(
      center,
      `mutation ($input: SecurityInspectionInput!) { recordSecurityInspection(input: $input) { id recordedBy jointWith } }`,
      {
        input: {
          targetKind: 'SYSTEM',
          systemId: system.id,
          conductedOn: '2026-11-26',
          scope: '运维安全检查',
          findings: [{ severity: 'MEDIUM', description: '堡垒机未启用', deadline: '2026-12-26' }],
        },
      },
    );
    expect(recorded.recordSecurityInspection).toMatchObject({ recordedBy: 'CENTER', jointWith: 'CYBERSEC' });
    const cybersec = await stack.token({ role: 'CYBERSEC' });
    const seen = await ok<{ securityInspection: { id: string } | null }>(
      cybersec,
      `query($id: ID!) { securityInspection(id: $id) { id } }`,
      {
        id: recorded.recordSecurityInspection.id,
      },
    );
    expect(seen.securityInspection).toEqual({ id: recorded.recordSecurityInspection.id });
  });

  it('the monitoring agency reports an incident on a platform; the provider and the cybersecurity authority see it (第十八条)', async () => {
    const provider = stack.world.providers.find((each) => each.code === 'P-UNICOM')!;
    const monitor = await stack.token({ role: 'MONITOR' });
    const reported = await ok<{ reportSecurityIncident: { id: string; reporterRole: string; provider: { id: string } } }>(
      monitor,
      `mutation ($input: SecurityIncidentInput!) { reportSecurityIncident(input: $input) { id reporterRole provider { id } } }`,
      {
        input: {
          title: '监测发现平台 DDoS 攻击',
          description: '入口带宽占满 15 分钟',
          severity: 'LARGER',
          detectedAt: new Date(Date.now() - 10 * 60_000).toISOString(),
          providerId: provider.id,
        },
      },
    );
    expect(reported.reportSecurityIncident).toMatchObject({ reporterRole: 'MONITOR', provider: { id: provider.id } });
    const id = reported.reportSecurityIncident.id;
    for (const token of [await stack.token({ role: 'PROVIDER', provider: provider.id }), await stack.token({ role: 'CYBERSEC' })]) {
      expect(
        (await ok<{ securityIncident: { id: string } | null }>(token, `query($id: ID!) { securityIncident(id: $id) { id } }`, { id }))
          .securityIncident,
      ).toEqual({ id });
    }
  });
});
