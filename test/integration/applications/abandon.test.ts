// An application its unit abandons (第十五条): accepted, procured or in testing, the unit reports its
// termination to the bureau, and its resources are released through the same three steps
// (TERMINATION_STEPS). No state is a dead end; a system that never went live is not retired.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import { bureau, providerPrincipal, userUnit, world } from '../../setup/principals';
import { center, mutate, view } from './lifecycle-helpers';

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('applications', { seed: true });
});

afterAll(async () => {
  await subgraph?.stop();
});

const VERSIONED = 'id: $id, version: $version';

describe('TERMINATION_STEPS: an abandoned application', () => {
  it.each(['ACCEPTED', 'PROCURED', 'TESTING'] as const)('ends from %s by the unit’s report and the three steps', async (state) => {
    const application = world.applications.find((candidate) => candidate.state === state && candidate.testEndedOn === null)!;
    const unit = world.units.find((candidate) => candidate.id === application.unitId)!;
    const provider = world.providers.find((candidate) => candidate.id === application.providerId)!;
    let { version } = await view(subgraph, bureau, application.id);
    const act = async (principal: Parameters<typeof mutate>[1], field: string, extra = '', variables: Record<string, unknown> = {}) => {
      const result = await mutate(subgraph, principal, field, `${VERSIONED}${extra}`, { id: application.id, version, ...variables });
      expect(result.errors, field).toBeUndefined();
      version = result.data![field]!.version;
      return result.data![field]!;
    };

    expect(await act(userUnit(unit), 'reportTermination', ', reason: $reason', { reason: '项目取消，不再建设' })).toMatchObject({
      status: 'TERMINATING',
    });
    await act(userUnit(unit), 'confirmShutdown');
    await act(providerPrincipal(provider), 'confirmDataClearance');
    expect(await act(center, 'confirmResourceRecovery')).toMatchObject({ status: 'TERMINATED' });

    const after = await view(subgraph, bureau, application.id);
    expect(after.events.edges.at(-4)!.node).toMatchObject({
      action: 'REPORT_TERMINATION',
      fromStatus: state,
      toStatus: 'TERMINATING',
      reason: '项目取消，不再建设',
    });
    // An abandoned test stops counting the day it is reported.
    if (state === 'TESTING') expect(after.testPeriod!.endedOn).not.toBeNull();
    const [system] = await subgraph.dataSource.query(`SELECT retired_on FROM applications.information_system WHERE id = $1`, [
      application.systemId,
    ]);
    expect(system.retired_on).toBeNull();
  });
});
