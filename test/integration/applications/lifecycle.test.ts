import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { yuanToFen, fenToYuan } from '../../../subgraphs/kit/money';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import { BINCHENG, bureau, countyAuthority, providerPrincipal, userUnit, world } from '../../setup/principals';
import {
  ALL_MATERIALS,
  center,
  countyCase,
  expectRefused,
  expectRefusedUnchanged,
  mutate,
  newSystemOf,
  stateOf,
  uploadTo,
  view,
} from './lifecycle-helpers';

let subgraph: SubgraphForTest;

beforeAll(async () => {
  // Providers answer DESIGNATED_PROVIDER; security answers SECURITY_AGREEMENT for the accept (the
  // county system already has a signed agreement with its provider).
  subgraph = await startSubgraphForTest('applications', { seed: true, alongside: ['providers', 'security'] });
});

afterAll(async () => {
  await subgraph?.stop();
});

const { unit, system, provider, entries, otherProvider } = countyCase();
const unitPrincipal = userUnit(unit);
const county = countyAuthority(BINCHENG);
const chosenProvider = providerPrincipal(provider);
const VERSIONED = 'id: $id, version: $version';

describe('application lifecycle through GraphQL (第十条–第十五条)', () => {
  it('takes a county unit’s application from draft to terminated; every wrong step is refused and changes nothing', async () => {
    const created = await mutate(subgraph, unitPrincipal, 'createApplication', 'input: $create', {
      create: { systemId: system.id, kind: 'NEW' },
    });
    expect(created.errors).toBeUndefined();
    const id = created.data!.createApplication!.id;
    let version = created.data!.createApplication!.version;
    expect(created.data!.createApplication).toMatchObject({ status: 'DRAFT', version: 1 });
    const act = async (principal: Parameters<typeof mutate>[1], field: string, extra = '', variables: Record<string, unknown> = {}) => {
      const result = await mutate(subgraph, principal, field, `${VERSIONED}${extra}`, { id, version, ...variables });
      expect(result.errors, field).toBeUndefined();
      version = result.data![field]!.version;
      return result.data![field]!;
    };
    const attempt =
      (principal: Parameters<typeof mutate>[1], field: string, extra = '', variables: Record<string, unknown> = {}) =>
      () =>
        mutate(subgraph, principal, field, `${VERSIONED}${extra}`, { id, version, ...variables });

    // MATERIALS: nothing yet, then three of four uploaded files.
    await expectRefusedUnchanged(subgraph, id, attempt(unitPrincipal, 'submitApplication'), 'RULE_VIOLATION', 'MATERIALS', '第十一条');
    await act(unitPrincipal, 'updateApplicationDraft', ', input: $input', {
      input: {
        resourceLines: [
          { catalogEntryId: entries[0]!.id, quantity: 2 },
          { catalogEntryId: entries[1]!.id, quantity: 100, quantityMax: 200 },
        ],
      },
    });
    version = await uploadTo(subgraph, unitPrincipal, id, ALL_MATERIALS.slice(0, 3));
    await expectRefusedUnchanged(subgraph, id, attempt(unitPrincipal, 'submitApplication'), 'RULE_VIOLATION', 'MATERIALS', '第十一条');
    version = await uploadTo(subgraph, unitPrincipal, id, [ALL_MATERIALS[3]!]);

    await expectRefusedUnchanged(subgraph, id, attempt(bureau, 'submitApplication'), 'FORBIDDEN');
    expect(await act(unitPrincipal, 'submitApplication')).toMatchObject({ status: 'SUBMITTED' });
    // DECISION_5WD: five working days after 2026-11-26 (a Thursday).
    expect((await view(subgraph, bureau, id)).decisionDeadline).toEqual({ date: '2026-12-03', estimated: false });

    // COUNTY_FILING: only the county's authority files, once (another county's does not see the
    // application: NOT_FOUND, as for a missing one); the bureau's decision does not wait for it.
    await expectRefusedUnchanged(subgraph, id, attempt(countyAuthority('371603'), 'fileApplication'), 'NOT_FOUND');
    await expectRefusedUnchanged(subgraph, id, attempt(unitPrincipal, 'fileApplication'), 'FORBIDDEN');
    expect(await act(county, 'fileApplication')).toMatchObject({ status: 'FILED' });
    await expectRefusedUnchanged(subgraph, id, attempt(county, 'fileApplication'), 'RULE_VIOLATION', 'COUNTY_FILING', '第十一条');

    // A stale version is a conflict; the current one decides.
    await expectRefusedUnchanged(
      subgraph,
      id,
      () => mutate(subgraph, bureau, 'acceptApplication', VERSIONED, { id, version: version - 1 }),
      'CONFLICT',
    );
    await expectRefusedUnchanged(subgraph, id, attempt(unitPrincipal, 'acceptApplication'), 'FORBIDDEN');
    expect(await act(bureau, 'acceptApplication')).toMatchObject({ status: 'ACCEPTED' });

    // Out of order: no test environment before procurement.
    await expectRefusedUnchanged(subgraph, id, attempt(chosenProvider, 'deliverTestEnvironment'), 'BAD_USER_INPUT');
    const lines = (await view(subgraph, unitPrincipal, id)).resourceLines.edges.map((edge) => edge.node);
    const capOf = (index: number) => yuanToFen(entries[index]!.priceCapYuan)!;
    const overCap = [
      { lineId: lines[0]!.id, concludedPrice: fenToYuan(capOf(0) + 1) },
      { lineId: lines[1]!.id, concludedPrice: fenToYuan(capOf(1)) },
    ];
    await expectRefusedUnchanged(
      subgraph,
      id,
      attempt(unitPrincipal, 'recordProcurement', ', prices: $prices', { prices: overCap }),
      'RULE_VIOLATION',
      'CATALOG_CAP',
      '第八条',
    );
    const prices = [
      { lineId: lines[0]!.id, concludedPrice: fenToYuan(capOf(0) - 100) },
      { lineId: lines[1]!.id, concludedPrice: fenToYuan(capOf(1)) },
    ];
    expect(await act(unitPrincipal, 'recordProcurement', ', prices: $prices', { prices })).toMatchObject({ status: 'PROCURED' });

    await expectRefusedUnchanged(subgraph, id, attempt(providerPrincipal(otherProvider), 'deliverTestEnvironment'), 'NOT_FOUND');
    expect(await act(chosenProvider, 'deliverTestEnvironment')).toMatchObject({ status: 'TESTING' });
    expect((await view(subgraph, unitPrincipal, id)).testPeriod).toMatchObject({ startedOn: '2026-11-26', daysElapsed: 0, overdue: false });

    await expectRefusedUnchanged(subgraph, id, attempt(center, 'confirmGoLive'), 'BAD_USER_INPUT');
    await act(unitPrincipal, 'requestGoLive');
    await expectRefusedUnchanged(subgraph, id, attempt(unitPrincipal, 'confirmGoLive'), 'FORBIDDEN');
    expect(await act(center, 'confirmGoLive')).toMatchObject({ status: 'IN_PRODUCTION' });

    // CHANGE_APPROVAL: resources in production change only through an approved request.
    await expectRefusedUnchanged(
      subgraph,
      id,
      attempt(unitPrincipal, 'updateApplicationDraft', ', input: $input', {
        input: { resourceLines: [{ catalogEntryId: entries[0]!.id, quantity: 9 }] },
      }),
      'RULE_VIOLATION',
      'CHANGE_APPROVAL',
      '第十五条',
    );
    await act(unitPrincipal, 'requestChange', ', description: $description', { description: '扩容云主机至 4 台' });
    const changeRequestId = (await view(subgraph, unitPrincipal, id)).changeRequests.edges[0]!.node.id;
    const decide = (principal: Parameters<typeof mutate>[1]) => () =>
      mutate(subgraph, principal, 'approveChange', 'changeRequestId: $changeRequestId, version: $version', { changeRequestId, version });
    await expectRefusedUnchanged(subgraph, id, decide(unitPrincipal), 'FORBIDDEN');
    const approved = await decide(bureau)();
    expect(approved.errors).toBeUndefined();
    version = approved.data!.approveChange!.version;
    await expectRefusedUnchanged(subgraph, id, decide(bureau), 'RULE_VIOLATION', 'CHANGE_APPROVAL', '第十五条');

    // TERMINATION_STEPS: in order, each by its role; the third completes.
    await expectRefusedUnchanged(
      subgraph,
      id,
      attempt(unitPrincipal, 'reportTermination', ', reason: $reason', { reason: '  ' }),
      'BAD_USER_INPUT',
    );
    expect(await act(unitPrincipal, 'reportTermination', ', reason: $reason', { reason: '业务并入省级平台' })).toMatchObject({
      status: 'TERMINATING',
    });
    await expectRefusedUnchanged(subgraph, id, attempt(center, 'confirmDataClearance'), 'RULE_VIOLATION', 'TERMINATION_STEPS', '第十五条');
    await expectRefusedUnchanged(subgraph, id, attempt(chosenProvider, 'confirmShutdown'), 'FORBIDDEN');
    await act(unitPrincipal, 'confirmShutdown');
    await expectRefusedUnchanged(subgraph, id, attempt(providerPrincipal(otherProvider), 'confirmDataClearance'), 'NOT_FOUND');
    await act(chosenProvider, 'confirmDataClearance');
    expect(await act(center, 'confirmResourceRecovery')).toMatchObject({ status: 'TERMINATED' });

    const final = await view(subgraph, bureau, id);
    expect(final.version).toBe(version);
    expect(final.terminationSteps).toEqual([
      { step: 'SHUTDOWN', confirmed: true, confirmedByRole: 'USER_UNIT' },
      { step: 'DATA_CLEARANCE', confirmed: true, confirmedByRole: 'PROVIDER' },
      { step: 'RESOURCE_RECOVERY', confirmed: true, confirmedByRole: 'CENTER' },
    ]);
    expect(final.resourceLines.edges.map((edge) => edge.node.concludedPrice)).toEqual(prices.map((price) => price.concludedPrice));
    // Its lines end with it: billed to the termination day, in force on no day after.
    const history = await subgraph.query<{
      application: { terminatedOn: string; resourceLineHistory: { edges: Array<{ node: { effectiveUntil: string | null } }> } };
    }>(bureau, `query($id: ID!) { application(id: $id) { terminatedOn resourceLineHistory { edges { node { effectiveUntil } } } } }`, {
      id,
    });
    const { terminatedOn, resourceLineHistory } = history.data!.application;
    expect(resourceLineHistory.edges.length).toBe(prices.length);
    expect(resourceLineHistory.edges.map((edge) => edge.node.effectiveUntil)).toEqual(prices.map(() => terminatedOn));
    expect(final.changeRequests.edges.map((edge) => edge.node.status)).toEqual(['APPROVED']);
    // One audit event per successful step, each recording the move: the resource lines and each of
    // the four uploads are draft edits.
    const events = final.events.edges.map((edge) => edge.node);
    expect(events.map((event) => event.action)).toEqual([
      'CREATE',
      'UPDATE_DRAFT',
      ...ALL_MATERIALS.map(() => 'UPDATE_DRAFT'),
      'SUBMIT',
      'FILE',
      'ACCEPT',
      'RECORD_PROCUREMENT',
      'DELIVER_TEST_ENVIRONMENT',
      'REQUEST_GO_LIVE',
      'CONFIRM_GO_LIVE',
      'REQUEST_CHANGE',
      'APPROVE_CHANGE',
      'REPORT_TERMINATION',
      'CONFIRM_SHUTDOWN',
      'CONFIRM_DATA_CLEARANCE',
      'CONFIRM_RESOURCE_RECOVERY',
    ]);
    expect(final.version).toBe(events.length);
    expect(events.at(-1)).toMatchObject({ fromStatus: 'TERMINATING', toStatus: 'TERMINATED', actorRole: 'CENTER' });
    expect(events.find((event) => event.action === 'FILE')).toMatchObject({
      fromStatus: 'SUBMITTED',
      toStatus: 'FILED',
      actorRole: 'COUNTY_AUTHORITY',
    });
  });

  it('answers a unit naming another unit’s system as if it did not exist; refuses a rejection without a reason', async () => {
    const other = userUnit({ ...unit, id: '00000000-0000-4000-8000-000000000001' });
    const foreign = await mutate(subgraph, other, 'createApplication', 'input: $create', { create: { systemId: system.id, kind: 'NEW' } });
    const missing = await mutate(subgraph, other, 'createApplication', 'input: $create', {
      create: { systemId: '00000000-0000-4000-8000-00000000abcd', kind: 'NEW' },
    });
    expectRefused(foreign, 'BAD_USER_INPUT');
    expect(foreign.errors).toEqual(missing.errors);
    expectRefused(
      await mutate(subgraph, bureau, 'createApplication', 'input: $create', { create: { systemId: system.id, kind: 'NEW' } }),
      'FORBIDDEN',
    );
    const created = await mutate(subgraph, unitPrincipal, 'createApplication', 'input: $create', {
      create: { systemId: system.id, kind: 'NEW' },
    });
    const id = created.data!.createApplication!.id;
    await expectRefusedUnchanged(
      subgraph,
      id,
      () => mutate(subgraph, bureau, 'rejectApplication', `${VERSIONED}, reason: $reason`, { id, version: 1, reason: '' }),
      'BAD_USER_INPUT',
    );
  });

  it('CATALOG_CAP: refuses a draft line on another provider’s catalog entry at once, changing nothing (第八条)', async () => {
    const created = await mutate(subgraph, unitPrincipal, 'createApplication', 'input: $create', {
      create: { systemId: await newSystemOf(subgraph, unit, provider.id), kind: 'NEW' },
    });
    const id = created.data!.createApplication!.id;
    const othersEntry = world.basicCatalog.find((entry) => entry.providerId === otherProvider.id)!;
    const lines = (catalogEntryId: string) => ({
      resourceLines: [
        { catalogEntryId: entries[0]!.id, quantity: 1 },
        { catalogEntryId, quantity: 1 },
      ],
    });
    const edit = (input: unknown) => () =>
      mutate(subgraph, unitPrincipal, 'updateApplicationDraft', `${VERSIONED}, input: $input`, { id, version: 1, input });
    await expectRefusedUnchanged(subgraph, id, edit(lines(othersEntry.id)), 'RULE_VIOLATION', 'CATALOG_CAP', '第八条');
    const refused = await edit(lines(othersEntry.id))();
    expect(refused.errors![0]!.message).toContain('第 2 行');
    // The chosen provider's own entries are taken.
    expect((await edit(lines(entries[1]!.id))()).data!.updateApplicationDraft).toMatchObject({ version: 2 });
  });

  it('withdraws a submitted application back to draft, recording why', async () => {
    const created = await mutate(subgraph, unitPrincipal, 'createApplication', 'input: $create', {
      create: { systemId: await newSystemOf(subgraph, unit, provider.id), kind: 'NEW' },
    });
    const id = created.data!.createApplication!.id;
    const draft = await mutate(subgraph, unitPrincipal, 'updateApplicationDraft', `${VERSIONED}, input: $input`, {
      id,
      version: 1,
      input: { resourceLines: [{ catalogEntryId: entries[0]!.id, quantity: 1 }] },
    });
    expect(draft.data!.updateApplicationDraft).toMatchObject({ version: 2 });
    // Each upload is a draft edit of its own: one version each.
    const ready = await uploadTo(subgraph, unitPrincipal, id, ALL_MATERIALS);
    expect(ready).toBe(2 + ALL_MATERIALS.length);
    const submitted = await mutate(subgraph, unitPrincipal, 'submitApplication', VERSIONED, { id, version: ready });
    expect(submitted.data!.submitApplication).toMatchObject({ status: 'SUBMITTED', version: ready + 1 });
    const withdrawn = await mutate(subgraph, unitPrincipal, 'withdrawApplication', `${VERSIONED}, reason: $reason`, {
      id,
      version: ready + 1,
      reason: '资源测算有误',
    });
    expect(withdrawn.data!.withdrawApplication).toMatchObject({ status: 'DRAFT', version: ready + 2 });
    const after = await view(subgraph, unitPrincipal, id);
    expect(after).toMatchObject({ submittedOn: null, decisionDeadline: null, decisionOverdue: false });
    expect(after.events.edges.at(-1)!.node).toMatchObject({
      action: 'WITHDRAW',
      fromStatus: 'SUBMITTED',
      toStatus: 'DRAFT',
      reason: '资源测算有误',
    });
  });
});

