// Every mutation of the applications subgraph goes through the kit's pipeline: each, taken or
// refused, leaves an entry in applications.audit_entry naming the operation, the outcome, the
// records and the request; and an application outside the caller's scope is answered exactly like
// a missing one. The application's own history (application_event) is kept apart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChangeRequestTargetEntity } from '../../../subgraphs/applications/changes/change-request-target.entity';
import { createResolvers } from '../../../subgraphs/applications/resolvers';
import { verifyAuditTrail } from '../../../subgraphs/kit/audit-verify';
import { REQUEST_ID_HEADER } from '../../../subgraphs/kit/context';
import { PRINCIPAL_HEADER, signInternalToken } from '../../../subgraphs/kit/internal-token';
import { MATERIAL_HEADERS, MATERIALS_PATH } from '../../../subgraphs/kit/material-upload';
import { isPipelineMutation } from '../../../subgraphs/kit/mutation';
import type { Principal } from '../../../subgraphs/kit/principal';
import { materialPdf } from '../../setup/materials';
import { BINCHENG, countyAuthority, userUnit, world } from '../../setup/principals';
import { auditEntriesOf, mutationFieldsOf, sendWithRequestId } from '../../setup/audit-entries';
import { TEST_INTERNAL_SECRET, startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('applications', { seed: true });
});

afterAll(async () => {
  await subgraph?.stop();
});

const FILE = `mutation ($id: ID!, $version: Int!) { fileApplication(id: $id, version: $version) { id status version } }`;
const MISSING = '00000000-0000-4000-8000-00000000f11e';

/** A county unit's submitted application, waiting for its county to file it (COUNTY_FILING). */
const submitted = world.applications.find((candidate) => candidate.state === 'SUBMITTED' && candidate.regionCode === BINCHENG)!;
const owner = userUnit(world.units.find((unit) => unit.id === submitted.unitId)!);

const send = <T = Record<string, unknown>>(principal: Principal, requestId: string, query: string, variables?: Record<string, unknown>) =>
  sendWithRequestId<T>(subgraph, principal, requestId, query, variables);
const entriesOf = (requestId: string) => auditEntriesOf(subgraph, 'applications', requestId);

async function versionOf(id: string): Promise<number> {
  const [row] = await subgraph.dataSource.query(`SELECT version FROM "applications"."application" WHERE id = $1`, [id]);
  return row.version as number;
}

async function historyOf(id: string): Promise<string[]> {
  const rows: Array<{ action: string }> = await subgraph.dataSource.query(
    `SELECT action FROM "applications"."application_event" WHERE application_id = $1 ORDER BY occurred_at, id`,
    [id],
  );
  return rows.map((row) => row.action);
}

