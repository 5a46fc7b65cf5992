// Logs through the gateway: one request's id on the gateway's access line (operation, role, scope
// kind, outcome, subgraphs touched) and on the log lines of every subgraph it touched; a bad
// x-request-id is replaced; nothing at info quotes SQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureLogs, type CapturedLogs } from '../../subgraphs/kit/log';
import { postGraphQL, startStack, type Stack } from '../setup/stack';

let stack: Stack;
let logs: CapturedLogs;

const DASHBOARD =
  'query AnalystDashboard { drafts: applications(status: DRAFT, first: 1) { totalCount } providers(first: 20) { edges { node { code id latestEvaluation { grade totalScore year } name status } } totalCount } systems(first: 1) { totalCount } }';

beforeAll(async () => {
  stack = await startStack({ seed: true });
  logs = captureLogs('debug');
}, 180_000);
afterAll(async () => {
  logs?.restore();
  await stack?.stop();
});

/** The access line is written once the answer is sent: wait a moment for it. */
async function linesOf(requestId: string): Promise<Array<Record<string, unknown>>> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const lines = logs.lines.filter((line) => line.requestId === requestId);
    if (lines.some((line) => line.component === 'access' && line.subgraph === undefined)) return lines;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return logs.lines.filter((line) => line.requestId === requestId);
}

describe('request logs', () => {
  it("a request's id is on the gateway's access line and on the lines of every subgraph it touched", async () => {
    const token = await stack.token({ role: 'BUREAU' });
    const requestId = 'obs-e2e-0001';
    const result = await postGraphQL(stack.gatewayUrl, token, DASHBOARD, undefined, { 'x-request-id': requestId });
    expect(result.errors).toBeUndefined();
    expect(result.headers.get('x-request-id')).toBe(requestId);

    const lines = await linesOf(requestId);
    const access = lines.find((line) => line.component === 'access' && line.subgraph === undefined);
    expect(access).toMatchObject({
      level: 'info',
      path: '/graphql',
      status: 200,
      operation: 'AnalystDashboard',
      role: 'BUREAU',
      scopeKind: 'CITY',
      outcome: 'ok',
    });
    expect(typeof access!.durationMs).toBe('number');
    const touched = access!.subgraphs as string[];
    expect(touched).toEqual(expect.arrayContaining(['applications', 'providers']));
    for (const name of touched) {
      expect(lines.some((line) => line.component === 'access' && line.subgraph === name)).toBe(true);
    }
  });

  it('the access line names the error codes the client received', async () => {
    const requestId = 'obs-e2e-0002';
    await postGraphQL(stack.gatewayUrl, 'not-a-token', DASHBOARD, undefined, { 'x-request-id': requestId });
    const access = (await linesOf(requestId)).find((line) => line.component === 'access');
    expect(access).toMatchObject({ outcome: 'UNAUTHENTICATED' });
  });

  it('a malformed x-request-id is replaced by a new id, used on the lines and in the answer', async () => {
    const result = await postGraphQL(stack.gatewayUrl, await stack.token({ role: 'BUREAU' }), DASHBOARD, undefined, {
      'x-request-id': `bad id ${'x'.repeat(300)}`,
    });
    const given = result.headers.get('x-request-id')!;
    expect(given).toMatch(/^[0-9a-f-]{36}$/);
    expect((await linesOf(given)).some((line) => line.component === 'access')).toBe(true);
  });

  it('no line at info or above quotes SQL', async () => {
    const token = await stack.token({ role: 'BUREAU' });
    await postGraphQL(stack.gatewayUrl, token, DASHBOARD);
    // A unit id that is no UUID, and one that names no unit, in a token.
    await postGraphQL(
      stack.gatewayUrl,
      await stack.tokenUnchecked({ sub: 'x', role: 'USER_UNIT', unit: 'not-a-uuid', region: '371602' }),
      DASHBOARD,
    );
    const loud = logs.lines.filter((line) => ['info', 'warn', 'error', 'fatal'].includes(String(line.level)));
    expect(loud.length).toBeGreaterThan(0);
    for (const line of loud) expect(JSON.stringify(line)).not.toMatch(/\b(SELECT|INSERT|UPDATE|DELETE)\b.*\b(FROM|INTO|SET)\b/);
  });
});
