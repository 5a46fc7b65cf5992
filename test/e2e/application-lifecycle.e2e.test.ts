// Issue 3's first acceptance bullet, through the gateway on the seeded stack: a county unit's
// application from draft to TERMINATED, every step by the role docs/domain.md names. At each step one
// wrong attempt (wrong role, out of order, missing material, stale version) fails with a stable
// `extensions` and leaves the application's status and version as they were. Also: the procurement's
// lower price reaches the providers subgraph's cap (CAP_LOWERS), and a submission on 2026-09-30 is
// due on 2026-10-13, the fifth working day after the National Day holiday (DECISION_5WD).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DevTokenClaims } from '../../gateway/src/dev-token';
import { TODAY_VARIABLE, todayInChina } from '../../subgraphs/kit/dates';
import { addWorkingDays } from '../../subgraphs/kit/working-days';
import { ALL_MATERIAL_KINDS as MATERIALS, uploadMaterials } from '../setup/materials';
import { freshSystemsIn } from '../setup/fresh-systems';
import { startStack, type Stack } from '../setup/stack';

const COUNTY = '371602';
const APP = 'id number status version submittedOn decisionDeadline { date estimated }';

interface App {
  id: string;
  number: string;
  status: string;
  version: number;
  submittedOn: string | null;
  decisionDeadline: { date: string; estimated: boolean } | null;
}

/** A lifecycle mutation taking `id` and `version`, plus `extra` arguments name → GraphQL type. */
function transition(name: string, extra: Record<string, string> = {}): string {
  const params = Object.entries(extra).map(([arg, type]) => `, $${arg}: ${type}`);
  const args = Object.keys(extra).map((arg) => `, ${arg}: $${arg}`);
  return `mutation($id: ID!, $version: Int!${params.join('')}) { ${name}(id: $id, version: $version${args.join('')}) { ${APP} } }`;
}

const CREATE = `mutation($input: CreateApplicationInput!) { createApplication(input: $input) { ${APP} } }`;
const UPDATE_DRAFT = transition('updateApplicationDraft', { input: 'ApplicationDraftInput!' });
const APPROVE_CHANGE = `mutation($id: ID!, $version: Int!) { approveChange(changeRequestId: $id, version: $version) { ${APP} } }`;
const CATALOG_ENTRY = `query($id: ID!) { catalogEntry(id: $id) { ... on BasicCatalogEntry { priceCapYuan
  capHistory(first: 100) { edges { node { source sourceReference previousCapYuan newCapYuan } } } } } }`;

let stack: Stack;
const tokens: Record<'unit' | 'county' | 'otherCounty' | 'bureau' | 'center' | 'provider' | 'otherProvider', string> = {} as never;

/** Runs an operation that must succeed and returns its single root field. */
async function ok<T = App>(token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const body = await stack.query<Record<string, T>>(token, query, variables);
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return Object.values(body.data!)[0]!;
}

async function statusAndVersion(id: string): Promise<{ status: string; version: number }> {
  const app = await ok<App>(tokens.bureau, `query($id: ID!) { application(id: $id) { ${APP} } }`, { id });
  return { status: app.status, version: app.version };
}

/** A wrong attempt on `app`: fails with `extensions` and changes neither its status nor its version. */
async function refused(app: App, token: string, query: string, variables: Record<string, unknown>, extensions: object): Promise<void> {
  const before = await statusAndVersion(app.id);
  expect(before).toEqual({ status: app.status, version: app.version });
  const body = await stack.query(token, query, variables);
  expect(body.data ?? null).toBeNull();
  expect(body.errors).toHaveLength(1);
  expect(body.errors![0]!.extensions).toMatchObject(extensions);
  expect(await statusAndVersion(app.id)).toEqual(before);
}

async function poll<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const freshCountySystems = () => freshSystemsIn(stack.world, COUNTY);

beforeAll(async () => {
  stack = await startStack({ seed: true });
});
afterAll(async () => {
  await stack?.stop();
});

