// CHANGE_APPROVAL (第十五条) with resource lines: a change carries added, removed and resized lines
// priced on the provider's own catalog (CATALOG_CAP, 第八条), checked before any write; only an
// approved change is carried out, not before its approval day, by the provider or the centre; its
// lines then take effect from the date (resourceLineHistory).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../../subgraphs/kit/principal';
import { startSubgraphForTest, type GraphQLResult, type SubgraphForTest } from '../../setup/subgraph';
import { bureau, providerPrincipal, userUnit, world } from '../../setup/principals';
import { center, expectRefused, expectRefusedUnchanged } from './lifecycle-helpers';
import { jobsOf } from '../effects/helpers';
import { LOWER_CAP_TASK } from '../../../subgraphs/contracts/cap-lowerings';

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('applications', { seed: true });
});

afterAll(async () => {
  await subgraph?.stop();
});

// In production since 2025-05-07; today is 2026-11-26 in tests.
const APPLICATION = world.applications.find((application) => application.code === 'A-2025-0029')!;
const unit = userUnit(world.units.find((candidate) => candidate.id === APPLICATION.unitId)!);
const provider = providerPrincipal(world.providers.find((candidate) => candidate.id === APPLICATION.providerId)!);
const otherProvider = providerPrincipal(world.providers.find((candidate) => candidate.id !== APPLICATION.providerId)!);

interface Line {
  id: string;
  position: number;
  quantity: number;
  quantityMax: number;
  concludedPrice: string | null;
  effectiveFrom: string | null;
  effectiveUntil: string | null;
  catalogEntry: { id: string };
  changeRequest: { id: string } | null;
}
const LINE = `id position quantity quantityMax concludedPrice effectiveFrom effectiveUntil catalogEntry { id } changeRequest { id }`;
const READ = `query($id: ID!) { application(id: $id) { version
  resourceLines(first: 100) { edges { node { ${LINE} } } }
  resourceLineHistory(first: 100) { totalCount edges { node { ${LINE} } } }
  changeRequests(first: 100) { edges { node { id status decidedOn carriedOutOn carriedOutBy
    lines { totalCount edges { node { position kind quantity quantityMax concludedPrice resourceLine { id } catalogEntry { id } } } } } } }
} }`;
interface Read {
  version: number;
  resourceLines: { edges: Array<{ node: Line }> };
  resourceLineHistory: { totalCount: number; edges: Array<{ node: Line }> };
  changeRequests: {
    edges: Array<{
      node: {
        id: string;
        status: string;
        decidedOn: string | null;
        carriedOutOn: string | null;
        carriedOutBy: string | null;
        lines: {
          totalCount: number;
          edges: Array<{ node: { kind: string; quantity: number | null; resourceLine: { id: string } | null } }>;
        };
      };
    }>;
  };
}

async function read(principal: Principal = unit): Promise<Read> {
  const result = await subgraph.query<{ application: Read }>(principal, READ, { id: APPLICATION.id });
  expect(result.errors).toBeUndefined();
  return result.data!.application;
}

const REQUEST = `mutation($id: ID!, $version: Int!, $description: String!, $lines: [ChangeLineInput!]) {
  requestChange(id: $id, version: $version, description: $description, lines: $lines) { id version } }`;
const APPROVE = `mutation($changeRequestId: ID!, $version: Int!) { approveChange(changeRequestId: $changeRequestId, version: $version) { version } }`;
const CARRY_OUT = `mutation($changeRequestId: ID!, $version: Int!, $effectiveOn: Date!) {
  carryOutChange(changeRequestId: $changeRequestId, version: $version, effectiveOn: $effectiveOn) { version } }`;

async function request(description: string, lines?: unknown[]): Promise<GraphQLResult> {
  const { version } = await read();
  return subgraph.query(unit, REQUEST, { id: APPLICATION.id, version, description, lines });
}

/** A change requested (its lines valid), and its id. */
async function requested(description: string, lines?: unknown[]): Promise<string> {
  const seeded = new Set((await read()).changeRequests.edges.map((edge) => edge.node.id));
  const result = await request(description, lines);
  expect(result.errors).toBeUndefined();
  const changes = (await read()).changeRequests.edges.map((edge) => edge.node);
  return changes.find((change) => !seeded.has(change.id))!.id;
}

