// INSPECTION_RECTIFY (第十九条) and INCIDENT_REPORT (第十八条) through the gateway: a finding's
// rectification cannot be closed by the inspected party and is closed by the inspecting side after
// submission; an incident a provider reports is in the cybersecurity authority's list at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectedSystemOf } from '../../seed/world/security-inspections';
import { expectGatewayCode, expectGatewayRuleViolation } from '../setup/gateway-assertions';
import { startStack, type Stack } from '../setup/stack';

let stack: Stack;
let bureau: string;
let cybersec: string;

beforeAll(async () => {
  stack = await startStack({ seed: true });
  bureau = await stack.token({ role: 'BUREAU' });
  cybersec = await stack.token({ role: 'CYBERSEC' });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

const RECORD = `mutation ($input: SecurityInspectionInput!) {
  recordSecurityInspection(input: $input) {
    id jointWith system { id name } unit { id name }
    findings { edges { node { id rectification { status version ownerUnit { id } } } } }
  }
}`;
const SUBMIT = `mutation ($id: ID!, $version: Int!) { submitRectification(findingId: $id, version: $version, note: "已修改全部弱口令") { id rectification { status version } } }`;
const CLOSE = `mutation ($id: ID!, $version: Int!) { closeRectification(findingId: $id, version: $version) { id rectification { status version overdue closedAt } } }`;

describe('INSPECTION_RECTIFY through the gateway', () => {
  it('the inspected unit cannot close its rectification; the inspecting side closes it after submission', async () => {
    const system = inspectedSystemOf(stack.world, '371600');
    const unit = await stack.token({ role: 'USER_UNIT', unit: system.unitId, region: system.regionCode });

    const recorded = await stack.query<{
      recordSecurityInspection: {
        jointWith: string;
        system: { id: string; name: string };
        unit: { id: string; name: string };
        findings: { edges: Array<{ node: { id: string; rectification: { status: string; version: number; ownerUnit: { id: string } } } }> };
      };
    }>(bureau, RECORD, {
      input: {
        targetKind: 'SYSTEM',
        systemId: system.id,
        conductedOn: '2026-11-26',
        scope: '口令策略检查',
        findings: [{ severity: 'HIGH', description: '数据库存在弱口令', deadline: '2026-12-26' }],
      },
    });
    expect(recorded.errors).toBeUndefined();
    const inspection = recorded.data!.recordSecurityInspection;
    // Entities resolved across subgraphs: the system and unit names come from applications.
    expect(inspection).toMatchObject({ jointWith: 'CYBERSEC', system: { id: system.id, name: system.name }, unit: { id: system.unitId } });
    const finding = inspection.findings.edges[0]!.node;
    expect(finding.rectification).toMatchObject({ status: 'OPEN', version: 1, ownerUnit: { id: system.unitId } });

    const early = await stack.query(unit, CLOSE, { id: finding.id, version: 1 });
    expectGatewayRuleViolation(early, 'INSPECTION_RECTIFY', '第十九条');
    expect(early.errors![0]!.message).toContain('第十九条');

    const submitted = await stack.query<{ submitRectification: { rectification: { status: string; version: number } } }>(unit, SUBMIT, {
      id: finding.id,
      version: 1,
    });
    expect(submitted.data!.submitRectification.rectification).toEqual({ status: 'SUBMITTED', version: 2 });

    // Even once submitted, the inspected party cannot close it.
    expectGatewayRuleViolation(await stack.query(unit, CLOSE, { id: finding.id, version: 2 }), 'INSPECTION_RECTIFY', '第十九条');

    const closed = await stack.query<{
      closeRectification: { rectification: { status: string; version: number; overdue: boolean; closedAt: string } };
    }>(cybersec, CLOSE, { id: finding.id, version: 2 });
    expect(closed.errors).toBeUndefined();
    expect(closed.data!.closeRectification.rectification).toMatchObject({ status: 'CLOSED', version: 3, overdue: false });
    expectGatewayCode(await stack.query(bureau, CLOSE, { id: finding.id, version: 2 }), 'CONFLICT');
  });
});

describe('INCIDENT_REPORT through the gateway', () => {
  it('an incident a provider reports is visible to the cybersecurity authority at once, with its detection-to-report time', async () => {
    const provider = stack.world.providers.find((candidate) => candidate.code === 'P-INSPUR')!;
    const providerToken = await stack.token({ role: 'PROVIDER', provider: provider.id });
    const detectedAt = new Date(Date.now() - 30 * 60_000).toISOString();
    const reported = await stack.query<{ reportSecurityIncident: { id: string; detectionToReportMinutes: number } }>(
      providerToken,
      `mutation ($input: SecurityIncidentInput!) { reportSecurityIncident(input: $input) { id detectionToReportMinutes } }`,
      { input: { title: '云平台遭受异常扫描', description: '已封禁来源地址', severity: 'SERIOUS', detectedAt } },
    );
    expect(reported.errors).toBeUndefined();
    const { id, detectionToReportMinutes } = reported.data!.reportSecurityIncident;
    expect(detectionToReportMinutes).toBeGreaterThanOrEqual(29);
    expect(detectionToReportMinutes).toBeLessThanOrEqual(31);

    const list = await stack.query<{
      securityIncidents: {
        edges: Array<{ node: { id: string; provider: { id: string; name: string }; reportedLate: boolean; status: string } }>;
      };
    }>(cybersec, `{ securityIncidents(first: 1) { edges { node { id status reportedLate provider { id name } } } } }`);
    expect(list.errors).toBeUndefined();
    expect(list.data!.securityIncidents.edges[0]!.node).toEqual({
      id,
      status: 'REPORTED',
      reportedLate: false,
      provider: { id: provider.id, name: provider.name },
    });

    // A future detection is bad input (INCIDENT_REPORT).
    expectGatewayCode(
      await stack.query(providerToken, `mutation ($input: SecurityIncidentInput!) { reportSecurityIncident(input: $input) { id } }`, {
        input: { title: 't', description: 'd', severity: 'GENERAL', detectedAt: new Date(Date.now() + 3_600_000).toISOString() },
      }),
      'BAD_USER_INPUT',
    );
    // A unit may not report on another unit's system, which it cannot see: NOT_FOUND, as for a missing one.
    const [own, others] = [inspectedSystemOf(stack.world, '371600'), inspectedSystemOf(stack.world, '371602')];
    const unitToken = await stack.token({ role: 'USER_UNIT', unit: own.unitId, region: own.regionCode });
    expectGatewayCode(
      await stack.query(unitToken, `mutation ($input: SecurityIncidentInput!) { reportSecurityIncident(input: $input) { id } }`, {
        input: { title: 't', description: 'd', severity: 'GENERAL', detectedAt, systemIds: [others.id] },
      }),
      'NOT_FOUND',
    );
  });
});