describe('an application through the gateway, from draft to TERMINATED (第十条–第十五条)', () => {
  it('walks every step by its role; each wrong attempt fails with a stable code and changes nothing', async () => {
    const system = freshCountySystems()[0]!;
    const providerId = system.providerId!;
    const otherProvider = stack.world.providers.find((provider) => provider.id !== providerId && provider.status === 'DESIGNATED')!;
    const claims: Record<keyof typeof tokens, DevTokenClaims> = {
      unit: { role: 'USER_UNIT', unit: system.unitId, region: COUNTY },
      county: { role: 'COUNTY_AUTHORITY', region: COUNTY },
      otherCounty: { role: 'COUNTY_AUTHORITY', region: '371603' },
      bureau: { role: 'BUREAU' },
      center: { role: 'CENTER' },
      provider: { role: 'PROVIDER', provider: providerId },
      otherProvider: { role: 'PROVIDER', provider: otherProvider.id },
    };
    for (const [name, claim] of Object.entries(claims)) tokens[name as keyof typeof tokens] = await stack.token(claim);
    const [below, atCap] = stack.world.basicCatalog.filter((entry) => entry.providerId === providerId);
    const lowered = (Number(below!.priceCapYuan) - 10).toFixed(2);

    // Draft: only the unit may create one (the BUREAU may not), then lines and three of four materials.
    const create = { input: { systemId: system.id, kind: 'NEW', providerId } };
    const denied = await stack.query(tokens.bureau, CREATE, create);
    expect(denied.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    let app = await ok(tokens.unit, CREATE, create);
    expect(app).toMatchObject({ status: 'DRAFT', version: 1 });
    const resourceLines = [
      { catalogEntryId: below!.id, quantity: 4 },
      { catalogEntryId: atCap!.id, quantity: 2, quantityMax: 6 },
    ];
    app = await ok(tokens.unit, UPDATE_DRAFT, { id: app.id, version: app.version, input: { resourceLines } });
    // Materials are files, uploaded at the gateway's /materials with the unit's token; each is a draft edit.
    await uploadMaterials(stack.gatewayUrl, { token: tokens.unit }, app.id, MATERIALS.slice(0, 3));
    app = { ...app, ...(await statusAndVersion(app.id)) };

    // Submit: refused without the security responsibility letter (MATERIALS), then accepted with it.
    const SUBMIT = transition('submitApplication');
    await refused(
      app,
      tokens.unit,
      SUBMIT,
      { id: app.id, version: app.version },
      { code: 'RULE_VIOLATION', rule: 'MATERIALS', article: '第十一条' },
    );
    await uploadMaterials(stack.gatewayUrl, { token: tokens.unit }, app.id, [MATERIALS[3]!]);
    app = { ...app, ...(await statusAndVersion(app.id)) };
    app = await ok(tokens.unit, SUBMIT, { id: app.id, version: app.version });
    expect(app.status).toBe('SUBMITTED');

    // File: the county files, once (COUNTY_FILING); another county does not even see the application
    // (NOT_FOUND, as for a missing one). The bureau's decision does not wait for it (county-filing.e2e).
    const ACCEPT = transition('acceptApplication');
    const FILE = transition('fileApplication');
    const at = () => ({ id: app.id, version: app.version });
    await refused(app, tokens.otherCounty, FILE, at(), { code: 'NOT_FOUND' });
    app = await ok(tokens.county, FILE, at());
    expect(app.status).toBe('FILED');
    await refused(app, tokens.county, FILE, at(), { code: 'RULE_VIOLATION', rule: 'COUNTY_FILING', article: '第十一条' });

    // Accept: the county authority may not decide; the bureau does.
    await refused(app, tokens.county, ACCEPT, at(), { code: 'FORBIDDEN' });
    app = await ok(tokens.bureau, ACCEPT, at());
    expect(app.status).toBe('ACCEPTED');

    // Procurement: nothing can be delivered before it (out of order: the state machine's BAD_USER_INPUT);
    // a price above the cap is refused (CATALOG_CAP); one below and one at the cap pass.
    const DELIVER = transition('deliverTestEnvironment');
    const outOfOrder = { code: 'BAD_USER_INPUT', status: 'ACCEPTED', action: 'DELIVER_TEST_ENVIRONMENT' };
    await refused(app, tokens.provider, DELIVER, at(), outOfOrder);
    const lines = await ok<{ resourceLines: { edges: Array<{ node: { id: string; position: number } }> } }>(
      tokens.unit,
      `query($id: ID!) { application(id: $id) { resourceLines { edges { node { id position } } } } }`,
      { id: app.id },
    );
    const [first, second] = lines.resourceLines.edges.map((edge) => edge.node.id);
    const PROCURE = transition('recordProcurement', { prices: '[ConcludedPriceInput!]!' });
    const priced = (firstPrice: string) => ({
      ...at(),
      prices: [
        { lineId: first, concludedPrice: firstPrice },
        { lineId: second, concludedPrice: atCap!.priceCapYuan },
      ],
    });
    const tooHigh = (Number(below!.priceCapYuan) + 1).toFixed(2);
    await refused(app, tokens.unit, PROCURE, priced(tooHigh), { code: 'RULE_VIOLATION', rule: 'CATALOG_CAP', article: '第八条' });
    app = await ok(tokens.unit, PROCURE, priced(lowered));
    expect(app.status).toBe('PROCURED');

    // TEST_30D: the provider's delivery is due the agreement's working days after procurement (第十三条).
    const agreement = stack.world.agreements.find((a) => a.status === 'ACTIVE' && a.regionCode === COUNTY && a.providerId === providerId)!;
    const dueOn = addWorkingDays(todayInChina(), agreement.testEnvironmentDeliveryDays).date;
    const delivery = await ok<{ testEnvironmentDueOn: string; testEnvironmentOverdue: boolean }>(
      tokens.provider,
      `query($id: ID!) { application(id: $id) { testEnvironmentDueOn testEnvironmentOverdue } }`,
      { id: app.id },
    );
    expect(delivery).toEqual({ testEnvironmentDueOn: dueOn, testEnvironmentOverdue: false });
    const deliveries = await ok<{ edges: Array<{ node: { dueOn: string; overdue: boolean; application: { id: string } } }> }>(
      tokens.provider,
      `{ todoItems(first: 100, kind: DELIVER_TEST_ENVIRONMENT) { edges { node { dueOn overdue application { id } } } } }`,
    );
    expect(deliveries.edges.map((edge) => edge.node).filter((item) => item.application.id === app.id)).toEqual([
      { dueOn, overdue: false, application: { id: app.id } },
    ]);

    // CAP_LOWERS: the providers' worker lowers the undercut cap, seen through the gateway; the other stays.
    const readEntry = (id: string) =>
      ok<{ priceCapYuan: string; capHistory: { edges: Array<{ node: Record<string, string | null> }> } }>(tokens.bureau, CATALOG_ENTRY, {
        id,
      });
    const entry = await poll(
      'the cap to come down',
      () => readEntry(below!.id),
      (e) => e.priceCapYuan === lowered,
    );
    const procurements = entry.capHistory.edges.map((edge) => edge.node).filter((change) => change.source === 'PROCUREMENT');
    expect(procurements).toEqual([
      { source: 'PROCUREMENT', sourceReference: app.number, previousCapYuan: below!.priceCapYuan, newCapYuan: lowered },
    ]);
    const untouched = await readEntry(atCap!.id);
    expect(untouched.priceCapYuan).toBe(atCap!.priceCapYuan);
    expect(untouched.capHistory.edges.some((edge) => edge.node.source === 'PROCUREMENT')).toBe(false);

    // Test environment: only the chosen provider delivers it; another provider does not see the application.
    await refused(app, tokens.otherProvider, DELIVER, at(), { code: 'NOT_FOUND' });
    app = await ok(tokens.provider, DELIVER, at());
    expect(app.status).toBe('TESTING');

    // Go-live: the centre cannot confirm before the unit asks (out of order), then the unit asks and it confirms.
    const CONFIRM_GO_LIVE = transition('confirmGoLive');
    await refused(app, tokens.center, CONFIRM_GO_LIVE, at(), { code: 'BAD_USER_INPUT' });
    app = await ok(tokens.unit, transition('requestGoLive'), at());
    await refused(app, tokens.unit, CONFIRM_GO_LIVE, at(), { code: 'FORBIDDEN' });
    app = await ok(tokens.center, CONFIRM_GO_LIVE, at());
    expect(app.status).toBe('IN_PRODUCTION');

    // Change: the unit requests, may not approve its own request; a stale version is a conflict; the bureau approves.
    app = await ok(tokens.unit, transition('requestChange', { description: 'String!' }), { ...at(), description: '扩容 2 台云主机' });
    const changes = await ok<{ changeRequests: { edges: Array<{ node: { id: string; status: string } }> } }>(
      tokens.bureau,
      `query($id: ID!) { application(id: $id) { changeRequests { edges { node { id status } } } } }`,
      { id: app.id },
    );
    const change = changes.changeRequests.edges[0]!.node;
    expect(change.status).toBe('PENDING');
    await refused(app, tokens.unit, APPROVE_CHANGE, { id: change.id, version: app.version }, { code: 'FORBIDDEN' });
    await refused(app, tokens.bureau, APPROVE_CHANGE, { id: change.id, version: app.version - 1 }, { code: 'CONFLICT' });
    app = await ok(tokens.bureau, APPROVE_CHANGE, { id: change.id, version: app.version });
    expect(app.status).toBe('IN_PRODUCTION');

    // Termination: reported by the unit; data clearance before shutdown breaks TERMINATION_STEPS.
    app = await ok(tokens.unit, transition('reportTermination', { reason: 'String!' }), { ...at(), reason: '业务并入市级平台' });
    expect(app.status).toBe('TERMINATING');
    const CLEAR = transition('confirmDataClearance');
    await refused(app, tokens.provider, CLEAR, at(), { code: 'RULE_VIOLATION', rule: 'TERMINATION_STEPS', article: '第十五条' });
    await refused(app, tokens.provider, transition('confirmShutdown'), at(), { code: 'FORBIDDEN' });
    app = await ok(tokens.unit, transition('confirmShutdown'), at());
    app = await ok(tokens.provider, CLEAR, at());
    expect(app.status).toBe('TERMINATING');
    app = await ok(tokens.center, transition('confirmResourceRecovery'), at());
    expect(app.status).toBe('TERMINATED');

    const done = await ok<{ terminatedOn: string; terminationSteps: Array<{ step: string; confirmedByRole: string }> }>(
      tokens.bureau,
      `query($id: ID!) { application(id: $id) { terminatedOn terminationSteps { step confirmedByRole } } }`,
      { id: app.id },
    );
    expect(done.terminatedOn).toBe(todayInChina());
    expect(done.terminationSteps).toEqual([
      { step: 'SHUTDOWN', confirmedByRole: 'USER_UNIT' },
      { step: 'DATA_CLEARANCE', confirmedByRole: 'PROVIDER' },
      { step: 'RESOURCE_RECOVERY', confirmedByRole: 'CENTER' },
    ]);
  });

  it('DECISION_5WD: submitted on 2026-09-30, the decision is due 2026-10-13, by the official calendar', async () => {
    // The seed has no submission on 2026-09-30, and the API takes the submission date from
    // "today", so "today" (GOVCLOUD_TODAY, read on every request by the in-process subgraphs) is
    // pinned to that day for the submission only.
    const system = freshCountySystems()[1]!;
    const unit = await stack.token({ role: 'USER_UNIT', unit: system.unitId, region: COUNTY });
    let app = await ok(unit, CREATE, { input: { systemId: system.id, kind: 'NEW' } });
    const entry = stack.world.basicCatalog.find((each) => each.providerId === system.providerId)!;
    const input = { resourceLines: [{ catalogEntryId: entry.id, quantity: 1 }] };
    app = await ok(unit, UPDATE_DRAFT, { id: app.id, version: app.version, input });
    await uploadMaterials(stack.gatewayUrl, { token: unit }, app.id, MATERIALS);
    app = { ...app, ...(await statusAndVersion(app.id)) };
    const today = process.env[TODAY_VARIABLE];
    process.env[TODAY_VARIABLE] = '2026-09-30';
    try {
      app = await ok(unit, transition('submitApplication'), { id: app.id, version: app.version });
    } finally {
      if (today === undefined) delete process.env[TODAY_VARIABLE];
      else process.env[TODAY_VARIABLE] = today;
    }
    expect(app.submittedOn).toBe('2026-09-30');
    expect(app.decisionDeadline).toEqual({ date: '2026-10-13', estimated: false });
  });
});
