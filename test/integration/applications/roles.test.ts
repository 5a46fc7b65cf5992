import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Principal } from '../../../subgraphs/kit/principal';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import { bureau, countyAuthority, providerPrincipal, userUnit, world } from '../../setup/principals';
import { auditor, center, expectRefusedUnchanged, mutate } from './lifecycle-helpers';

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('applications', { seed: true, alongside: ['providers'] });
});

afterAll(async () => {
  await subgraph?.stop();
});

const inState = (state: string, county = false) =>
  world.applications.find((application) => application.state === state && (application.regionCode !== '371600') === county)!;
const unitOf = (application: { unitId: string }) => userUnit(world.units.find((unit) => unit.id === application.unitId)!);
const providerOf = (application: { providerId: string }) =>
  providerPrincipal(world.providers.find((p) => p.id === application.providerId)!);

/** Each step, on an application in a state that allows it, by roles docs/domain.md does not name for it. */
const CASES: Array<
  [field: string, state: string, extra: string, variables: Record<string, unknown>, wrong: (a: ReturnType<typeof inState>) => Principal[]]
> = [
  ['updateApplicationDraft', 'DRAFT', ', input: $input', { input: {} }, () => [auditor, bureau]],
  ['submitApplication', 'DRAFT', '', {}, (a) => [auditor, center, providerOf(a)]],
  ['withdrawApplication', 'SUBMITTED', ', reason: $reason', { reason: '撤回' }, () => [auditor, bureau]],
  ['acceptApplication', 'SUBMITTED', '', {}, (a) => [auditor, center, unitOf(a)]],
  ['rejectApplication', 'SUBMITTED', ', reason: $reason', { reason: '不予受理' }, (a) => [auditor, center, unitOf(a)]],
  ['recordProcurement', 'ACCEPTED', ', prices: $prices', { prices: [] }, (a) => [auditor, bureau, providerOf(a)]],
  ['deliverTestEnvironment', 'PROCURED', '', {}, (a) => [auditor, center, unitOf(a)]],
  ['recordTestExtension', 'TESTING', ', reason: $reason', { reason: '延期' }, (a) => [auditor, bureau, providerOf(a)]],
  ['requestGoLive', 'TESTING', '', {}, () => [auditor, center]],
  ['confirmGoLive', 'TESTING', '', {}, (a) => [auditor, bureau, providerOf(a)]],
  ['requestChange', 'IN_PRODUCTION', ', description: $description', { description: '扩容' }, () => [auditor, bureau]],
  ['reportTermination', 'IN_PRODUCTION', ', reason: $reason', { reason: '停用' }, (a) => [auditor, bureau, providerOf(a)]],
  ['confirmShutdown', 'TERMINATING', '', {}, (a) => [auditor, center, providerOf(a)]],
  ['confirmDataClearance', 'TERMINATING', '', {}, (a) => [auditor, bureau, unitOf(a)]],
  ['confirmResourceRecovery', 'TERMINATING', '', {}, (a) => [auditor, bureau, unitOf(a)]],
];

describe('who moves an application (第十一条–第十五条)', () => {
  it.each(CASES)(
    '%s by a role docs/domain.md does not name is FORBIDDEN and changes nothing',
    async (field, state, extra, variables, wrong) => {
      const application = inState(state);
      const [{ version }] = await subgraph.dataSource.query(`SELECT version FROM "applications"."application" WHERE id = $1`, [
        application.id,
      ]);
      for (const principal of wrong(application)) {
        await expectRefusedUnchanged(
          subgraph,
          application.id,
          () => mutate(subgraph, principal, field, `id: $id, version: $version${extra}`, { id: application.id, version, ...variables }),
          'FORBIDDEN',
        );
      }
    },
  );

  it('a county authority files only its own county’s applications: another county’s is NOT_FOUND, as a missing one', async () => {
    const application = inState('SUBMITTED', true);
    const [{ version }] = await subgraph.dataSource.query(`SELECT version FROM "applications"."application" WHERE id = $1`, [
      application.id,
    ]);
    const other = application.regionCode === '371603' ? '371621' : '371603';
    await expectRefusedUnchanged(
      subgraph,
      application.id,
      () => mutate(subgraph, countyAuthority(other), 'fileApplication', 'id: $id, version: $version', { id: application.id, version }),
      'NOT_FOUND',
    );
  });

  it('change decisions belong to the bureau alone', async () => {
    const [change] = await subgraph.dataSource.query(
      `SELECT c.id, a.version, a.unit_id FROM "applications"."change_request" c JOIN "applications"."application" a ON a.id = c.application_id WHERE c.status = 'PENDING' LIMIT 1`,
    );
    for (const field of ['approveChange', 'rejectChange']) {
      for (const principal of [auditor, center, unitOf({ unitId: change.unit_id })]) {
        const result = () =>
          mutate(subgraph, principal, field, 'changeRequestId: $changeRequestId, version: $version, reason: $reason', {
            changeRequestId: change.id,
            version: change.version,
            reason: '意见',
          });
        const [application] = await subgraph.dataSource.query(`SELECT application_id FROM "applications"."change_request" WHERE id = $1`, [
          change.id,
        ]);
        await expectRefusedUnchanged(subgraph, application.application_id, result, 'FORBIDDEN');
      }
    }
  });
});
