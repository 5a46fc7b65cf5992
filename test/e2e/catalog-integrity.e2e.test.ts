// Issue 11, item 4 (第八条), through the gateway on the seeded stack: a county unit's application is
// priced on its own provider's catalog only (CATALOG_CAP: another provider's entry and a price of
// zero are refused, changing nothing); a filed supplementary entry is procured, a pending one is
// refused by SUPPLEMENTARY_FILED until the bureau files it (the filing reaches applications' replica).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SystemRecord } from '../../seed/world';
import { ALL_MATERIAL_KINDS as MATERIALS, uploadMaterials } from '../setup/materials';
import { freshSystemsIn } from '../setup/fresh-systems';
import { registerSystemLike, signWhenKnown } from '../setup/registered-systems';
import { startStack, type Stack } from '../setup/stack';

const COUNTY = '371602';
const APP = 'id number status version';

interface App {
  id: string;
  number: string;
  status: string;
  version: number;
}

function transition(name: string, extra: Record<string, string> = {}): string {
  const params = Object.entries(extra).map(([arg, type]) => `, $${arg}: ${type}`);
  const args = Object.keys(extra).map((arg) => `, ${arg}: $${arg}`);
  return `mutation($id: ID!, $version: Int!${params.join('')}) { ${name}(id: $id, version: $version${args.join('')}) { ${APP} } }`;
}

const CREATE = `mutation($input: CreateApplicationInput!) { createApplication(input: $input) { ${APP} } }`;
const UPDATE_DRAFT = transition('updateApplicationDraft', { input: 'ApplicationDraftInput!' });
const SUBMIT = transition('submitApplication');
const FILE = transition('fileApplication');
const ACCEPT = transition('acceptApplication');
const PROCURE = transition('recordProcurement', { prices: '[ConcludedPriceInput!]!' });
const LINES = `query($id: ID!) { application(id: $id) { resourceLines { edges { node { id position } } } } }`;

let stack: Stack;

async function ok<T = App>(token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const body = await stack.query<Record<string, T>>(token, query, variables);
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return Object.values(body.data!)[0]!;
}

async function current(token: string, id: string): Promise<App> {
  return ok<App>(token, `query($id: ID!) { application(id: $id) { ${APP} } }`, { id });
}

/** A refused attempt: one error with `extensions` whose message contains `says`; status and version unchanged. */
async function refused(token: string, app: App, query: string, variables: Record<string, unknown>, extensions: object, says: string) {
  const body = await stack.query(token, query, variables);
  expect(body.data ?? null).toBeNull();
  expect(body.errors).toHaveLength(1);
  expect(body.errors![0]!.extensions).toMatchObject(extensions);
  expect(body.errors![0]!.message).toContain(says);
  const after = await current(token, app.id);
  expect({ status: after.status, version: after.version }).toEqual({ status: app.status, version: app.version });
}

const freshCountySystems = () => freshSystemsIn(stack.world, COUNTY);

/**
 * Runs `body` while the applications subgraph's replica holds `entryId`'s cap 200 yuan above the cap
 * providers holds (it has not heard of a lowering yet), then puts the replica back.
 */
async function withStaleReplica(entryId: string, body: () => Promise<void>): Promise<void> {
  const replica = `UPDATE "applications"."catalog_cap" SET cap_fen = cap_fen + $2 WHERE entry_id = $1`;
  await stack.dataSources.applications.query(replica, [entryId, 20_000]);
  try {
    await body();
  } finally {
    await stack.dataSources.applications.query(replica, [entryId, -20_000]);
  }
}

/** Records `app`'s procurement with its one line at `price`; it is PROCURED. */
async function procureOne(unit: string, app: App, lineId: string, price: string): Promise<void> {
  const procured = await ok(unit, PROCURE, { id: app.id, version: app.version, prices: [{ lineId, concludedPrice: price }] });
  expect(procured.status).toBe('PROCURED');
}

