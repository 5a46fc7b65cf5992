// PROVIDER_EVALUATION (第二十六条) through the gateway on the seeded stack: a disqualification proposal
// awaiting the bureau's decision (made by a SEVERE evaluation; here written as the providers subgraph
// stores it) is on the bureau's to-do list, linked to the proposal; no other role's; once the bureau
// decides it, it is off.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../setup/stack';

const TODO = `{ todoItems(kind: DECIDE_DISQUALIFICATION, first: 100) {
  totalCount edges { node { id dueOn overdue rule article action application { id } system { id }
    disqualificationProposal { id status version provider { id } } } }
} }`;
const DECIDE = `mutation($id: ID!, $v: Int!) {
  decideDisqualification(proposalId: $id, version: $v, decision: KEEP, agreementClause: "第十二条第二款", reason: "整改承诺可信，保留资格。") { status }
}`;

interface TodoAnswer {
  todoItems: {
    totalCount: number;
    edges: Array<{ node: Record<string, unknown> }>;
  };
}

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ seed: true });
});
afterAll(async () => {
  await stack?.stop();
});

async function todo(token: string) {
  const body = await stack.query<TodoAnswer>(token, TODO);
  expect(body.errors).toBeUndefined();
  return body.data!.todoItems;
}

describe('PROVIDER_EVALUATION: pending disqualification proposals on the bureau’s to-do list, through the gateway', () => {
  it('the bureau sees the proposal, due the day it was made; no one else does; its decision takes it off', async () => {
    const provider = stack.world.providers.find((candidate) => candidate.code === 'P-UNICOM')!;
    const proposalId = randomUUID();
    await stack.dataSources.providers.query(
      `INSERT INTO providers.disqualification_proposal (id, evaluation_id, provider_id, evaluation_year, total_score, proposed_on, status, version)
       VALUES ($1, $2, $3, 2026, 43.10, '2026-11-20', 'PENDING', 1)`,
      [proposalId, randomUUID(), provider.id],
    );
    const bureau = await stack.token({ role: 'BUREAU' });
    const listed = await todo(bureau);
    expect(listed.totalCount).toBe(1);
    expect(listed.edges[0]!.node).toMatchObject({
      id: `DECIDE_DISQUALIFICATION:${proposalId}`,
      dueOn: '2026-11-20',
      overdue: false,
      rule: 'PROVIDER_EVALUATION',
      article: '第二十六条',
      application: null,
      system: null,
      disqualificationProposal: { id: proposalId, status: 'PENDING', version: 1, provider: { id: provider.id } },
    });

    for (const token of [
      await stack.token({ role: 'CENTER' }),
      await stack.token({ role: 'COUNTY_AUTHORITY', region: '371602' }),
      await stack.token({ role: 'PROVIDER', provider: provider.id }),
    ]) {
      expect((await todo(token)).totalCount).toBe(0);
    }

    const decided = await stack.query(bureau, DECIDE, { id: proposalId, v: 1 });
    expect(decided.errors, JSON.stringify(decided.errors)).toBeUndefined();
    expect((await todo(bureau)).totalCount).toBe(0);
  });
});