describe('the applications audit trail', () => {
  it('records a refused step and a taken one, each with its operation, outcome, target and request id', async () => {
    const version = await versionOf(submitted.id);
    const history = await historyOf(submitted.id);
    const county = countyAuthority(BINCHENG);

    const stale = await send(county, 'apps-audit-stale', FILE, { id: submitted.id, version: version - 1 });
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const filed = await send(county, 'apps-audit-filed', FILE, { id: submitted.id, version });
    expect(filed.errors).toBeUndefined();
    expect(filed.data).toMatchObject({ fileApplication: { status: 'FILED', version: version + 1 } });

    const entry = { operation: 'fileApplication', role: 'COUNTY_AUTHORITY', scope: `REGION:${BINCHENG}`, target_ids: [submitted.id] };
    expect(await entriesOf('apps-audit-stale')).toEqual([
      { ...entry, outcome: 'REFUSED', error_code: 'CONFLICT', request_id: 'apps-audit-stale' },
    ]);
    expect(await entriesOf('apps-audit-filed')).toEqual([
      { ...entry, outcome: 'SUCCEEDED', error_code: null, request_id: 'apps-audit-filed' },
    ]);
    // The application's own history gains the step only; the refusal is the trail's alone.
    expect(await historyOf(submitted.id)).toEqual([...history, 'FILE']);
    expect((await verifyAuditTrail(subgraph.dataSource, 'applications')).problems).toEqual([]);
  });

  it('records a role that may not take the step, refused before its arguments are read, naming who may', async () => {
    const version = await versionOf(submitted.id);
    const refused = await send(owner, 'apps-audit-forbidden', FILE, { id: submitted.id, version });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(refused.errors?.[0]?.message).toContain('COUNTY_AUTHORITY');
    expect(await versionOf(submitted.id)).toBe(version);
    expect(await entriesOf('apps-audit-forbidden')).toEqual([
      expect.objectContaining({
        operation: 'fileApplication',
        outcome: 'REFUSED',
        error_code: 'FORBIDDEN',
        role: 'USER_UNIT',
        scope: `UNIT:${submitted.unitId}`,
        request_id: 'apps-audit-forbidden',
      }),
    ]);
  });

  it('answers an application outside the caller’s scope exactly like a missing one, and records both', async () => {
    const version = await versionOf(submitted.id);
    const otherCounty = countyAuthority('371603');
    const outOfScope = await send(otherCounty, 'apps-audit-out-of-scope', FILE, { id: submitted.id, version });
    const missing = await send(otherCounty, 'apps-audit-missing', FILE, { id: MISSING, version });
    expect(outOfScope.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(outOfScope.errors).toEqual(missing.errors);
    expect(await versionOf(submitted.id)).toBe(version);

    const [hidden] = await entriesOf('apps-audit-out-of-scope');
    const [absent] = await entriesOf('apps-audit-missing');
    expect(hidden).toMatchObject({ operation: 'fileApplication', outcome: 'REFUSED', error_code: 'NOT_FOUND', target_ids: [submitted.id] });
    expect(absent).toMatchObject({ operation: 'fileApplication', outcome: 'REFUSED', error_code: 'NOT_FOUND', target_ids: [MISSING] });
  });

  it('records a material upload, which arrives over HTTP, under its own name and request id', async () => {
    const stranger = userUnit(world.units.find((unit) => unit.regionCode === BINCHENG && unit.id !== submitted.unitId)!);
    const draft = world.applications.find((candidate) => candidate.state === 'DRAFT' && candidate.unitId !== stranger.unitId)!;
    const response = await fetch(new URL(MATERIALS_PATH, subgraph.url), {
      method: 'POST',
      headers: {
        'content-type': 'application/pdf',
        [PRINCIPAL_HEADER]: await signInternalToken(stranger, TEST_INTERNAL_SECRET),
        [REQUEST_ID_HEADER]: 'apps-audit-upload',
        [MATERIAL_HEADERS.fileName]: 'plan.pdf',
        [MATERIAL_HEADERS.applicationId]: draft.id,
        [MATERIAL_HEADERS.kind]: 'CONSTRUCTION_PLAN',
      },
      body: new Uint8Array(materialPdf('CONSTRUCTION_PLAN')),
    });
    expect(response.status).toBe(404);
    expect(await entriesOf('apps-audit-upload')).toEqual([
      expect.objectContaining({ operation: 'uploadMaterial', outcome: 'REFUSED', error_code: 'NOT_FOUND', target_ids: [draft.id] }),
    ]);
  });
});

describe('a decision on a change request', () => {
  it('locks the request together with its application, so it and every step on the application run one at a time', async () => {
    const { dataSource } = subgraph;
    const [change] = await dataSource.query(
      `SELECT id, application_id FROM "applications"."change_request" WHERE status = 'PENDING' LIMIT 1`,
    );
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      // What the pipeline runs for approveChange and rejectChange.
      const target = await runner.manager
        .getRepository(ChangeRequestTargetEntity)
        .findOne({ where: { id: change.id }, lock: { mode: 'pessimistic_write' } });
      expect(target).toMatchObject({ id: change.id, applicationId: change.application_id, status: 'PENDING' });
      const lockNow = (table: string, id: string) =>
        dataSource.query(`SELECT id FROM "applications"."${table}" WHERE id = $1 FOR UPDATE NOWAIT`, [id]);
      await expect(lockNow('application', change.application_id)).rejects.toThrow(/could not obtain lock/);
      await expect(lockNow('change_request', change.id)).rejects.toThrow(/could not obtain lock/);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});

describe('the applications Mutation type', () => {
  it('declares every field with the kit’s mutation pipeline', () => {
    const unused = () => {
      throw new Error('no port is asked for here');
    };
    const { Mutation } = createResolvers({
      catalogPortFor: unused,
      designationPortFor: unused,
      securityAgreementPortFor: unused,
      mlpsPlatformPortFor: unused,
      utilisationPortFor: unused,
      agreementEndsPortFor: unused,
      disqualificationProposalsPortFor: unused,
    });
    const fields = mutationFieldsOf('applications');
    expect(fields.length).toBeGreaterThan(20);
    expect(Object.keys(Mutation).sort()).toEqual([...fields].sort());
    expect(fields.filter((field) => !isPipelineMutation((Mutation as Record<string, unknown>)[field]))).toEqual([]);
  });
});