/** The application as `query` reads it, once providers' refusal has marked it (priceAboveCapSince), or after 30 s. */
async function untilMarked<T extends { priceAboveCapSince: string | null }>(token: string, query: string, id: string): Promise<T> {
  const started = Date.now();
  let marked = await ok<T>(token, query, { id });
  while (!marked.priceAboveCapSince && Date.now() - started < 30_000) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    marked = await ok<T>(token, query, { id });
  }
  return marked;
}

let signed = 0;

/** An application for `system` with `resourceLines`, taken to ACCEPTED by its unit, the county and the bureau. */
async function accepted(system: SystemRecord, resourceLines: Array<{ catalogEntryId: string; quantity: number }>) {
  const unit = await stack.token({ role: 'USER_UNIT', unit: system.unitId, region: COUNTY });
  const county = await stack.token({ role: 'COUNTY_AUTHORITY', region: COUNTY });
  const bureau = await stack.token({ role: 'BUREAU' });
  let app = await ok(unit, CREATE, { input: { systemId: system.id, kind: 'NEW', providerId: system.providerId } });
  if (!stack.world.systems.some((seeded) => seeded.id === system.id)) {
    // A system the test registered has no seeded security agreement: the unit signs one (SECURITY_AGREEMENT).
    signed += 1;
    const agreement = { applicationId: app.id, systemId: system.id, number: `滨城政云安〔2026〕07${signed}号`, signedOn: '2026-11-26' };
    const answer = await signWhenKnown(stack, unit, agreement);
    expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
  }
  app = await ok(unit, UPDATE_DRAFT, { id: app.id, version: app.version, input: { resourceLines } });
  await uploadMaterials(stack.gatewayUrl, { token: unit }, app.id, MATERIALS);
  app = await current(unit, app.id);
  app = await ok(unit, SUBMIT, { id: app.id, version: app.version });
  app = await ok(county, FILE, { id: app.id, version: app.version });
  app = await ok(bureau, ACCEPT, { id: app.id, version: app.version });
  expect(app.status).toBe('ACCEPTED');
  const lines = await ok<{ resourceLines: { edges: Array<{ node: { id: string; position: number } }> } }>(unit, LINES, { id: app.id });
  return { unit, app, lineIds: lines.resourceLines.edges.map((edge) => edge.node.id) };
}

beforeAll(async () => {
  stack = await startStack({ seed: true });
});
afterAll(async () => {
  await stack?.stop();
});

describe('CATALOG_CAP: a resource line is priced on the application’s own provider’s catalog (第八条)', () => {
  it('refuses another provider’s entry in the draft, where the lines can still be fixed, and a price of zero at procurement', async () => {
    const system = freshCountySystems()[0]!;
    const own = stack.world.basicCatalog.find((entry) => entry.providerId === system.providerId)!;
    const foreign = stack.world.basicCatalog.find((entry) => entry.providerId !== system.providerId)!;
    const rule = { code: 'RULE_VIOLATION', rule: 'CATALOG_CAP', article: '第八条' };

    // Another provider's entry: its cap is no price of this provider. Refused while the draft is
    // editable, not first at procurement, when the lines are locked and it could never be procured.
    const unitToken = await stack.token({ role: 'USER_UNIT', unit: system.unitId, region: COUNTY });
    const draft = await ok<App>(unitToken, CREATE, { input: { systemId: system.id, kind: 'NEW', providerId: system.providerId } });
    const mixedLines = [
      { catalogEntryId: own.id, quantity: 2 },
      { catalogEntryId: foreign.id, quantity: 1 },
    ];
    await refused(
      unitToken,
      draft,
      UPDATE_DRAFT,
      { id: draft.id, version: draft.version, input: { resourceLines: mixedLines } },
      rule,
      '第 2 行的目录条目属于其他服务商',
    );

    // A price of zero on the provider's own entry: no price at all.
    // The draft above stays open on its system (one open application at a time): another of the unit's.
    const { unit, app, lineIds } = await accepted(await registerSystemLike(stack, system, '目录核对测试系统'), [
      { catalogEntryId: own.id, quantity: 2 },
    ]);
    const zero = { id: app.id, version: app.version, prices: [{ lineId: lineIds[0], concludedPrice: '0.00' }] };
    await refused(unit, app, PROCURE, zero, rule, '须大于 0');
  });
});

