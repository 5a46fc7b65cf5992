// AUTHORIZED_ACCESS (第二十三条) through the gateway: a unit grants two of its provider's staff access
// to its system; the provider uploads 5,000 access records in one call, exactly 3 of them without a
// matching grant; exactly 3 violations appear for the unit, the bureau and the cybersecurity
// authority; resubmitting the same 5,000 adds none.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectGatewayCode } from '../setup/gateway-assertions';
import { startStack, type Stack } from '../setup/stack';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ seed: true });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

const GRANT = `mutation ($input: GrantAccessInput!) { grantAccess(input: $input) { id grantedAt active provider { id } } }`;
const SUBMIT = `mutation ($records: [AccessRecordInput!]!) {
  submitAccessRecords(records: $records) { submissionId received accepted duplicates violations }
}`;
const VIOLATIONS = `query ($systemId: ID!) {
  accessViolations(systemId: $systemId, first: 10) { totalCount edges { node { externalId staffAccount resourceKind violation system { code } } } }
  system(id: $systemId) { code accessViolationCount accessGrants { totalCount } }
}`;

interface Summary {
  received: number;
  accepted: number;
  duplicates: number;
  violations: number;
}
interface ViolationView {
  accessViolations: { totalCount: number; edges: Array<{ node: { externalId: string; violation: boolean; system: { code: string } } }> };
  system: { code: string; accessViolationCount: number; accessGrants: { totalCount: number } };
}

const RECORDS = 5000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('AUTHORIZED_ACCESS: 5,000 access records through the gateway', () => {
  it('with 3 lacking grants produce exactly 3 violations, and a resubmission adds none', async () => {
    const { world } = stack;
    // A live system outside the seeded access demo, so every violation on it is this test's.
    const seeded = new Set(
      (await stack.dataSources.security.query(`SELECT DISTINCT system_id FROM "security"."access_grant"`)).map(
        (row: { system_id: string }) => row.system_id,
      ),
    );
    const system = world.systems.find(
      (candidate) => candidate.deploymentMode === 'ON_CLOUD' && !candidate.retiredOn && candidate.goLiveOn && !seeded.has(candidate.id),
    )!;
    const unit = world.units.find((candidate) => candidate.id === system.unitId)!;
    const unitToken = await stack.token({ role: 'USER_UNIT', unit: unit.id, region: unit.regionCode });
    const providerToken = await stack.token({ role: 'PROVIDER', provider: system.providerId! });
    const bureau = await stack.token({ role: 'BUREAU' });
    const cybersec = await stack.token({ role: 'CYBERSEC' });

    const now = Date.now();
    const grants: Array<{ id: string; grantedAt: string; provider: { id: string } }> = [];
    for (const [resourceKind, staffAccount] of [
      ['DATABASE', 'ops-dba-01'],
      ['HOST', 'ops-sys-02'],
    ] as const) {
      const granted = await stack.query<{ grantAccess: (typeof grants)[number] }>(unitToken, GRANT, {
        input: {
          systemId: system.id,
          resourceKind,
          staffName: resourceKind === 'DATABASE' ? '张伟' : '李娜',
          staffAccount,
          purpose: '年度巡检',
          validFrom: new Date(now - 3_600_000).toISOString(),
          validUntil: new Date(now + 30 * 86_400_000).toISOString(),
        },
      });
      expect(granted.errors).toBeUndefined();
      expect(granted.data!.grantAccess.provider.id).toBe(system.providerId);
      grants.push(granted.data!.grantAccess);
    }
    // A grant covers accesses from the moment it was recorded; let a few milliseconds pass after it.
    const from = Math.max(...grants.map((grant) => Date.parse(grant.grantedAt)));
    await sleep(50);

    const records = Array.from({ length: RECORDS }, (_, i) => ({
      systemId: system.id,
      resourceKind: i % 2 === 0 ? 'DATABASE' : 'HOST',
      staffAccount: i % 2 === 0 ? 'ops-dba-01' : 'ops-sys-02',
      accessedAt: new Date(from + (i % 40)).toISOString(),
      action: i % 2 === 0 ? '查询慢日志' : '登录云主机检查磁盘',
      externalId: `E2E-LOG-${String(i).padStart(5, '0')}`,
    }));
    // The 3 without a grant: an account nobody granted, a kind of resource not granted, and an
    // access before the grant was recorded.
    records[17] = { ...records[17]!, staffAccount: 'unknown-admin' };
    records[2500] = { ...records[2500]!, resourceKind: 'STORAGE' };
    records[4999] = { ...records[4999]!, accessedAt: new Date(from - 3_600_000).toISOString() };

    const first = await stack.query<{ submitAccessRecords: Summary }>(providerToken, SUBMIT, { records });
    expect(first.errors).toBeUndefined();
    expect(first.data!.submitAccessRecords).toMatchObject({ received: RECORDS, accepted: RECORDS, duplicates: 0, violations: 3 });

    for (const token of [unitToken, bureau, cybersec]) {
      const seen = await stack.query<ViolationView>(token, VIOLATIONS, { systemId: system.id });
      expect(seen.errors).toBeUndefined();
      expect(seen.data!.accessViolations.totalCount).toBe(3);
      expect(seen.data!.accessViolations.edges.map((edge) => edge.node.externalId).sort()).toEqual([
        'E2E-LOG-00017',
        'E2E-LOG-02500',
        'E2E-LOG-04999',
      ]);
      expect(seen.data!.system).toMatchObject({ code: system.code, accessViolationCount: 3, accessGrants: { totalCount: 2 } });
    }

    const again = await stack.query<{ submitAccessRecords: Summary }>(providerToken, SUBMIT, { records });
    expect(again.errors).toBeUndefined();
    expect(again.data!.submitAccessRecords).toMatchObject({ received: RECORDS, accepted: 0, duplicates: RECORDS, violations: 0 });
    const after = await stack.query<ViolationView>(cybersec, VIOLATIONS, { systemId: system.id });
    expect(after.data!.accessViolations.totalCount).toBe(3);
    expect(after.data!.system.accessViolationCount).toBe(3);
  }, 60_000);

  it('a unit cannot submit access records, and a bad row is refused naming its index', async () => {
    const system = stack.world.systems.find((candidate) => candidate.deploymentMode === 'ON_CLOUD' && candidate.providerId)!;
    const unit = stack.world.units.find((candidate) => candidate.id === system.unitId)!;
    const row = {
      systemId: system.id,
      resourceKind: 'HOST',
      staffAccount: 'ops',
      accessedAt: '2026-11-20T09:00:00+08:00',
      action: '登录',
      externalId: 'E2E-BAD-1',
    };
    const asUnit = await stack.query(await stack.token({ role: 'USER_UNIT', unit: unit.id, region: unit.regionCode }), SUBMIT, {
      records: [row],
    });
    expectGatewayCode(asUnit, 'FORBIDDEN');
    const providerToken = await stack.token({ role: 'PROVIDER', provider: system.providerId! });
    const bad = await stack.query(providerToken, SUBMIT, { records: [row, { ...row, externalId: 'E2E-BAD-2', accessedAt: '昨天' }] });
    expectGatewayCode(bad, 'BAD_USER_INPUT');
    expect(bad.errors![0]!.extensions).toMatchObject({ field: 'records[1].accessedAt' });
    const [{ n }] = await stack.dataSources.security.query(
      `SELECT COUNT(*)::int AS n FROM "security"."access_record" WHERE external_id LIKE 'E2E-BAD-%'`,
    );
    expect(n).toBe(0);
  });
});