async function approve(changeRequestId: string): Promise<void> {
  const { version } = await read();
  expect((await subgraph.query(bureau, APPROVE, { changeRequestId, version })).errors).toBeUndefined();
}

async function carryOut(principal: Principal, changeRequestId: string, effectiveOn: string): Promise<GraphQLResult> {
  const { version } = await read();
  return subgraph.query(principal, CARRY_OUT, { changeRequestId, version, effectiveOn });
}

/** A basic-catalog entry of `providerId` with its cap, from the replica. */
async function entryOf(providerId: string): Promise<{ id: string; capYuan: string }> {
  const [row] = await subgraph.dataSource.query(
    `SELECT entry_id AS id, (cap_fen / 100.0)::numeric(12,2)::text AS "capYuan" FROM "applications"."catalog_cap" WHERE provider_id = $1 ORDER BY entry_id LIMIT 1`,
    [providerId],
  );
  return row;
}

const changeRows = async () =>
  (await subgraph.dataSource.query(`SELECT count(*)::int AS n FROM "applications"."change_request_line"`))[0].n as number;

describe('CHANGE_APPROVAL: a change carries resource lines (第十五条)', () => {
  it('refuses another provider’s catalog entry (CATALOG_CAP), writing nothing', async () => {
    const other = await entryOf(otherProvider.providerId!);
    const before = await changeRows();
    await expectRefusedUnchanged(
      subgraph,
      APPLICATION.id,
      () => request('扩容：增加云主机', [{ kind: 'ADD', catalogEntryId: other.id, quantity: 1, concludedPrice: '1.00' }]),
      'RULE_VIOLATION',
      'CATALOG_CAP',
      '第八条',
    );
    expect(await changeRows()).toBe(before);
  });

  it('refuses a price above the cap in force, and a zero price (CATALOG_CAP)', async () => {
    const own = await entryOf(APPLICATION.providerId);
    const above = (Number(own.capYuan) + 0.01).toFixed(2);
    await expectRefusedUnchanged(
      subgraph,
      APPLICATION.id,
      () => request('扩容：增加资源', [{ kind: 'ADD', catalogEntryId: own.id, quantity: 1, concludedPrice: above }]),
      'RULE_VIOLATION',
      'CATALOG_CAP',
      '第八条',
    );
    await expectRefusedUnchanged(
      subgraph,
      APPLICATION.id,
      () => request('扩容：增加资源', [{ kind: 'ADD', catalogEntryId: own.id, quantity: 1, concludedPrice: '0.00' }]),
      'RULE_VIOLATION',
      'CATALOG_CAP',
      '第八条',
    );
  });

  it('refuses a line that is not in force on the application (BAD_USER_INPUT)', async () => {
    const foreign = world.applications.find((application) => application.code === 'A-2025-0030')!;
    const [{ id }] = await subgraph.dataSource.query(
      `SELECT id FROM "applications"."application_resource_line" WHERE application_id = $1 LIMIT 1`,
      [foreign.id],
    );
    expectRefused(await request('删除', [{ kind: 'REMOVE', resourceLineId: id }]), 'BAD_USER_INPUT');
  });

  it('carries out an approved change from its date: resized and added versions start, the old one ends the day before', async () => {
    const before = await read();
    const target = before.resourceLines.edges[0]!.node;
    const own = await entryOf(APPLICATION.providerId);
    const changeId = await requested('扩容：第一行数量加倍，新增一项资源', [
      { kind: 'RESIZE', resourceLineId: target.id, quantity: target.quantity * 2, quantityMax: target.quantityMax * 2 },
      { kind: 'ADD', catalogEntryId: own.id, quantity: 2, concludedPrice: own.capYuan },
    ]);

    // CHANGE_APPROVAL: a pending change is not carried out.
    await expectRefusedUnchanged(
      subgraph,
      APPLICATION.id,
      () => carryOut(provider, changeId, '2026-12-01'),
      'RULE_VIOLATION',
      'CHANGE_APPROVAL',
      '第十五条',
    );
    await approve(changeId);
    // Not before the approval day (2026-11-26), not by the unit, not by another provider (it does not see it).
    await expectRefusedUnchanged(
      subgraph,
      APPLICATION.id,
      () => carryOut(provider, changeId, '2026-11-25'),
      'RULE_VIOLATION',
      'CHANGE_APPROVAL',
      '第十五条',
    );
    expectRefused(await carryOut(unit, changeId, '2026-12-01'), 'FORBIDDEN');
    expectRefused(await carryOut(otherProvider, changeId, '2026-12-01'), 'NOT_FOUND');

    expect((await carryOut(provider, changeId, '2026-11-26')).errors).toBeUndefined();
    const after = await read();
    const change = after.changeRequests.edges.find((edge) => edge.node.id === changeId)!.node;
    expect(change).toMatchObject({
      status: 'CARRIED_OUT',
      decidedOn: '2026-11-26',
      carriedOutOn: '2026-11-26',
      carriedOutBy: provider.subject,
    });
    expect(change.lines.totalCount).toBe(2);
    expect(change.lines.edges.map((edge) => [edge.node.kind, edge.node.resourceLine?.id ?? null])).toEqual([
      ['RESIZE', target.id],
      ['ADD', null],
    ]);

    const history = after.resourceLineHistory.edges.map((edge) => edge.node);
    expect(after.resourceLineHistory.totalCount).toBe(before.resourceLineHistory.totalCount + 2);
    expect(history.find((line) => line.id === target.id)).toMatchObject({ effectiveUntil: '2026-11-25' });
    const resized = history.find((line) => line.position === target.position && line.effectiveFrom === '2026-11-26')!;
    expect(resized).toMatchObject({
      quantity: target.quantity * 2,
      concludedPrice: target.concludedPrice,
      changeRequest: { id: changeId },
    });
    const inForce = after.resourceLines.edges.map((edge) => edge.node);
    expect(inForce.map((line) => line.id)).not.toContain(target.id);
    expect(inForce.map((line) => line.id)).toContain(resized.id);
    expect(inForce.find((line) => line.catalogEntry.id === own.id && line.changeRequest?.id === changeId)).toMatchObject({
      quantity: 2,
      concludedPrice: own.capYuan,
      effectiveFrom: '2026-11-26',
    });

    // CAP_LOWERS for the added line under the change's own procurement reference: under the
    // application's number the providers subgraph took it for the first procurement again, at another price.
    expect((await jobsOf(subgraph.dataSource, LOWER_CAP_TASK)).map((job) => job.payload)).toContainEqual(
      expect.objectContaining({ entryId: own.id, procurementReference: `${APPLICATION.code}/${changeId}` }),
    );

    // Once only.
    expectRefused(await carryOut(center, changeId, '2026-12-01'), 'RULE_VIOLATION', 'CHANGE_APPROVAL', '第十五条');
  });

  it('a change with no lines is approved and marked carried out, its resources unchanged', async () => {
    const before = await read();
    const changeId = await requested('变更系统管理员联系方式');
    await approve(changeId);
    expect((await carryOut(center, changeId, '2026-12-15')).errors).toBeUndefined();
    const after = await read();
    expect(after.changeRequests.edges.find((edge) => edge.node.id === changeId)!.node).toMatchObject({
      status: 'CARRIED_OUT',
      carriedOutOn: '2026-12-15',
      lines: { totalCount: 0 },
    });
    expect(after.resourceLineHistory).toEqual(before.resourceLineHistory);
  });

  it('two approved changes of one line: the first carried out wins, the second is refused, so no day has two versions (or two bills)', async () => {
    const current = (await read()).resourceLineHistory.edges
      .map((edge) => edge.node)
      .find((line) => line.effectiveUntil === null && (line.effectiveFrom === null || line.effectiveFrom <= '2026-11-26'))!;
    const resize = (by: number) => [
      { kind: 'RESIZE', resourceLineId: current.id, quantity: current.quantity + by, quantityMax: current.quantityMax + by },
    ];
    const first = await requested('扩容：加 1', resize(1));
    const second = await requested('扩容：加 2', resize(2));
    await approve(first);
    await approve(second);
    expect((await carryOut(provider, first, '2026-12-08')).errors).toBeUndefined();
    await expectRefusedUnchanged(
      subgraph,
      APPLICATION.id,
      () => carryOut(provider, second, '2026-12-07'),
      'RULE_VIOLATION',
      'CHANGE_APPROVAL',
      '第十五条',
    );
    const versions = (await read()).resourceLineHistory.edges.map((edge) => edge.node).filter((line) => line.position === current.position);
    expect(versions.filter((line) => line.effectiveUntil === null)).toEqual([
      expect.objectContaining({ quantity: current.quantity + 1, effectiveFrom: '2026-12-08' }),
    ]);
  });

  it('the second, overtaken, is withdrawn by its unit (not by a provider) and ends: never carried out, off the to-do lists', async () => {
    const approved = (await read()).changeRequests.edges.map((edge) => edge.node).filter((change) => change.status === 'APPROVED');
    // The last approved: 扩容：加 2, overtaken by 加 1 in the test before.
    const overtaken = approved.at(-1)!.id;
    const WITHDRAW = `mutation($changeRequestId: ID!, $version: Int!, $reason: String!) {
      withdrawChange(changeRequestId: $changeRequestId, version: $version, reason: $reason) { version }
    }`;
    const withdraw = async (principal: Principal, changeRequestId: string) =>
      subgraph.query(principal, WITHDRAW, { changeRequestId, version: (await read()).version, reason: '已被另一项扩容取代' });
    await expectRefusedUnchanged(subgraph, APPLICATION.id, () => withdraw(provider, overtaken), 'FORBIDDEN');
    expect((await withdraw(unit, overtaken)).errors).toBeUndefined();
    const after = (await read()).changeRequests.edges.map((edge) => edge.node);
    expect(after.find((change) => change.id === overtaken)!.status).toBe('WITHDRAWN');
    // Ended: neither withdrawn again nor carried out, and no longer anyone's to do.
    await expectRefusedUnchanged(
      subgraph,
      APPLICATION.id,
      () => withdraw(unit, overtaken),
      'RULE_VIOLATION',
      'CHANGE_APPROVAL',
      '第十五条',
    );
    await expectRefusedUnchanged(
      subgraph,
      APPLICATION.id,
      () => carryOut(provider, overtaken, '2026-12-09'),
      'RULE_VIOLATION',
      'CHANGE_APPROVAL',
      '第十五条',
    );
    const carried = after.find((change) => change.status === 'CARRIED_OUT')!;
    await expectRefusedUnchanged(
      subgraph,
      APPLICATION.id,
      () => withdraw(unit, carried.id),
      'RULE_VIOLATION',
      'CHANGE_APPROVAL',
      '第十五条',
    );
    const todo = await subgraph.query<{ todoItems: { edges: Array<{ node: { id: string } }> } }>(
      provider,
      `{ todoItems(first: 100, kind: CARRY_OUT_CHANGE) { edges { node { id } } } }`,
    );
    expect(todo.data!.todoItems.edges.map((edge) => edge.node.id)).not.toContain(`CARRY_OUT_CHANGE:${overtaken}`);
  });

  it('refuses a resize to the quantities in force with no new price, or the same one: it changes nothing (BAD_USER_INPUT)', async () => {
    const current = (await read()).resourceLineHistory.edges
      .map((edge) => edge.node)
      .find((line) => line.effectiveUntil === null && (line.effectiveFrom === null || line.effectiveFrom <= '2026-11-26'))!;
    const noop = [{ kind: 'RESIZE', resourceLineId: current.id, quantity: current.quantity, quantityMax: current.quantityMax }];
    await expectRefusedUnchanged(subgraph, APPLICATION.id, () => request('原样调整', noop), 'BAD_USER_INPUT');
    // Nor at the price already in force.
    const samePrice = [{ ...noop[0], concludedPrice: current.concludedPrice }];
    expect(current.concludedPrice).not.toBeNull();
    await expectRefusedUnchanged(subgraph, APPLICATION.id, () => request('原价原样调整', samePrice), 'BAD_USER_INPUT');
  });
});