describe('MATERIALS are uploaded files only (第十一条)', () => {
  const HASH = '0'.repeat(64);

  it('updateApplicationDraft takes no materials: asking is a GraphQL validation error and changes nothing', async () => {
    const created = await mutate(subgraph, unitPrincipal, 'createApplication', 'input: $create', {
      create: { systemId: await newSystemOf(subgraph, unit, provider.id), kind: 'NEW' },
    });
    const id = created.data!.createApplication!.id;
    const before = await stateOf(subgraph.dataSource, id);
    const inline = await subgraph.query(
      unitPrincipal,
      `mutation ($id: ID!) { updateApplicationDraft(id: $id, version: 1, input: {
        materials: [{ kind: CONSTRUCTION_PLAN, fileName: "建设方案.pdf", contentHash: "${HASH}", sizeBytes: 1 }] }) { id } }`,
      { id },
    );
    // GraphQL-over-HTTP: under application/json a validation error is 200 (kit/http.ts).
    expect(inline.status).toBe(200);
    expect(inline.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(inline.errors![0]!.message).toMatch(/"materials" is not defined by type "ApplicationDraftInput"/);

    const unknownType = await subgraph.query(
      unitPrincipal,
      `mutation ($id: ID!, $materials: [MaterialInput!]) { updateApplicationDraft(id: $id, version: 1, input: { materials: $materials }) { id } }`,
      { id, materials: [] },
    );
    expect(unknownType.errors!.map((error) => error.extensions!.code)).toContain('GRAPHQL_VALIDATION_FAILED');
    expect(unknownType.errors!.map((error) => error.message).join(' ')).toContain('Unknown type "MaterialInput"');

    // Through a variable of the input type: refused before any resolver runs.
    const asVariable = await mutate(subgraph, unitPrincipal, 'updateApplicationDraft', `${VERSIONED}, input: $input`, {
      id,
      version: 1,
      input: { materials: [{ kind: 'CONSTRUCTION_PLAN', fileName: '建设方案.pdf', contentHash: HASH, sizeBytes: 1 }] },
    });
    expect(asVariable.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(asVariable.errors![0]!.message).toMatch(/"materials" is not defined by type "ApplicationDraftInput"/);

    expect(await stateOf(subgraph.dataSource, id)).toEqual(before);
    const [{ count }] = await subgraph.dataSource.query(
      `SELECT count(*)::int AS count FROM "applications"."application_material" WHERE application_id = $1`,
      [id],
    );
    expect(count).toBe(0);
  });

  it('no stored material lacks its file: the database refuses a material row without one', async () => {
    const [row] = await subgraph.dataSource.query(`SELECT id FROM "applications"."application" WHERE status = 'DRAFT' LIMIT 1`);
    await expect(
      subgraph.dataSource.query(
        `INSERT INTO "applications"."application_material" (id, application_id, kind, file_name, content_hash, size_bytes, uploaded_by, uploaded_at)
         VALUES (gen_random_uuid(), $1, 'CONSTRUCTION_PLAN', 'x.pdf', $2, 1, 'test', now())`,
        [row.id, HASH],
      ),
    ).rejects.toThrow(/null value|not-null/);
  });
});