describe('SUPPLEMENTARY_FILED: a filed supplementary entry is procured, a pending one is refused (第八条)', () => {
  it('refuses the pending entry with its rule id, and procures once the bureau has filed it', async () => {
    const { world } = stack;
    const like = freshCountySystems().find(
      (candidate) =>
        world.supplementaryCatalog.some((entry) => entry.providerId === candidate.providerId && entry.filingStatus === 'FILED') &&
        world.supplementaryCatalog.some((entry) => entry.providerId === candidate.providerId && entry.filingStatus === 'PENDING'),
    )!;
    const system = await registerSystemLike(stack, like, '补充目录测试系统');
    const own = world.basicCatalog.find((entry) => entry.providerId === system.providerId)!;
    const ofProvider = (status: string) =>
      world.supplementaryCatalog.find((entry) => entry.providerId === system.providerId && entry.filingStatus === status)!;
    const filed = ofProvider('FILED');
    const pending = ofProvider('PENDING');
    const { unit, app, lineIds } = await accepted(system, [
      { catalogEntryId: own.id, quantity: 1 },
      { catalogEntryId: filed.id, quantity: 1 },
      { catalogEntryId: pending.id, quantity: 1 },
    ]);
    const prices = (version: number) => ({
      id: app.id,
      version,
      prices: [
        { lineId: lineIds[0], concludedPrice: own.priceCapYuan },
        { lineId: lineIds[1], concludedPrice: filed.listedPriceYuan },
        { lineId: lineIds[2], concludedPrice: pending.listedPriceYuan },
      ],
    });
    await refused(
      unit,
      app,
      PROCURE,
      prices(app.version),
      { code: 'RULE_VIOLATION', rule: 'SUPPLEMENTARY_FILED', article: '第八条' },
      pending.code,
    );

    // The bureau files it in the providers subgraph; applications hears of it through its worker.
    const bureau = await stack.token({ role: 'BUREAU' });
    await ok(bureau, `mutation($id: ID!) { fileSupplementaryEntry(id: $id) { id filingStatus } }`, { id: pending.id });
    const started = Date.now();
    let body = await stack.query<{ recordProcurement: App }>(unit, PROCURE, prices(app.version));
    while (body.errors?.[0]?.extensions?.['rule'] === 'SUPPLEMENTARY_FILED' && Date.now() - started < 20_000) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      body = await stack.query<{ recordProcurement: App }>(unit, PROCURE, prices(app.version));
    }
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    expect(body.data!.recordProcurement.status).toBe('PROCURED');

    // Each line's entry resolves as what it is: the basic one with its cap, the supplementary ones with their filing.
    const entries = await ok<{ resourceLines: { edges: Array<{ node: { catalogEntry: Record<string, unknown> } }> } }>(
      unit,
      `query($id: ID!) { application(id: $id) { resourceLines { edges { node { catalogEntry {
        __typename id listedPriceYuan usable
        ... on BasicCatalogEntry { priceCapYuan }
        ... on SupplementaryCatalogEntry { code filingStatus }
      } } } } } }`,
      { id: app.id },
    );
    expect(entries.resourceLines.edges.map((edge) => edge.node.catalogEntry)).toEqual([
      { __typename: 'BasicCatalogEntry', id: own.id, listedPriceYuan: own.listedPriceYuan, usable: true, priceCapYuan: own.priceCapYuan },
      {
        __typename: 'SupplementaryCatalogEntry',
        id: filed.id,
        listedPriceYuan: filed.listedPriceYuan,
        usable: true,
        code: filed.code,
        filingStatus: 'FILED',
      },
      {
        __typename: 'SupplementaryCatalogEntry',
        id: pending.id,
        listedPriceYuan: pending.listedPriceYuan,
        usable: true,
        code: pending.code,
        filingStatus: 'FILED',
      },
    ]);
  });
});

