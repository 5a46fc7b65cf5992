// DESIGNATED_PROVIDER after acceptance (第九条、第十一条), through the gateway on the seeded stack:
// once a provider's exit is started in the providers subgraph and heard of in applications, an
// application accepted before it is neither procured, nor given a test environment, nor taken live
// on that provider, and each refusal changes nothing (the system stays on the host its exit migration
// gives it); the unit can still report the application terminated and apply again elsewhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../integration/effects/helpers';
import { expectGatewayRuleViolation } from '../setup/gateway-assertions';
import { startStack, type Stack } from '../setup/stack';

let stack: Stack;
let bureau: string;
let center: string;

const APPLICATION = `query($id: ID!) {
  application(id: $id) {
    id status version procuredOn testPeriod { startedOn endedOn } goLiveOn
    resourceLines { edges { node { id concludedPrice } } }
    system { hostingProvider { id } }
    events(first: 50) { totalCount }
  }
}`;
const START = `mutation($input: ProviderExitInput!) { startProviderExit(input: $input) { id } }`;
const OPENED = `query($id: ID!) { providerExit(id: $id) { migrationProgress { opened } } }`;
const PROCURE = `mutation($id: ID!, $version: Int!, $prices: [ConcludedPriceInput!]!) {
  recordProcurement(id: $id, version: $version, prices: $prices) { status }
}`;
const DELIVER = `mutation($id: ID!, $version: Int!) { deliverTestEnvironment(id: $id, version: $version) { status } }`;
const REQUEST_GO_LIVE = `mutation($id: ID!, $version: Int!) { requestGoLive(id: $id, version: $version) { status testPeriod { endedOn } } }`;
const CONFIRM_GO_LIVE = `mutation($id: ID!, $version: Int!) { confirmGoLive(id: $id, version: $version) { status } }`;
const TERMINATE = `mutation($id: ID!, $version: Int!, $reason: String!) { reportTermination(id: $id, version: $version, reason: $reason) { status } }`;

interface ApplicationView {
  id: string;
  status: string;
  version: number;
  procuredOn: string | null;
  testPeriod: { startedOn: string; endedOn: string | null } | null;
  goLiveOn: string | null;
  resourceLines: { edges: Array<{ node: { id: string; concludedPrice: string | null } }> };
  system: { hostingProvider: { id: string } | null };
  events: { totalCount: number };
}

