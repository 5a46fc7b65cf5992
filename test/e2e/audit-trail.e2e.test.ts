// The audit trail through the gateway: mutations of all four subgraphs, allowed and refused, are
// recorded with who, role, scope, operation, targets, outcome and request id; BUREAU and AUDITOR
// read them; others get null with FORBIDDEN at each part; `npm run audit:verify` names tampering.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL, startStack, type Stack } from '../setup/stack';

const run = promisify(execFile);
let stack: Stack;

const ENTRY = 'seq subgraph requestId subject role scope operation targetIds outcome errorCode rule prevHash hash';
const TRAIL = `query($op: String) { auditTrail {
  providers(first: 5) { edges { node { ${ENTRY} } } }
  applications(first: 5) { edges { node { ${ENTRY} } } }
  security(first: 5) { edges { node { ${ENTRY} } } }
  supervision(first: 5, filter: { operation: $op }) { totalCount edges { node { ${ENTRY} } } }
} }`;
const MISSING = '00000000-0000-4000-8000-000000000000';

interface Entry {
  subgraph: string;
  requestId: string;
  role: string;
  scope: string;
  operation: string;
  targetIds: string[];
  outcome: string;
  errorCode: string | null;
}
type Part = { totalCount?: number; edges: Array<{ node: Entry }> } | null;
type Trail = { auditTrail: Record<'providers' | 'applications' | 'security' | 'supervision', Part> };

beforeAll(async () => {
  stack = await startStack({ seed: true });
}, 180_000);
afterAll(async () => {
  await stack?.stop();
});

/** Sends a mutation with our own request id, so its entry can be found by it. */
async function mutate(token: string, query: string, variables: Record<string, unknown> = {}) {
  const requestId = `audit-e2e-${randomUUID()}`;
  const result = await postGraphQL<Record<string, unknown>>(stack.gatewayUrl, token, query, variables, { 'x-request-id': requestId });
  return { requestId, ...result };
}

function newest(part: Part): Entry {
  expect(part?.edges.length).toBeGreaterThan(0);
  return part!.edges[0]!.node;
}

describe('the audit trail through the gateway', () => {
  it('records every mutation of all four subgraphs, refusals too, and shows them to the auditor', async () => {
    const bureau = await stack.token({ role: 'BUREAU' });
    const center = await stack.token({ role: 'CENTER' });
    const unicom = stack.world.providers.find((candidate) => candidate.code === 'P-UNICOM')!;
    const provider = await stack.token({ role: 'PROVIDER', provider: unicom.id });

    const opened = await mutate(bureau, `mutation($p: ID!) { openProviderEvaluation(providerId: $p, year: 2026) { id } }`, {
      p: unicom.id,
    });
    expect(opened.errors).toBeUndefined();
    const refusedOpen = await mutate(center, `mutation($p: ID!) { openProviderEvaluation(providerId: $p, year: 2025) { id } }`, {
      p: unicom.id,
    });
    expect(refusedOpen.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const designate = await mutate(bureau, `mutation($id: ID!) { designateProvider(id: $id) { id } }`, { id: MISSING });
    expect(designate.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const accept = await mutate(bureau, `mutation($id: ID!) { acceptApplication(id: $id, version: 1) { id } }`, { id: MISSING });
    expect(accept.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const drill = await mutate(
      provider,
      `mutation { recordDisasterRecoveryDrill(input: { drilledOn: "2026-11-25", scenario: "同城灾备切换", rtoMinutes: 20, rpoMinutes: 0, result: PASSED }) { id } }`,
    );
    expect(drill.errors).toBeUndefined();

    const auditor = await stack.token({ role: 'AUDITOR' });
    const body = await stack.query<Trail>(auditor, TRAIL, { op: 'openProviderEvaluation' });
    expect(body.errors).toBeUndefined();
    const trail = body.data!.auditTrail;

    expect(newest(trail.providers)).toMatchObject({
      operation: 'designateProvider',
      outcome: 'REFUSED',
      errorCode: 'NOT_FOUND',
      role: 'BUREAU',
      scope: 'CITY',
      targetIds: [MISSING],
      requestId: designate.requestId,
    });
    expect(newest(trail.applications)).toMatchObject({
      operation: 'acceptApplication',
      outcome: 'REFUSED',
      targetIds: [MISSING],
      requestId: accept.requestId,
    });
    expect(newest(trail.security)).toMatchObject({
      operation: 'recordDisasterRecoveryDrill',
      outcome: 'SUCCEEDED',
      role: 'PROVIDER',
      scope: `PROVIDER:${unicom.id}`,
      requestId: drill.requestId,
    });
    const [refused, succeeded] = trail.supervision!.edges.map((edge) => edge.node);
    expect(trail.supervision!.totalCount).toBe(2);
    expect(refused).toMatchObject({ outcome: 'REFUSED', errorCode: 'FORBIDDEN', role: 'CENTER', requestId: refusedOpen.requestId });
    expect(succeeded).toMatchObject({ outcome: 'SUCCEEDED', role: 'BUREAU', requestId: opened.requestId });
    expect(succeeded!.targetIds).toContain((opened.data!.openProviderEvaluation as { id: string }).id);
  });

  it('answers null with FORBIDDEN at each part for a role that may not read it, and the rest of the answer stands', async () => {
    const county = await stack.token({ role: 'COUNTY_AUTHORITY', region: '371602' });
    const body = await stack.query<Trail & { regions: unknown }>(
      county,
      `{ auditTrail { providers(first: 1) { edges { node { seq } } } security(first: 1) { edges { node { seq } } } } }`,
    );
    expect(body.data?.auditTrail).toEqual({ providers: null, security: null });
    expect(body.errors?.map((error) => [error.path?.join('.'), error.extensions?.code])).toEqual(
      expect.arrayContaining([
        ['auditTrail.providers', 'FORBIDDEN'],
        ['auditTrail.security', 'FORBIDDEN'],
      ]),
    );
  });

  it('npm run audit:verify finds the chains whole, then names an entry edited behind the triggers', async () => {
    const env = { ...process.env, DATABASE_URL: String((stack.dataSources.providers.options as { url?: string }).url) };
    const intact = await run('npx', ['tsx', 'scripts/audit-verify.ts'], { env });
    expect(intact.stdout).toMatch(/providers: \d+ 条审计记录 \(entries\), 完整/);
    expect(intact.stdout).toMatch(/supervision: \d+ 条审计记录 \(entries\), 完整/);

    // Only the owner may disable the triggers; the subgraphs' own role may not.
    await stack.asOwner(`
      ALTER TABLE security.audit_entry DISABLE TRIGGER USER;
      UPDATE security.audit_entry SET outcome = 'REFUSED' WHERE seq = 1;
      ALTER TABLE security.audit_entry ENABLE TRIGGER USER;`);
    const broken = await run('npx', ['tsx', 'scripts/audit-verify.ts'], { env }).catch((error: { code: number; stdout: string }) => error);
    expect((broken as { code?: number }).code).toBe(1);
    expect(broken.stdout).toMatch(/security: \d+ 条审计记录 \(entries\), 1 处异常/);
    expect(broken.stdout).toContain('[EDITED] 第 1 条审计记录内容与其哈希不符');
  });
});
