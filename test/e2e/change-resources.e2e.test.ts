// ACCEPTANCE (CHANGE_APPROVAL, 第十五条; SETTLEMENT_JAN5, 第十六条), through the gateway from a seeded
// stack: an approved scale-up carried out on a date shows in the application's resources from that
// date and in its history, and the year's settlement bills the old quantity up to the day before and
// the new one from the date; the bureau's reclaim order, approved and carried out, ends every line and
// reduces the next settlement. Amounts are computed from the settlement rule, not written down.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { lineAmountFen } from '../../subgraphs/applications/settlement/settlement.rules';
import { daysBetween } from '../../subgraphs/kit/dates';
import { yuanToFen } from '../../subgraphs/kit/money';
import { waitFor } from '../integration/effects/helpers';
import { startStack, type Stack } from '../setup/stack';

let stack: Stack;
const TODAY = '2026-11-26';
const EFFECTIVE_ON = '2026-12-01';
const NEXT_YEAR = '2027-01-04';

beforeAll(async () => {
  stack = await startStack({ seed: true });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});
afterEach(() => {
  process.env.GOVCLOUD_TODAY = TODAY;
});

interface Line {
  id: string;
  position: number;
  quantity: number;
  quantityMax: number;
  effectiveFrom: string | null;
  effectiveUntil: string | null;
  changeRequest: { id: string } | null;
}
const LINE = `id position quantity quantityMax effectiveFrom effectiveUntil changeRequest { id }`;
const APPLICATION = `query($id: ID!) { application(id: $id) { id number version
  resourceLines(first: 100) { edges { node { ${LINE} } } }
  resourceLineHistory(first: 100) { edges { node { ${LINE} } } }
  changeRequests(first: 100) { edges { node { id status origin utilisationOrderId carriedOutOn lines { totalCount edges { node { kind quantity } } } } } }
} }`;
interface ApplicationView {
  id: string;
  number: string;
  version: number;
  resourceLines: { edges: Array<{ node: Line }> };
  resourceLineHistory: { edges: Array<{ node: Line }> };
  changeRequests: {
    edges: Array<{
      node: {
        id: string;
        status: string;
        origin: string;
        utilisationOrderId: string | null;
        carriedOutOn: string | null;
        lines: { totalCount: number; edges: Array<{ node: { kind: string; quantity: number | null } }> };
      };
    }>;
  };
}

async function view(token: string, id: string): Promise<ApplicationView> {
  const result = await stack.query<{ application: ApplicationView }>(token, APPLICATION, { id });
  expect(result.errors).toBeUndefined();
  return result.data!.application;
}

const nodes = <T>(connection: { edges: Array<{ node: T }> }) => connection.edges.map((edge) => edge.node);

async function ok<T>(token: string, query: string, variables: Record<string, unknown>): Promise<T> {
  const result = await stack.query<T>(token, query, variables);
  expect(result.errors).toBeUndefined();
  return result.data!;
}

const APPROVE = `mutation($changeRequestId: ID!, $version: Int!) { approveChange(changeRequestId: $changeRequestId, version: $version) { version } }`;
const CARRY_OUT = `mutation($changeRequestId: ID!, $version: Int!, $effectiveOn: Date!) {
  carryOutChange(changeRequestId: $changeRequestId, version: $version, effectiveOn: $effectiveOn) { version } }`;

interface SettlementLine {
  applicationNumber: string;
  position: number;
  unitPrice: string;
  billedQuantity: number;
  serviceFrom: string;
  serviceUntil: string;
  daysInService: number;
  daysInYear: number;
  utilisationFactor: string;
  amount: string;
}
const SETTLEMENT_LINE = `applicationNumber position unitPrice billedQuantity serviceFrom serviceUntil daysInService daysInYear utilisationFactor amount`;

