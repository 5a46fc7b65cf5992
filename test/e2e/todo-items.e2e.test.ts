// todoItems computed in SQL (issue 14) through the gateway, on the real verbs: each item appears on
// its role's list when the step that creates it is taken and leaves it when the step that ends it
// is, found by the filters a bureau or county user narrows with (region, unit, kind) and in the
// order asked for (第十一条 MATERIALS、COUNTY_FILING，第十二条 DECISION_5WD，第十三条 TEST_30D).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateInChina, todayInChina } from '../../subgraphs/kit/dates';
import { addWorkingDays } from '../../subgraphs/kit/working-days';
import { ALL_MATERIAL_KINDS, uploadMaterials } from '../setup/materials';
import { freshSystemsIn } from '../setup/fresh-systems';
import { startStack, type Stack } from '../setup/stack';

const COUNTY = '371602';
const APP = 'id status version';

interface App {
  id: string;
  status: string;
  version: number;
}

interface Item {
  id: string;
  kind: string;
  dueOn: string;
  dueOnEstimated: boolean;
  overdue: boolean;
  rule: string | null;
  application: { id: string } | null;
}

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Array<{ cursor: string; node: Item }>;
}

const TODO = `query($first: Int, $after: String, $filter: TodoFilter, $orderBy: TodoOrder) {
  todoItems(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id kind dueOn dueOnEstimated overdue rule application { id } } }
  }
}`;

function transition(name: string, extra: Record<string, string> = {}): string {
  const params = Object.entries(extra).map(([arg, type]) => `, $${arg}: ${type}`);
  const args = Object.keys(extra).map((arg) => `, ${arg}: $${arg}`);
  return `mutation($id: ID!, $version: Int!${params.join('')}) { ${name}(id: $id, version: $version${args.join('')}) { ${APP} } }`;
}

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ seed: true });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

async function ok<T>(token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const body = await stack.query<Record<string, T>>(token, query, variables);
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return Object.values(body.data!)[0]!;
}

async function todo(token: string, variables: Record<string, unknown>): Promise<Page> {
  return ok<Page>(token, TODO, { first: 100, ...variables });
}

/** The items of `token`'s list about `applicationId` under `filter`. */
async function itemsAbout(token: string, applicationId: string, filter: Record<string, unknown>): Promise<Item[]> {
  const page = await todo(token, { filter });
  expect(page.totalCount).toBe(page.edges.length);
  return page.edges.map((edge) => edge.node).filter((item) => item.application?.id === applicationId);
}

