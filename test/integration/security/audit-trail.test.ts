// Every mutation of the security subgraph runs through the kit's pipeline (kit/mutation.ts), against
// real PostgreSQL: a mutation and a refusal each leave their entry in security.audit_entry
// (operation, outcome, targets, request id), and a record outside the caller's scope is answered
// exactly like a missing one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditTrail } from '../../../subgraphs/kit/audit-verify';
import { isPipelineMutation } from '../../../subgraphs/kit/mutation';
import type { Principal } from '../../../subgraphs/kit/principal';
import { resolvers } from '../../../subgraphs/security/resolvers';
import { buildIncidents } from '../../../seed/world/security-incidents';
import { buildInspections } from '../../../seed/world/security-inspections';
import { bureau, providerPrincipal, userUnit, world } from '../../setup/principals';
import { auditEntriesOf, mutationFieldsOf, sendWithRequestId } from '../../setup/audit-entries';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import { accessTablesDigest, demo, GRANT, REVOKE, systemOf, unitPrincipalOf } from './access-setup';

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('security', { seed: true });
});
afterAll(async () => {
  await subgraph?.stop();
});

const MISSING = '00000000-0000-4000-8000-000000000000';
const grant = demo.grants[0]!;
const system = systemOf(grant.systemId);
const owner = unitPrincipalOf(system);
const otherUnitOf = (unitId: string | null) => userUnit(world.units.find((unit) => unit.id !== unitId)!);
const later = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

const send = <T = Record<string, unknown>>(principal: Principal, requestId: string, query: string, variables?: Record<string, unknown>) =>
  sendWithRequestId<T>(subgraph, principal, requestId, query, variables);
const entriesOf = (requestId: string) => auditEntriesOf(subgraph, 'security', requestId);

describe('security mutations in the audit trail', () => {
  it('holds every Mutation field of the schema to the pipeline', () => {
    const { Mutation } = resolvers as { Mutation: Record<string, unknown> };
    const fields = mutationFieldsOf('security');
    expect(fields).toHaveLength(19);
    expect(Object.keys(Mutation).sort()).toEqual([...fields].sort());
    for (const field of fields) expect(isPipelineMutation(Mutation[field]), field).toBe(true);
  });

  it('records a mutation that succeeds and one that is refused, each with its targets and request id', async () => {
    const granted = await send<{ grantAccess: { id: string } }>(owner, 'pipeline-it-grant', GRANT, {
      input: {
        systemId: system.id,
        resourceKind: 'HOST',
        staffName: '李明',
        staffAccount: 'ops-liming',
        purpose: '系统巡检',
        validFrom: later(-1),
        validUntil: later(3),
      },
    });
    expect(granted.errors).toBeUndefined();
    const grantId = granted.data!.grantAccess.id;
    const [succeeded, ...moreSucceeded] = await entriesOf('pipeline-it-grant');
    expect(moreSucceeded).toEqual([]);
    expect(succeeded).toMatchObject({
      operation: 'grantAccess',
      outcome: 'SUCCEEDED',
      error_code: null,
      role: 'USER_UNIT',
      scope: `UNIT:${owner.unitId}`,
      request_id: 'pipeline-it-grant',
    });
    expect([...succeeded!.target_ids].sort()).toEqual([system.id, grantId].sort());

    const before = await accessTablesDigest(subgraph.dataSource);
    const refused = await send(otherUnitOf(grant.unitId), 'pipeline-it-revoke', REVOKE, { id: grant.id });
    expect(refused.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await accessTablesDigest(subgraph.dataSource)).toBe(before);
    expect(await entriesOf('pipeline-it-revoke')).toEqual([
      {
        operation: 'revokeAccessGrant',
        outcome: 'REFUSED',
        error_code: 'NOT_FOUND',
        role: 'USER_UNIT',
        scope: `UNIT:${otherUnitOf(grant.unitId).unitId}`,
        target_ids: [grant.id],
        request_id: 'pipeline-it-revoke',
      },
    ]);
  });

  it('records a role that may not run the mutation as FORBIDDEN, naming the roles that may and the record it named', async () => {
    const refused = await send(bureau, 'pipeline-it-forbidden', REVOKE, { id: grant.id });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(refused.errors?.[0]?.message).toContain('USER_UNIT');
    expect(await entriesOf('pipeline-it-forbidden')).toMatchObject([
      { operation: 'revokeAccessGrant', outcome: 'REFUSED', error_code: 'FORBIDDEN', role: 'BUREAU', target_ids: [grant.id] },
    ]);
  });
});

describe('a record outside the scope answers exactly like a missing one', () => {
  const finding = buildInspections(world).findings.find((candidate) => candidate.ownerKind === 'UNIT')!;
  const incident = buildIncidents(world).incidents.find((candidate) => candidate.reporterRole === 'PROVIDER')!;
  const agreement = world.securityAgreements.find((candidate) => candidate.status === 'SIGNED')!;
  const strangerProvider = providerPrincipal(world.providers.find((provider) => provider.id !== incident.providerId)!);

  const cases: Array<[string, Principal, string, (id: string) => Record<string, unknown>, string]> = [
    ['revokeAccessGrant', otherUnitOf(grant.unitId), REVOKE, (id) => ({ id }), grant.id],
    [
      'submitRectification',
      otherUnitOf(finding.unitId),
      `mutation ($id: ID!) { submitRectification(findingId: $id, version: 1, note: "已整改") { id } }`,
      (id) => ({ id }),
      finding.id,
    ],
    [
      'appendIncidentUpdate',
      strangerProvider,
      `mutation ($id: ID!) { appendIncidentUpdate(incidentId: $id, version: 1, status: HANDLING, note: "处置中") { id } }`,
      (id) => ({ id }),
      incident.id,
    ],
    [
      'terminateSecurityAgreement',
      otherUnitOf(agreement.unitId),
      `mutation ($id: ID!) { terminateSecurityAgreement(id: $id, reason: "不再需要") { id } }`,
      (id) => ({ id }),
      agreement.id,
    ],
    [
      'fileMlpsRecord',
      otherUnitOf(system.unitId),
      `mutation ($id: ID!) { fileMlpsRecord(input: { systemId: $id, certificateNo: "X-1", filedOn: "2026-11-20" }) { id } }`,
      (id) => ({ id }),
      system.id,
    ],
  ];

  it.each(cases)('%s', async (operation, principal, query, variables, outOfScopeId) => {
    const outOfScope = await send(principal, `pipeline-it-${operation}-scope`, query, variables(outOfScopeId));
    const missing = await send(principal, `pipeline-it-${operation}-missing`, query, variables(MISSING));
    expect(outOfScope.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(outOfScope.errors).toEqual(missing.errors);
    const [scopeEntry] = await entriesOf(`pipeline-it-${operation}-scope`);
    const [missingEntry] = await entriesOf(`pipeline-it-${operation}-missing`);
    expect(scopeEntry).toMatchObject({ operation, outcome: 'REFUSED', error_code: 'NOT_FOUND', target_ids: [outOfScopeId] });
    expect(missingEntry).toMatchObject({ operation, outcome: 'REFUSED', error_code: 'NOT_FOUND', target_ids: [MISSING] });
  });

  it('leaves the chain whole', async () => {
    expect(await verifyAuditTrail(subgraph.dataSource, 'security')).toMatchObject({ problems: [] });
  });
});
