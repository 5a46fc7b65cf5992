// An application abandoned in testing, through the gateway (第十五条, TERMINATION_STEPS): the unit
// reports its termination to the bureau, and the unit, provider and centre release its resources
// through the three steps. The bureau sees the report in the application's history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../setup/stack';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ seed: true });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

const APP = 'id status version';
const step = (name: string, extra = '') =>
  `mutation($id: ID!, $version: Int!${extra ? ', $reason: String!' : ''}) { ${name}(id: $id, version: $version${extra}) { ${APP} } }`;
const HISTORY = `query($id: ID!) { application(id: $id) { status events(first: 100) { edges { node { action fromStatus toStatus actorRole } } } } }`;

describe('an application abandoned in testing', () => {
  it('is ended by its unit and released through the three termination steps', async () => {
    const application = stack.world.applications.find((candidate) => candidate.state === 'TESTING' && candidate.testEndedOn === null)!;
    const unit = stack.world.units.find((candidate) => candidate.id === application.unitId)!;
    const tokens = {
      unit: await stack.token({ role: 'USER_UNIT', unit: unit.id, region: unit.regionCode }),
      provider: await stack.token({ role: 'PROVIDER', provider: application.providerId }),
      center: await stack.token({ role: 'CENTER' }),
      bureau: await stack.token({ role: 'BUREAU' }),
    };
    let version = 0;
    const run = async (token: string, query: string, variables: Record<string, unknown> = {}) => {
      const body = await stack.query<Record<string, { status: string; version: number }>>(token, query, {
        id: application.id,
        version,
        ...variables,
      });
      expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
      const result = Object.values(body.data!)[0]!;
      version = result.version;
      return result.status;
    };
    const before = await stack.query<{ application: { version: number } }>(
      tokens.bureau,
      `query($id: ID!) { application(id: $id) { version } }`,
      { id: application.id },
    );
    version = before.data!.application.version;

    expect(await run(tokens.unit, step('reportTermination', ', reason: $reason'), { reason: '项目取消，不再上线' })).toBe('TERMINATING');
    expect(await run(tokens.unit, step('confirmShutdown'))).toBe('TERMINATING');
    expect(await run(tokens.provider, step('confirmDataClearance'))).toBe('TERMINATING');
    expect(await run(tokens.center, step('confirmResourceRecovery'))).toBe('TERMINATED');

    const body = await stack.query<{ application: { status: string; events: { edges: Array<{ node: Record<string, string> }> } } }>(
      tokens.bureau,
      HISTORY,
      { id: application.id },
    );
    expect(body.errors).toBeUndefined();
    const events = body.data!.application.events.edges.map((edge) => edge.node);
    expect(events.slice(-4)).toEqual([
      { action: 'REPORT_TERMINATION', fromStatus: 'TESTING', toStatus: 'TERMINATING', actorRole: 'USER_UNIT' },
      { action: 'CONFIRM_SHUTDOWN', fromStatus: 'TERMINATING', toStatus: 'TERMINATING', actorRole: 'USER_UNIT' },
      { action: 'CONFIRM_DATA_CLEARANCE', fromStatus: 'TERMINATING', toStatus: 'TERMINATING', actorRole: 'PROVIDER' },
      { action: 'CONFIRM_RESOURCE_RECOVERY', fromStatus: 'TERMINATING', toStatus: 'TERMINATED', actorRole: 'CENTER' },
    ]);
  });
});
