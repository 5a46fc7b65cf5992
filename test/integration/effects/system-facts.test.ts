// The security and supervision subgraphs' replicas of information systems (contracts/system-facts.ts): a
// change made in the applications subgraph reaches both through the job queue; a redelivered or older revision changes
// nothing; a malformed one is refused for good.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { changeSystem } from '../../../subgraphs/applications/systems/system-changes.service';
import { JOBS_SCHEMA } from '../../../subgraphs/kit/jobs';
import type { SystemFacts } from '../../../subgraphs/contracts/system-facts';
import { SYSTEM_CHANGED_TASK } from '../../../subgraphs/security/effects';
import { createTestDatabase, type TestDatabase } from '../../setup/database';
import { providerByCode, world } from '../../setup/principals';
import { TEST_INTERNAL_SECRET } from '../../setup/subgraph';
import { startSubgraphs, type RunningSubgraphs } from '../../setup/subgraphs';
import { jobsOf, refusalsOf, waitFor } from '../effects/helpers';

let database: TestDatabase;
let running: RunningSubgraphs;
let applications: DataSource;

beforeAll(async () => {
  database = await createTestDatabase({ from: 'seeded' });
  running = await startSubgraphs(database, ['applications', 'security', 'supervision'], {
    internalTokenSecret: TEST_INTERNAL_SECRET,
    seed: true,
    effectWorkers: true,
  });
  applications = running.dataSources.applications!;
});

afterAll(async () => {
  await running?.stop();
  await database?.drop();
});

type Replica = { provider_id: string | null; go_live_on: string | null; revision: number };

async function replicaOf(systemId: string, schema: 'security' | 'supervision' = 'security'): Promise<Replica> {
  const [row] = await applications.query(
    `SELECT provider_id, go_live_on::text, revision FROM "${schema}"."system_fact" WHERE system_id = $1`,
    [systemId],
  );
  return row;
}

const drained = async () => (await jobsOf(applications, SYSTEM_CHANGED_TASK)).length === 0;

async function deliver(payload: unknown, key: string): Promise<void> {
  await applications.query(`SELECT ${JOBS_SCHEMA}.add_job($1::text, $2::json, job_key => $3::text)`, [
    SYSTEM_CHANGED_TASK,
    JSON.stringify(payload),
    key,
  ]);
}

describe('system facts replica', () => {
  const system = world.systems.find((candidate) => candidate.providerId && candidate.goLiveOn)!;
  const target = [providerByCode('P-INSPUR'), providerByCode('P-CTYUN')].find((provider) => provider.id !== system.providerId)!;

  it('a change of the system in applications reaches security and supervision with its new revision', async () => {
    expect(await replicaOf(system.id)).toMatchObject({ provider_id: system.providerId, revision: 1 });
    expect(await replicaOf(system.id, 'supervision')).toMatchObject({ provider_id: system.providerId, revision: 1 });
    await applications.transaction((manager) => changeSystem(manager, system.id, { providerId: target.id }));
    await waitFor('the change to reach security', async () => (await replicaOf(system.id)).revision === 2);
    await waitFor('the change to reach supervision', async () => (await replicaOf(system.id, 'supervision')).revision === 2);
    const changed = { provider_id: target.id, go_live_on: system.goLiveOn, revision: 2 };
    expect(await replicaOf(system.id)).toEqual(changed);
    expect(await replicaOf(system.id, 'supervision')).toEqual(changed);
  });

  it('an older revision delivered late, or the same one again, changes nothing', async () => {
    const stale: SystemFacts = {
      systemId: system.id,
      code: system.code,
      name: system.name,
      unitId: system.unitId,
      regionCode: system.regionCode,
      providerId: system.providerId,
      deploymentMode: system.deploymentMode,
      goLiveOn: system.goLiveOn,
      retiredOn: null,
      isDisasterRecovery: system.isDisasterRecovery,
      isStandby: system.isStandby,
      revision: 1,
    };
    await deliver(stale, 'late');
    await deliver({ ...stale, providerId: target.id, revision: 2, retiredOn: '2026-11-26' }, 'again');
    await waitFor('both deliveries to be handled', drained);
    expect(await replicaOf(system.id)).toEqual({ provider_id: target.id, go_live_on: system.goLiveOn, revision: 2 });
  });

  it('a malformed payload is refused for good and changes nothing', async () => {
    await deliver({ systemId: system.id, revision: 9 }, 'malformed');
    await waitFor('the malformed delivery to be refused', drained);
    const refusals = await refusalsOf(applications, SYSTEM_CHANGED_TASK);
    expect(refusals.map((refusal) => refusal.code)).toEqual(['BAD_USER_INPUT']);
    expect((await replicaOf(system.id)).revision).toBe(2);
  });
});
