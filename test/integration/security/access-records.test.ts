// AUTHORIZED_ACCESS (第二十三条) against real PostgreSQL: bulk submissions of access records —
// roles, whole-batch validation, duplicates, the SQL matching at the rule's boundaries, and a
// constant number of statements however large the batch.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlCounterOf } from '../../../subgraphs/kit/data-source';
import { Role, type Principal } from '../../../subgraphs/kit/principal';
import { grantCovers, type GrantTerms } from '../../../subgraphs/security/access/access.rules';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import { bureau, cybersec, providerPrincipal, world } from '../../setup/principals';
import { accessTablesDigest, demo, providerOf, SUBMIT, systemOf, unitPrincipalOf, type Summary } from './access-setup';

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('security', { seed: true });
});

afterAll(async () => {
  await subgraph?.stop();
});

// The seeded database-patch grant: DATABASE on a city system, 2026-11-01 08:00 to 2027-01-31 18:00 (+08:00).
const dbGrant = demo.grants.find((grant) => grant.resourceKind === 'DATABASE' && grant.revokedAt === null)!;
const system = systemOf(dbGrant.systemId);
const provider = providerPrincipal(providerOf(system));
const otherSystem = world.systems.find((candidate) => candidate.providerId && candidate.providerId !== system.providerId)!;

let serial = 0;
/** A record the seeded grant covers, with a fresh log id. */
function covered(overrides: Record<string, unknown> = {}) {
  serial += 1;
  return {
    systemId: system.id,
    resourceKind: 'DATABASE',
    staffAccount: dbGrant.staffAccount,
    accessedAt: new Date(Date.parse('2026-11-05T00:00:00+08:00') + serial * 1000).toISOString(),
    action: '执行数据库补丁脚本',
    externalId: `T-${serial}-${randomUUID()}`,
    ...overrides,
  };
}

async function submit(principal: Principal, records: unknown[]) {
  return subgraph.query<{ submitAccessRecords: Summary }>(principal, SUBMIT, { records });
}

async function recordCount(): Promise<number> {
  const [row] = await subgraph.dataSource.query(`SELECT COUNT(*)::int AS n FROM "security"."access_record"`);
  return row.n as number;
}