/** Settles 2026 for the level (the clock in 2027) and gives back the application's lines. */
async function settle2026(token: string, regionCode: string, applicationNumber: string): Promise<SettlementLine[]> {
  const created = await ok<{ createSettlement: { id: string } }>(
    token,
    `mutation($input: CreateSettlementInput!) { createSettlement(input: $input) { id } }`,
    { input: { year: 2026, regionCode } },
  );
  const lines: SettlementLine[] = [];
  let after: string | null = null;
  for (;;) {
    const page: {
      settlement: { lines: { pageInfo: { hasNextPage: boolean; endCursor: string }; edges: Array<{ node: SettlementLine }> } };
    } = await ok(
      token,
      `query($id: ID!, $after: String) { settlement(id: $id) { lines(first: 100, after: $after) {
          pageInfo { hasNextPage endCursor } edges { node { ${SETTLEMENT_LINE} } } } } }`,
      { id: created.createSettlement.id, after },
    );
    lines.push(...nodes(page.settlement.lines));
    if (!page.settlement.lines.pageInfo.hasNextPage) break;
    after = page.settlement.lines.pageInfo.endCursor;
  }
  return lines.filter((line) => line.applicationNumber === applicationNumber);
}

/** What the rule bills for a line over `days` of 2026. */
function billed(line: SettlementLine, quantity: number, days: number): number {
  return lineAmountFen({
    unitPriceFen: yuanToFen(line.unitPrice)!,
    quantity,
    days,
    daysInYear: 365,
    factorPermille: Math.round(Number(line.utilisationFactor) * 1000),
  });
}

