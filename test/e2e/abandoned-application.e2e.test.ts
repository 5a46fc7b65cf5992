// An application abandoned in testing, through the gateway (第十五条, TERMINATION_STEPS): the unit
// reports its termination to the bureau, and the unit, provider and centre release its resources
// through the three steps. The bureau sees the report in the application's history and on its to-do
// list until the termination completes. A draft the unit no longer wants is discarded (DISCARDED).
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
const ABANDONED_TODO = `query { todoItems(kind: NOTE_ABANDONED_APPLICATION, first: 100) { edges { node { rule application { id } } } } }`;
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

    const bureauTodo = async () => {
      const todo = await stack.query<{ todoItems: { edges: Array<{ node: { rule: string; application: { id: string } } }> } }>(
        tokens.bureau,
        ABANDONED_TODO,
      );
      expect(todo.errors).toBeUndefined();
      return todo.data!.todoItems.edges.map((edge) => edge.node).filter((node) => node.application.id === application.id);
    };
    expect(await bureauTodo()).toEqual([]);

    expect(await run(tokens.unit, step('reportTermination', ', reason: $reason'), { reason: '项目取消，不再上线' })).toBe('TERMINATING');
    // The bureau is informed: the abandoned application is on its list while the resources are released.
    expect(await bureauTodo()).toEqual([{ rule: 'TERMINATION_STEPS', application: { id: application.id } }]);
    expect(await run(tokens.unit, step('confirmShutdown'))).toBe('TERMINATING');
    expect(await run(tokens.provider, step('confirmDataClearance'))).toBe('TERMINATING');
    expect(await run(tokens.center, step('confirmResourceRecovery'))).toBe('TERMINATED');
    expect(await bureauTodo()).toEqual([]);

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

describe('a draft its unit no longer wants', () => {
  it('is discarded by the unit, ends as DISCARDED and keeps its history; nothing further can be done with it', async () => {
    const draft = stack.world.applications.find((candidate) => candidate.state === 'DRAFT')!;
    const unit = stack.world.units.find((candidate) => candidate.id === draft.unitId)!;
    const unitToken = await stack.token({ role: 'USER_UNIT', unit: unit.id, region: unit.regionCode });
    const bureau = await stack.token({ role: 'BUREAU' });
    const before = await stack.query<{ application: { version: number } }>(
      unitToken,
      `query($id: ID!) { application(id: $id) { version } }`,
      {
        id: draft.id,
      },
    );
    const version = before.data!.application.version;
    const DISCARD = `mutation($id: ID!, $version: Int!, $reason: String!) { discardApplicationDraft(id: $id, version: $version, reason: $reason) { ${APP} } }`;

    const refused = await stack.query(bureau, DISCARD, { id: draft.id, version, reason: '不需要' });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const discarded = await stack.query<{ discardApplicationDraft: { status: string; version: number } }>(unitToken, DISCARD, {
      id: draft.id,
      version,
      reason: '系统改由上级单位统一建设',
    });
    expect(discarded.errors).toBeUndefined();
    expect(discarded.data!.discardApplicationDraft).toMatchObject({ status: 'DISCARDED', version: version + 1 });

    const submit = await stack.query(unitToken, step('submitApplication'), { id: draft.id, version: version + 1 });
    expect(submit.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', status: 'DISCARDED', action: 'SUBMIT' });
    const history = await stack.query<{ application: { status: string; events: { edges: Array<{ node: Record<string, string> }> } } }>(
      bureau,
      HISTORY,
      { id: draft.id },
    );
    expect(history.data!.application.status).toBe('DISCARDED');
    expect(history.data!.application.events.edges.at(-1)!.node).toEqual({
      action: 'DISCARD_DRAFT',
      fromStatus: 'DRAFT',
      toStatus: 'DISCARDED',
      actorRole: 'USER_UNIT',
    });
    const todo = await stack.query<{ todoItems: { edges: Array<{ node: { application: { id: string } | null } }> } }>(
      unitToken,
      `query { todoItems(kind: SUBMIT_DRAFT, first: 100) { edges { node { application { id } } } } }`,
    );
    expect(todo.data!.todoItems.edges.some((edge) => edge.node.application?.id === draft.id)).toBe(false);
  });
});