beforeAll(async () => {
  stack = await startStack({ seed: true });
  bureau = await stack.token({ role: 'BUREAU' });
  center = await stack.token({ role: 'CENTER' });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

async function view(id: string): Promise<ApplicationView> {
  const body = await stack.query<{ application: ApplicationView }>(bureau, APPLICATION, { id });
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data!.application;
}

/** The seeded application `code` and a token of its unit. */
async function seeded(code: string) {
  const application = stack.world.applications.find((candidate) => candidate.code === code)!;
  const owner = stack.world.units.find((candidate) => candidate.id === application.unitId)!;
  const unit = await stack.token({ role: 'USER_UNIT', unit: owner.id, region: owner.regionCode });
  return { application, unit };
}

describe('DESIGNATED_PROVIDER after acceptance: nothing more is built on an exiting provider (第九条、第十一条)', () => {
  it('procurement, test delivery and go-live are refused once the exit is heard of, and change nothing; termination goes through', async () => {
    // Seeded on 浪潮云 (P-INSPUR): A-2026-0013 accepted, A-2026-0022 procured, A-2026-0026 and -0028 testing.
    const accepted = await seeded('A-2026-0013');
    const procured = await seeded('A-2026-0022');
    const testing = await seeded('A-2026-0026');
    const awaitingConfirmation = await seeded('A-2026-0028');
    const inspur = accepted.application.providerId;
    for (const { application } of [procured, testing, awaitingConfirmation]) expect(application.providerId).toBe(inspur);
    const providerToken = await stack.token({ role: 'PROVIDER', provider: inspur });

    // Before the exit, the unit of A-2026-0028 asks to go live; the centre has not confirmed yet.
    const asked = await stack.query(awaitingConfirmation.unit, REQUEST_GO_LIVE, {
      id: awaitingConfirmation.application.id,
      version: (await view(awaitingConfirmation.application.id)).version,
    });
    expect(asked.errors, JSON.stringify(asked.errors)).toBeUndefined();

    const started = await stack.query<{ startProviderExit: { id: string } }>(bureau, START, {
      input: { providerId: inspur, reason: 'OTHER', startedOn: '2026-11-26', transitionEndsOn: '2027-02-26' },
    });
    expect(started.errors, JSON.stringify(started.errors)).toBeUndefined();
    const exitId = started.data!.startProviderExit.id;
    await waitFor('applications to hear of the exit', async () => {
      const body = await stack.query<{ providerExit: { migrationProgress: { opened: boolean } } }>(bureau, OPENED, { id: exitId });
      return body.data?.providerExit.migrationProgress.opened === true;
    });

    const before = await Promise.all([accepted, procured, testing, awaitingConfirmation].map(({ application }) => view(application.id)));
    const [acceptedView, procuredView, testingView, confirmView] = before;
    const prices = acceptedView!.resourceLines.edges.map(({ node }) => ({ lineId: node.id, concludedPrice: '0.01' }));
    const refusals = [
      await stack.query(accepted.unit, PROCURE, { id: accepted.application.id, version: acceptedView!.version, prices }),
      await stack.query(providerToken, DELIVER, { id: procured.application.id, version: procuredView!.version }),
      await stack.query(testing.unit, REQUEST_GO_LIVE, { id: testing.application.id, version: testingView!.version }),
      await stack.query(center, CONFIRM_GO_LIVE, { id: awaitingConfirmation.application.id, version: confirmView!.version }),
    ];
    for (const refused of refusals) {
      expectGatewayRuleViolation(refused, 'DESIGNATED_PROVIDER', '第十一条', { providerId: inspur, transitionEndsOn: '2027-02-26' });
      expect(refused.errors![0]!.message).toContain('开始退出（第九条，过渡期至 2027-02-26）');
      expect(refused.errors![0]!.message).toContain('reportTermination');
    }
    expect(refusals.map((refused) => refused.errors![0]!.message.match(/不能再(\S+?)；/)?.[1])).toEqual([
      '登记采购结果',
      '交付测试环境',
      '申请上线',
      '确认上线',
    ]);
    const after = await Promise.all([accepted, procured, testing, awaitingConfirmation].map(({ application }) => view(application.id)));
    expect(after).toEqual(before);
    expect(confirmView!.goLiveOn).toBeNull();

    // The lists say the same: the unit is told to end it, the provider's delivery and the centre's go-live are gone.
    const TODO = `query($kind: TodoKind) { todoItems(first: 100, kind: $kind) { edges { node { action application { id } } } } }`;
    const itemsOf = async (token: string, kind: string) =>
      (
        await stack.query<{ todoItems: { edges: Array<{ node: { action: string; application: { id: string } | null } }> } }>(token, TODO, {
          kind,
        })
      ).data!.todoItems.edges.map(({ node }) => node);
    for (const { unit, application } of [accepted, procured]) {
      const terminate = (await itemsOf(unit, 'TERMINATE_APPLICATION')).find((item) => item.application?.id === application.id);
      expect(terminate?.action).toMatch(/^所选服务商已开始退出：报备终止申请 /);
      expect((await itemsOf(unit, 'RECORD_PROCUREMENT')).some((item) => item.application?.id === application.id)).toBe(false);
    }
    expect(
      (await itemsOf(providerToken, 'DELIVER_TEST_ENVIRONMENT')).some((item) => item.application?.id === procured.application.id),
    ).toBe(false);
    expect((await itemsOf(center, 'CONFIRM_GO_LIVE')).some((item) => item.application?.id === awaitingConfirmation.application.id)).toBe(
      false,
    );

    // The way out: the unit reports the accepted application terminated, to apply again with another provider.
    const terminated = await stack.query<{ reportTermination: { status: string } }>(accepted.unit, TERMINATE, {
      id: accepted.application.id,
      version: acceptedView!.version,
      reason: '所选服务商退出，改选其他定点服务商重新申请',
    });
    expect(terminated.errors, JSON.stringify(terminated.errors)).toBeUndefined();
    expect(terminated.data!.reportTermination.status).toBe('TERMINATING');
  });
});
