// PROVIDER_QUALIFIED (第七条) is checked in providers against its copy of the platform's MLPS filing
// and cybersecurity review, which the security subgraph records (第二十条): each recorded change
// reaches providers through the job queue; an older profile version arriving late changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { PLATFORM_SECURITY_CHANGED_TASK } from '../../../subgraphs/contracts/platform-security-events';
import { JOBS_SCHEMA } from '../../../subgraphs/kit/jobs';
import { createTestDatabase, type TestDatabase } from '../../setup/database';
import { bureau, providerByCode } from '../../setup/principals';
import { TEST_INTERNAL_SECRET, postGraphQL } from '../../setup/subgraph';
import { startSubgraphs, type RunningSubgraphs } from '../../setup/subgraphs';
import { jobsOf, refusalsOf, waitFor } from './helpers';

let database: TestDatabase;
let running: RunningSubgraphs;
let db: DataSource;
const UNICOM = providerByCode('P-UNICOM');

beforeAll(async () => {
  database = await createTestDatabase({ from: 'seeded' });
  running = await startSubgraphs(database, ['providers', 'security'], {
    internalTokenSecret: TEST_INTERNAL_SECRET,
    seed: true,
    effectWorkers: true,
  });
  db = running.dataSources.providers!;
});

afterAll(async () => {
  await running?.stop();
  await database?.drop();
});

async function providersCopy(): Promise<{ level: number; certificate: string; version: number }> {
  const [row] = await db.query(
    `SELECT platform_mlps_level AS level, platform_mlps_certificate_no AS certificate, platform_security_version AS version
       FROM "providers"."provider" WHERE id = $1`,
    [UNICOM.id],
  );
  return row;
}

const RECORD = `mutation($input: RecordPlatformMlpsInput!) { recordPlatformMlps(input: $input) { version platformMlpsLevel } }`;

describe('platform security reaches the providers subgraph', () => {
  it('a platform MLPS filing recorded in security updates the provider PROVIDER_QUALIFIED is checked against', async () => {
    expect(await providersCopy()).toMatchObject({ level: UNICOM.platformMlpsLevel, version: 1 });
    const recorded = await postGraphQL<{ recordPlatformMlps: { version: number } }>(running.urls.security, bureau, RECORD, {
      input: { providerId: UNICOM.id, version: 1, level: 4, certificateNo: '37160099999-00001', filedOn: '2026-11-20' },
    });
    expect(recorded.errors).toBeUndefined();
    expect(recorded.data!.recordPlatformMlps.version).toBe(2);
    await waitFor('providers to take the new filing', async () => (await providersCopy()).version === 2);
    expect(await providersCopy()).toEqual({ level: 4, certificate: '37160099999-00001', version: 2 });
  });

  it('an older version delivered late, or a malformed payload, changes nothing', async () => {
    const stale = {
      providerId: UNICOM.id,
      version: 1,
      platformMlpsLevel: 3,
      platformMlpsCertificateNo: 'OLD',
      platformMlpsFiledOn: '2024-01-01',
      cybersecurityReviewPassedOn: null,
    };
    for (const [payload, key] of [
      [stale, 'late'],
      [{ providerId: UNICOM.id }, 'malformed'],
    ] as const) {
      await db.query(`SELECT ${JOBS_SCHEMA}.add_job($1::text, $2::json, job_key => $3::text)`, [
        PLATFORM_SECURITY_CHANGED_TASK,
        JSON.stringify(payload),
        key,
      ]);
    }
    await waitFor('both deliveries to be handled', async () => (await jobsOf(db, PLATFORM_SECURITY_CHANGED_TASK)).length === 0);
    expect(await providersCopy()).toEqual({ level: 4, certificate: '37160099999-00001', version: 2 });
    expect((await refusalsOf(db, PLATFORM_SECURITY_CHANGED_TASK)).map((refusal) => refusal.code)).toEqual(['BAD_USER_INPUT']);
  });
});