describe('CAP_LOWERS: the bureau raises a cap only as the first cap of a new agreement period (第八条、第九条)', () => {
  it('refuses a raise without the new agreement, lets the first cap of the period through with its reason, then refuses a second', async () => {
    const { world } = stack;
    const bureau = await stack.token({ role: 'BUREAU' });
    const entry = world.basicCatalog.find(
      (candidate) =>
        candidate.serviceItemCode === 'EVS-SSD' &&
        world.agreements.some((a) => a.providerId === candidate.providerId && a.regionCode === '371600' && a.status === 'ACTIVE'),
    )!;
    const agreement = world.agreements.find(
      (a) => a.providerId === entry.providerId && a.regionCode === '371600' && a.status === 'ACTIVE',
    )!;
    const SET_CAP = `mutation($id: ID!, $cap: String!, $agreement: String) {
      setPriceCap(entryId: $id, capYuan: $cap, reason: "协议期满重新采购", newAgreementNumber: $agreement) {
        priceCapYuan capHistory(first: 100) { edges { node { source sourceReference previousCapYuan newCapYuan reason } } } } }`;
    const CAP = `query($id: ID!) { catalogEntry(id: $id) { ... on BasicCatalogEntry { priceCapYuan } } }`;
    const capNow = async () => (await ok<{ priceCapYuan: string }>(bureau, CAP, { id: entry.id })).priceCapYuan;
    const higher = (Number(entry.priceCapYuan) + 30).toFixed(2);
    const rule = { code: 'RULE_VIOLATION', rule: 'CAP_LOWERS', article: '第八条' };

    const plain = await stack.query(bureau, SET_CAP, { id: entry.id, cap: higher, agreement: null });
    expect(plain.errors?.[0]?.extensions).toMatchObject(rule);
    expect(await capNow()).toBe(entry.priceCapYuan);

    const first = await ok<{ priceCapYuan: string; capHistory: { edges: Array<{ node: Record<string, string | null> }> } }>(
      bureau,
      SET_CAP,
      { id: entry.id, cap: higher, agreement: agreement.number },
    );
    expect(first.priceCapYuan).toBe(higher);
    expect(first.capHistory.edges.at(-1)!.node).toEqual({
      source: 'INITIAL_AGREEMENT',
      sourceReference: agreement.number,
      previousCapYuan: entry.priceCapYuan,
      newCapYuan: higher,
      reason: '协议期满重新采购',
    });

    const again = await stack.query(bureau, SET_CAP, { id: entry.id, cap: (Number(higher) + 30).toFixed(2), agreement: agreement.number });
    expect(again.errors?.[0]?.extensions).toMatchObject(rule);
    expect(await capNow()).toBe(higher);
  });
});