describe('an approved change changes the resources (第十五条, CHANGE_APPROVAL)', () => {
  it('a scale-up carried out on a date shows from that date and is billed from it, the old quantity up to the day before', async () => {
    const app = stack.world.applications.find((application) => application.code === 'A-2025-0030')!;
    const unit = await stack.token({ role: 'USER_UNIT', unit: app.unitId, region: app.regionCode });
    const provider = await stack.token({ role: 'PROVIDER', provider: app.providerId });
    const bureau = await stack.token({ role: 'BUREAU' });

    const before = await view(unit, app.id);
    const target = nodes(before.resourceLines)[0]!;
    const requested = await ok<{ requestChange: { version: number } }>(
      unit,
      `mutation($id: ID!, $version: Int!, $description: String!, $lines: [ChangeLineInput!]) {
        requestChange(id: $id, version: $version, description: $description, lines: $lines) { version } }`,
      {
        id: app.id,
        version: before.version,
        description: '业务量增长，第一行资源扩容一倍',
        lines: [{ kind: 'RESIZE', resourceLineId: target.id, quantity: target.quantity * 2, quantityMax: target.quantityMax * 2 }],
      },
    );
    // A second change of the same line, to three times, requested and approved as well.
    const second = await ok<{ requestChange: { version: number } }>(
      unit,
      `mutation($id: ID!, $version: Int!, $description: String!, $lines: [ChangeLineInput!]) {
        requestChange(id: $id, version: $version, description: $description, lines: $lines) { version } }`,
      {
        id: app.id,
        version: requested.requestChange.version,
        description: '第一行资源扩容至三倍',
        lines: [{ kind: 'RESIZE', resourceLineId: target.id, quantity: target.quantity * 3, quantityMax: target.quantityMax * 3 }],
      },
    );
    const seeded = new Set(nodes(before.changeRequests).map((each) => each.id));
    const added = nodes((await view(unit, app.id)).changeRequests).filter((each) => !seeded.has(each.id));
    const change = added.find((each) => nodes(each.lines)[0]!.quantity === target.quantity * 2)!;
    const other = added.find((each) => each.id !== change.id)!;
    expect(change.lines).toMatchObject({ totalCount: 1, edges: [{ node: { kind: 'RESIZE', quantity: target.quantity * 2 } }] });
    const approved = await ok<{ approveChange: { version: number } }>(bureau, APPROVE, {
      changeRequestId: change.id,
      version: second.requestChange.version,
    });
    const approvedOther = await ok<{ approveChange: { version: number } }>(bureau, APPROVE, {
      changeRequestId: other.id,
      version: approved.approveChange.version,
    });
    const carried = await ok<{ carryOutChange: { version: number } }>(provider, CARRY_OUT, {
      changeRequestId: change.id,
      version: approvedOther.approveChange.version,
      effectiveOn: EFFECTIVE_ON,
    });
    // The second acted on the version the first replaced: refused, so no day has two versions billed.
    const refused = await stack.query(provider, CARRY_OUT, {
      changeRequestId: other.id,
      version: carried.carryOutChange.version,
      effectiveOn: '2026-11-28',
    });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'CHANGE_APPROVAL', article: '第十五条' });

    // Today (2026-11-26) the old quantity is in force; the history has both versions.
    const today = await view(unit, app.id);
    expect(nodes(today.resourceLines).find((line) => line.position === target.position)).toMatchObject({
      id: target.id,
      quantity: target.quantity,
    });
    const versions = nodes(today.resourceLineHistory).filter((line) => line.position === target.position);
    expect(versions.map((line) => [line.effectiveFrom, line.effectiveUntil, line.quantity, line.changeRequest?.id ?? null])).toEqual([
      [null, '2026-11-30', target.quantity, null],
      [EFFECTIVE_ON, null, target.quantity * 2, change.id],
    ]);
    expect(nodes(today.changeRequests).find((each) => each.id === change.id)).toMatchObject({
      status: 'CARRIED_OUT',
      carriedOutOn: EFFECTIVE_ON,
    });

    // From the date on, the new quantity is what is in force.
    process.env.GOVCLOUD_TODAY = NEXT_YEAR;
    const later = await view(unit, app.id);
    expect(nodes(later.resourceLines).find((line) => line.position === target.position)).toMatchObject({ quantity: target.quantity * 2 });

    // The 2026 settlement of the county bills each version for its own days.
    const county = await stack.token({ role: 'COUNTY_AUTHORITY', region: app.regionCode });
    const lines = (await settle2026(county, app.regionCode, today.number)).filter((line) => line.position === target.position);
    const oldDays = daysBetween('2026-01-01', EFFECTIVE_ON);
    expect(lines.map((line) => [line.serviceFrom, line.serviceUntil, line.daysInService, line.billedQuantity])).toEqual([
      ['2026-01-01', '2026-11-30', oldDays, target.quantity],
      [EFFECTIVE_ON, '2026-12-31', 365 - oldDays, target.quantity * 2],
    ]);
    for (const line of lines) expect(yuanToFen(line.amount)).toBe(billed(line, line.billedQuantity, line.daysInService));
  });

  it("the bureau's reclaim order, approved and carried out, ends every line and reduces the next settlement", async () => {
    const system = stack.world.systems.find((candidate) => candidate.code === 'S-371600-009-01')!;
    const app = stack.world.applications.find(
      (application) => application.systemId === system.id && application.state === 'IN_PRODUCTION',
    )!;
    const bureau = await stack.token({ role: 'BUREAU' });
    const center = await stack.token({ role: 'CENTER' });
    const before = await view(bureau, app.id);
    const inForce = nodes(before.resourceLines);
    expect(inForce.length).toBeGreaterThan(0);

    const ordered = await ok<{ orderUtilisationChange: { id: string } }>(
      bureau,
      `mutation($input: OrderUtilisationChangeInput!) { orderUtilisationChange(input: $input) { id } }`,
      { input: { systemId: system.id, kind: 'RECLAIM', reason: '连续闲置，回收全部云资源' } },
    );
    const orderId = ordered.orderUtilisationChange.id;
    let change: ApplicationView['changeRequests']['edges'][number]['node'] | undefined;
    await waitFor('the reclaim change request', async () => {
      change = nodes((await view(bureau, app.id)).changeRequests).find((each) => each.utilisationOrderId === orderId);
      return change !== undefined;
    });
    expect(change).toMatchObject({ status: 'PENDING', origin: 'UTILISATION_ORDER', lines: { totalCount: inForce.length } });
    expect(nodes(change!.lines).every((line) => line.kind === 'REMOVE')).toBe(true);

    const approved = await ok<{ approveChange: { version: number } }>(bureau, APPROVE, {
      changeRequestId: change!.id,
      version: (await view(bureau, app.id)).version,
    });
    await ok(center, CARRY_OUT, { changeRequestId: change!.id, version: approved.approveChange.version, effectiveOn: EFFECTIVE_ON });

    process.env.GOVCLOUD_TODAY = NEXT_YEAR;
    expect(nodes((await view(bureau, app.id)).resourceLines)).toEqual([]);
    const lines = await settle2026(bureau, app.regionCode, before.number);
    expect(lines).toHaveLength(inForce.length);
    const oldDays = daysBetween('2026-01-01', EFFECTIVE_ON);
    let fullYear = 0;
    for (const line of lines) {
      expect(line).toMatchObject({ serviceFrom: '2026-01-01', serviceUntil: '2026-11-30', daysInService: oldDays });
      expect(yuanToFen(line.amount)).toBe(billed(line, line.billedQuantity, oldDays));
      fullYear += billed(line, line.billedQuantity, 365);
    }
    const settled = lines.reduce((total, line) => total + yuanToFen(line.amount)!, 0);
    expect(settled).toBeLessThan(fullYear);
  });
});

