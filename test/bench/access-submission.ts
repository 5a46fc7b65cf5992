// Part of `npm run bench`: one provider's bulk upload of 5,000 access records (AUTHORIZED_ACCESS,
// 第二十三条) through the gateway, timed fresh and again as a resubmission (all duplicates), with
// the security subgraph's SQL statements for it. Figures, not assertions.
import { sqlCounterOf } from '../../subgraphs/kit/data-source';
import type { Stack } from '../setup/local-stack';

const RECORDS = 5000;
const SUBMIT = `mutation ($records: [AccessRecordInput!]!) {
  submitAccessRecords(records: $records) { received accepted duplicates violations }
}`;

export async function benchAccessSubmission(stack: Stack): Promise<void> {
  const security = stack.dataSources.security;
  // A seeded, unrevoked grant: records within its period are authorised; every 1,000th uses an unknown account.
  const [grant] = await security.query(
    `SELECT system_id, provider_id, resource_kind, staff_account, GREATEST(valid_from, granted_at) AS starts_at,
            LEAST(valid_until, now()) AS ends_at
       FROM "security"."access_grant" WHERE revoked_at IS NULL ORDER BY granted_at, id LIMIT 1`,
  );
  if (!grant) throw new Error('bench: no seeded access grant');
  const start = new Date(grant.starts_at as Date).getTime();
  const span = Math.max(0, Math.floor((new Date(grant.ends_at as Date).getTime() - start) / RECORDS));
  const records = Array.from({ length: RECORDS }, (_, i) => ({
    systemId: grant.system_id as string,
    resourceKind: grant.resource_kind as string,
    staffAccount: i % 1000 === 999 ? 'bench-unknown' : (grant.staff_account as string),
    accessedAt: new Date(start + i * span).toISOString(),
    action: '基准测试：查询慢日志',
    externalId: `BENCH-${process.pid}-${i}`,
  }));
  const token = await stack.token({ role: 'PROVIDER', provider: grant.provider_id as string });
  const counter = sqlCounterOf(security);
  for (const label of ['fresh', 'resubmitted (all duplicates)']) {
    counter.reset();
    const t = performance.now();
    const { status, ...body } = await stack.query<{ submitAccessRecords: Record<string, number> }>(token, SUBMIT, { records });
    const ms = performance.now() - t;
    if (status !== 200 || body.errors) throw new Error(`bench submission failed: ${JSON.stringify(body.errors)}`);
    console.log(
      `submitAccessRecords, ${RECORDS} records through the gateway, ${label}: ${ms.toFixed(0)} ms, ` +
        `security SQL statements ${counter.count}, result ${JSON.stringify(body.data!.submitAccessRecords)}`,
    );
  }
}