describe('AUTHORIZED_ACCESS: bulk access records', () => {
  it('only a provider submits: units, the bureau and the cybersecurity authority are FORBIDDEN', async () => {
    const before = await accessTablesDigest(subgraph.dataSource);
    for (const principal of [unitPrincipalOf(system), bureau, cybersec, { subject: 'test-auditor', role: Role.AUDITOR }]) {
      const result = await submit(principal, [covered()]);
      expect(result.errors?.[0]?.extensions?.code, principal.role).toBe('FORBIDDEN');
    }
    expect(await accessTablesDigest(subgraph.dataSource)).toBe(before);
  });

  it('records with a matching grant are accepted, those without are violations', async () => {
    const result = await submit(provider, [covered(), covered(), covered({ staffAccount: 'nobody' }), covered({ resourceKind: 'HOST' })]);
    expect(result.errors).toBeUndefined();
    expect(result.data!.submitAccessRecords).toMatchObject({ received: 4, accepted: 4, duplicates: 0, violations: 2 });
  });

  it('a bad row anywhere fails the whole batch with its index, and nothing is written', async () => {
    const before = await accessTablesDigest(subgraph.dataSource);
    const batch = Array.from({ length: 50 }, () => covered());
    const cases: Array<[number, Record<string, unknown>, string]> = [
      [37, { accessedAt: '2026-11-05 10:00:00' }, 'accessedAt'],
      [12, { accessedAt: new Date(Date.now() + 86_400_000).toISOString() }, 'accessedAt'],
      [49, { staffAccount: '' }, 'staffAccount'],
      [3, { systemId: 'not-a-uuid' }, 'systemId'],
      // Another provider's system, and one nobody knows: the same answer, revealing nothing.
      [21, { systemId: otherSystem.id }, 'systemId'],
      [22, { systemId: randomUUID() }, 'systemId'],
    ];
    for (const [index, overrides, field] of cases) {
      const records = batch.map((record, i) => (i === index ? { ...record, ...overrides } : record));
      const result = await submit(provider, records);
      expect(result.errors?.[0]?.extensions, `${index}.${field}`).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: `records[${index}].${field}`,
        row: index,
      });
      expect(result.errors![0]!.message).toContain(`第 ${index + 1} 条`);
    }
    const empty = await submit(provider, []);
    expect(empty.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'records' });
    expect(await accessTablesDigest(subgraph.dataSource)).toBe(before);
  });

  it('a resubmission, or a repeat within a batch, is counted as a duplicate and never twice', async () => {
    const batch = [covered(), covered({ staffAccount: 'intruder' }), covered()];
    const first = await submit(provider, [...batch, { ...batch[0], action: '同一日志编号再次出现' }]);
    expect(first.data!.submitAccessRecords).toMatchObject({ received: 4, accepted: 3, duplicates: 1, violations: 1 });
    const count = await recordCount();
    const again = await submit(provider, batch);
    expect(again.data!.submitAccessRecords).toMatchObject({ received: 3, accepted: 0, duplicates: 3, violations: 0 });
    expect(await recordCount()).toBe(count);
  });

  it('the same log id from another provider is another record', async () => {
    const other = providerPrincipal(providerOf(otherSystem));
    const shared = covered();
    await submit(provider, [shared]);
    const result = await submit(other, [{ ...shared, systemId: otherSystem.id }]);
    expect(result.data!.submitAccessRecords).toMatchObject({ accepted: 1, duplicates: 0, violations: 1 });
  });

  it('decides grants in SQL exactly as the rule does at validFrom, validUntil, grantedAt and revokedAt', async () => {
    const t = (instant: string) => new Date(instant);
    const base = {
      systemId: system.id,
      unitId: system.unitId,
      providerId: system.providerId!,
      regionCode: system.regionCode,
      resourceKind: 'STORAGE' as const,
      staffName: '边界',
      purpose: '边界测试',
      grantedBy: 'test',
    };
    // Grants of past periods are written directly: through the API a grant cannot be retroactive.
    const grants: Array<GrantTerms & { id: string }> = [
      {
        ...base,
        id: randomUUID(),
        staffAccount: 'edge-period',
        validFrom: t('2026-10-01T08:00:00.000Z'),
        validUntil: t('2026-10-10T08:00:00.000Z'),
        grantedAt: t('2026-09-30T00:00:00.000Z'),
        revokedAt: null,
      },
      {
        ...base,
        id: randomUUID(),
        staffAccount: 'edge-revoked',
        validFrom: t('2026-10-01T00:00:00.000Z'),
        validUntil: t('2026-10-31T00:00:00.000Z'),
        grantedAt: t('2026-10-05T00:00:00.000Z'),
        revokedAt: t('2026-10-20T12:00:00.000Z'),
      },
    ];
    await subgraph.dataSource.query(
      `INSERT INTO "security"."access_grant" (id, system_id, unit_id, provider_id, region_code, resource_kind, staff_name, staff_account,
         purpose, valid_from, valid_until, granted_at, granted_by, revoked_at, revoked_by)
       SELECT g.id, $2, $3, $4, $5, 'STORAGE', '边界', g.account, '边界测试', g.valid_from, g.valid_until, g.granted_at, 'test',
              g.revoked_at, CASE WHEN g.revoked_at IS NULL THEN NULL ELSE 'test' END
         FROM json_to_recordset($1::json) AS g(id uuid, account text, valid_from timestamptz, valid_until timestamptz,
              granted_at timestamptz, revoked_at timestamptz)`,
      [
        JSON.stringify(
          grants.map((g) => ({
            id: g.id,
            account: g.staffAccount,
            valid_from: g.validFrom,
            valid_until: g.validUntil,
            granted_at: g.grantedAt,
            revoked_at: g.revokedAt,
          })),
        ),
        base.systemId,
        base.unitId,
        base.providerId,
        base.regionCode,
      ],
    );
    const ms = (d: Date, delta: number) => new Date(d.getTime() + delta);
    const [period, revoked] = [grants[0]!, grants[1]!];
    const probes: Array<[string, Date]> = [
      ['edge-period', ms(period.validFrom, -1)],
      ['edge-period', period.validFrom],
      ['edge-period', period.validUntil],
      ['edge-period', ms(period.validUntil, 1)],
      ['edge-revoked', ms(revoked.grantedAt, -1)],
      ['edge-revoked', revoked.grantedAt],
      ['edge-revoked', ms(revoked.revokedAt!, -1)],
      ['edge-revoked', revoked.revokedAt!],
    ];
    const records = probes.map(([account, at]) =>
      covered({ resourceKind: 'STORAGE', staffAccount: account, accessedAt: at.toISOString() }),
    );
    const result = await submit(provider, records);
    expect(result.errors).toBeUndefined();
    const stored: Array<{ external_id: string; violation: boolean }> = await subgraph.dataSource.query(
      `SELECT external_id, violation FROM "security"."access_record" WHERE submission_id = $1`,
      [result.data!.submitAccessRecords.submissionId],
    );
    const violationOf = new Map(stored.map((row) => [row.external_id, row.violation]));
    const expected = probes.map(([account, at]) => !grants.some((g) => grantCovers(g, { ...base, staffAccount: account, accessedAt: at })));
    expect(records.map((record) => violationOf.get(record.externalId))).toEqual(expected);
    expect(expected).toEqual([true, false, false, true, true, false, false, true]);
  });

  it('a 5,000-record submission runs the same few statements as a 10-record one', async () => {
    const counter = sqlCounterOf(subgraph.dataSource);
    const statementsFor = async (size: number) => {
      const records = Array.from({ length: size }, (_, i) => covered(i % 1000 === 0 ? { staffAccount: 'nobody' } : {}));
      counter.reset();
      const result = await submit(provider, records);
      expect(result.errors).toBeUndefined();
      expect(result.data!.submitAccessRecords).toMatchObject({ accepted: size, violations: Math.ceil(size / 1000) });
      return counter.count;
    };
    const small = await statementsFor(10);
    const large = await statementsFor(5000);
    expect(large).toBe(small);
    // BEGIN, the platform check, the one INSERT … SELECT, the audit entry, COMMIT.
    expect(large).toBeLessThanOrEqual(5);
  });
});