describe('CATALOG_CAP: a price a stale copy of the caps let through is refused by providers and marked (第八条)', () => {
  it('marks the application, lists it for the unit and the bureau, and clears when the unit renegotiates within the cap', async () => {
    const { world } = stack;
    const system = freshCountySystems().at(-1)!;
    const entries = world.basicCatalog.filter((entry) => entry.providerId === system.providerId && entry.serviceItemCode !== 'EVS-SSD');
    const entry = entries[1] ?? entries[0]!;
    const { unit, app, lineIds } = await accepted(system, [{ catalogEntryId: entry.id, quantity: 1 }]);
    const bureau = await stack.token({ role: 'BUREAU' });
    const yuan = (delta: number) => (Number(entry.priceCapYuan) + delta).toFixed(2);
    const MARK = `query($id: ID!) { application(id: $id) { version status priceAboveCapSince
      resourceLines { edges { node { concludedPrice priceCapInForce } } } } }`;
    interface Marked {
      version: number;
      status: string;
      priceAboveCapSince: string | null;
      resourceLines: { edges: Array<{ node: { concludedPrice: string; priceCapInForce: string | null } }> };
    }
    const todoOf = async (token: string, kind: string) => {
      const body = await ok<{ edges: Array<{ node: { rule: string; application: { id: string } | null } }> }>(
        token,
        `query($kind: TodoKind) { todoItems(kind: $kind, first: 100) { edges { node { rule application { id } } } } }`,
        { kind },
      );
      return body.edges.map((edge) => edge.node).filter((node) => node.application?.id === app.id);
    };

    await withStaleReplica(entry.id, async () => {
      await procureOne(unit, app, lineIds[0]!, yuan(100));

      // Providers refuses the lowering as above the cap in force; applications hears it and marks the application.
      const marked = await untilMarked<Marked>(unit, MARK, app.id);
      expect(marked!.priceAboveCapSince).not.toBeNull();
      expect(marked!.status).toBe('PROCURED');
      expect(marked!.resourceLines.edges[0]!.node).toEqual({ concludedPrice: yuan(100), priceCapInForce: entry.priceCapYuan });
      expect(await todoOf(unit, 'RENEGOTIATE_PRICE')).toEqual([{ rule: 'CATALOG_CAP', application: { id: app.id } }]);
      expect(await todoOf(bureau, 'NOTE_PRICE_ABOVE_CAP')).toEqual([{ rule: 'CATALOG_CAP', application: { id: app.id } }]);

      const RENEGOTIATE = transition('renegotiateResourceLinePrice', { price: 'ConcludedPriceInput!' });
      const current = { ...app, status: 'PROCURED', version: marked!.version };
      await refused(
        unit,
        current,
        RENEGOTIATE,
        { id: app.id, version: marked!.version, price: { lineId: lineIds[0], concludedPrice: yuan(50) } },
        { code: 'RULE_VIOLATION', rule: 'CATALOG_CAP', article: '第八条' },
        entry.priceCapYuan,
      );
      const renegotiated = await ok(unit, RENEGOTIATE, {
        id: app.id,
        version: marked!.version,
        price: { lineId: lineIds[0], concludedPrice: entry.priceCapYuan },
      });
      expect(renegotiated.status).toBe('PROCURED');
      const cleared = await ok<Marked>(unit, MARK, { id: app.id });
      expect(cleared.priceAboveCapSince).toBeNull();
      expect(cleared.resourceLines.edges[0]!.node).toEqual({ concludedPrice: entry.priceCapYuan, priceCapInForce: null });
      expect(await todoOf(unit, 'RENEGOTIATE_PRICE')).toEqual([]);
      expect(await todoOf(bureau, 'NOTE_PRICE_ABOVE_CAP')).toEqual([]);
    });
  });

  it('checks a price concluded at exactly the stale cap too: above the cap in force, it is marked', async () => {
    const { world } = stack;
    const system = await registerSystemLike(stack, freshCountySystems().at(-2)!, '过期副本测试系统');
    const entries = world.basicCatalog.filter((entry) => entry.providerId === system.providerId && entry.serviceItemCode !== 'EVS-SSD');
    const entry = entries[2] ?? entries[0]!;
    const { unit, app, lineIds } = await accepted(system, [{ catalogEntryId: entry.id, quantity: 1 }]);
    const staleCap = (Number(entry.priceCapYuan) + 200).toFixed(2);
    await withStaleReplica(entry.id, async () => {
      // Equal to the replica's cap, so nothing would be lowered; still above the cap providers holds.
      await procureOne(unit, app, lineIds[0]!, staleCap);
      const MARK = `query($id: ID!) { application(id: $id) { priceAboveCapSince resourceLines { edges { node { concludedPrice priceCapInForce } } } } }`;
      const marked = await untilMarked<{ priceAboveCapSince: string | null; resourceLines: { edges: Array<{ node: object }> } }>(
        unit,
        MARK,
        app.id,
      );
      expect(marked.priceAboveCapSince).not.toBeNull();
      expect(marked.resourceLines.edges[0]!.node).toEqual({ concludedPrice: staleCap, priceCapInForce: entry.priceCapYuan });
    });
  });
});