describe('a change not yet carried out is withdrawn (第十五条, CHANGE_APPROVAL)', () => {
  it('the unit withdraws an approved change: it leaves the provider’s list and can no longer be carried out', async () => {
    const app = stack.world.applications.find((application) => application.code === 'A-2025-0029')!;
    const unit = await stack.token({ role: 'USER_UNIT', unit: app.unitId, region: app.regionCode });
    const provider = await stack.token({ role: 'PROVIDER', provider: app.providerId });
    const bureau = await stack.token({ role: 'BUREAU' });
    const known = new Set(nodes((await view(unit, app.id)).changeRequests).map((change) => change.id));
    await ok(
      unit,
      `mutation($id: ID!, $version: Int!, $description: String!) { requestChange(id: $id, version: $version, description: $description) { version } }`,
      { id: app.id, version: (await view(unit, app.id)).version, description: '增加夜间备份窗口' },
    );
    const change = nodes((await view(unit, app.id)).changeRequests).find((candidate) => !known.has(candidate.id))!;
    await ok(bureau, APPROVE, { changeRequestId: change.id, version: (await view(unit, app.id)).version });
    const listed = async () =>
      nodes(
        (
          await ok<{ todoItems: { edges: Array<{ node: { id: string } }> } }>(
            provider,
            `{ todoItems(first: 100, kind: CARRY_OUT_CHANGE) { edges { node { id } } } }`,
            {},
          )
        ).todoItems,
      ).some((item) => item.id === `CARRY_OUT_CHANGE:${change.id}`);
    expect(await listed()).toBe(true);

    const withdrawn = await stack.query(
      unit,
      `mutation($changeRequestId: ID!, $version: Int!, $reason: String!) { withdrawChange(changeRequestId: $changeRequestId, version: $version, reason: $reason) { version } }`,
      { changeRequestId: change.id, version: (await view(unit, app.id)).version, reason: '备份窗口改由运维调整，无需变更' },
    );
    expect(withdrawn.errors).toBeUndefined();
    expect(nodes((await view(unit, app.id)).changeRequests).find((candidate) => candidate.id === change.id)!.status).toBe('WITHDRAWN');
    expect(await listed()).toBe(false);
    const refused = await stack.query(provider, CARRY_OUT, {
      changeRequestId: change.id,
      version: (await view(unit, app.id)).version,
      effectiveOn: TODAY,
    });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'CHANGE_APPROVAL', article: '第十五条' });
  });
});