describe('todoItems through the gateway, on the real verbs', () => {
  it('an item appears when its step is due and clears when it is taken: draft, decision and filing, test environment', async () => {
    const system = freshSystemsIn(stack.world, COUNTY)[1]!;
    const providerId = system.providerId!;
    const unit = await stack.token({ role: 'USER_UNIT', unit: system.unitId, region: COUNTY });
    const county = await stack.token({ role: 'COUNTY_AUTHORITY', region: COUNTY });
    const bureau = await stack.token({ role: 'BUREAU' });
    const provider = await stack.token({ role: 'PROVIDER', provider: providerId });
    const mine = { unitId: system.unitId };

    // MATERIALS (第十一条): a draft is the unit's to submit, due the day it was created (its instant's day, not the pinned today).
    let app = await ok<App>(unit, `mutation($input: CreateApplicationInput!) { createApplication(input: $input) { ${APP} } }`, {
      input: { systemId: system.id, kind: 'NEW', providerId },
    });
    expect(await itemsAbout(unit, app.id, { ...mine, kind: ['SUBMIT_DRAFT'] })).toEqual([
      expect.objectContaining({ kind: 'SUBMIT_DRAFT', dueOn: dateInChina(new Date()), overdue: false, rule: 'MATERIALS' }),
    ]);
    const [entry] = stack.world.basicCatalog.filter((candidate) => candidate.providerId === providerId);
    app = await ok<App>(unit, transition('updateApplicationDraft', { input: 'ApplicationDraftInput!' }), {
      id: app.id,
      version: app.version,
      input: { resourceLines: [{ catalogEntryId: entry!.id, quantity: 2 }] },
    });
    await uploadMaterials(stack.gatewayUrl, { token: unit }, app.id, ALL_MATERIAL_KINDS);
    app = await ok<App>(bureau, `query($id: ID!) { application(id: $id) { ${APP} } }`, { id: app.id });

    // Submitted: off the unit's list; on the bureau's (DECISION_5WD) and the county's (COUNTY_FILING),
    // each due the fifth working day after today; the bureau narrows its list to the county and the unit.
    app = await ok<App>(unit, transition('submitApplication'), { id: app.id, version: app.version });
    const due = addWorkingDays(todayInChina(), 5);
    expect(await itemsAbout(unit, app.id, mine)).toEqual([]);
    expect(await itemsAbout(bureau, app.id, { regionCode: COUNTY, ...mine })).toEqual([
      expect.objectContaining({ kind: 'DECIDE_APPLICATION', dueOn: due.date, dueOnEstimated: due.estimated, rule: 'DECISION_5WD' }),
    ]);
    expect(await itemsAbout(bureau, app.id, { regionCode: '371603' })).toEqual([]);
    expect(await itemsAbout(county, app.id, mine)).toEqual([
      expect.objectContaining({ kind: 'FILE_APPLICATION', dueOn: due.date, rule: 'COUNTY_FILING' }),
    ]);

    // Filed, then accepted: each leaves the list of whoever took the step.
    app = await ok<App>(county, transition('fileApplication'), { id: app.id, version: app.version });
    expect(await itemsAbout(county, app.id, mine)).toEqual([]);
    expect(await itemsAbout(bureau, app.id, mine)).toHaveLength(1);
    app = await ok<App>(bureau, transition('acceptApplication'), { id: app.id, version: app.version });
    expect(await itemsAbout(bureau, app.id, mine)).toEqual([]);

    // Procured: the provider's test environment is due the agreement's working days later (TEST_30D,
    // 第十三条), the day Application.testEnvironmentDueOn gives; delivered, it leaves the list.
    const lines = await ok<{ resourceLines: { edges: Array<{ node: { id: string } }> } }>(
      unit,
      `query($id: ID!) { application(id: $id) { resourceLines { edges { node { id } } } } }`,
      { id: app.id },
    );
    app = await ok<App>(unit, transition('recordProcurement', { prices: '[ConcludedPriceInput!]!' }), {
      id: app.id,
      version: app.version,
      prices: [{ lineId: lines.resourceLines.edges[0]!.node.id, concludedPrice: entry!.priceCapYuan }],
    });
    const { testEnvironmentDueOn } = await ok<{ testEnvironmentDueOn: string }>(
      provider,
      `query($id: ID!) { application(id: $id) { testEnvironmentDueOn } }`,
      { id: app.id },
    );
    expect(await itemsAbout(provider, app.id, { ...mine, kind: ['DELIVER_TEST_ENVIRONMENT'] })).toEqual([
      expect.objectContaining({ kind: 'DELIVER_TEST_ENVIRONMENT', dueOn: testEnvironmentDueOn, overdue: false, rule: 'TEST_30D' }),
    ]);
    app = await ok<App>(provider, transition('deliverTestEnvironment'), { id: app.id, version: app.version });
    expect(app.status).toBe('TESTING');
    expect(await itemsAbout(provider, app.id, mine)).toEqual([]);
  });

  it('pages the bureau’s list in every order, each item once, and refuses a cursor of another order', async () => {
    const bureau = await stack.token({ role: 'BUREAU' });
    const walk = async (orderBy: Record<string, string> | undefined) => {
      const seen: Item[] = [];
      let after: string | null = null;
      for (;;) {
        const page: Page = await todo(bureau, { first: 3, after, orderBy });
        seen.push(...page.edges.map((edge) => edge.node));
        if (!page.pageInfo.hasNextPage) return { seen, total: page.totalCount };
        after = page.pageInfo.endCursor;
      }
    };
    const ascending = await walk(undefined);
    expect(ascending.seen.length).toBe(ascending.total);
    expect(ascending.total).toBeGreaterThan(3);
    const descending = await walk({ field: 'DUE_ON', direction: 'DESC' });
    expect(descending.seen.map((item) => item.id)).toEqual(ascending.seen.map((item) => item.id).reverse());
    const byKind = await walk({ field: 'KIND', direction: 'ASC' });
    expect(byKind.seen.map((item) => item.kind)).toEqual(ascending.seen.map((item) => item.kind).sort());
    expect(new Set(byKind.seen.map((item) => item.id)).size).toBe(ascending.total);

    const first = await todo(bureau, { first: 1 });
    const wrong = await stack.query(bureau, TODO, { first: 1, after: first.pageInfo.endCursor, orderBy: { field: 'KIND' } });
    expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});
