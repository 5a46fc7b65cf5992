// PROVIDER_EVALUATION (第二十六条) consequences, delivered to the providers subgraph's worker the way the
// supervision subgraph enqueues them: POOR → RECTIFYING with a deadline (and the bureau's confirmation
// back to DESIGNATED); SEVERE → a disqualification proposal, nothing more, until the bureau decides
// citing the agreement's clause: DISQUALIFY → the exit with reason DISQUALIFIED and three months'
// transition, which enqueues the applications migrations; KEEP → the rectification a poor result orders. Each at most once per
// evaluation; refusals are kept for good.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LEGACY_DISQUALIFY_PROVIDER_TASK,
  ORDER_RECTIFICATION_TASK,
  PROPOSE_DISQUALIFICATION_TASK,
  enqueueEvaluationConsequence,
  type EvaluationConsequencePayload,
} from '../../../subgraphs/contracts/evaluation-consequences';
import { OPEN_EXIT_MIGRATIONS_TASK } from '../../../subgraphs/contracts/exit-migrations';
import { sqlCounterOf } from '../../../subgraphs/kit/data-source';
import { enqueueEffect } from '../../../subgraphs/kit/jobs';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import { jobsOf, refusalsOf, waitFor } from '../effects/helpers';
import {
  BUREAU,
  CENTER,
  CMCC,
  CTYUN,
  INSPUR,
  UNICOM,
  expectErrorCode,
  expectNoErrors,
  expectRuleViolation,
  provider,
  snapshot,
  world,
} from './helpers';

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('providers', { seed: true, effectWorkers: true });
}, 60_000);
afterAll(async () => {
  await subgraph?.stop();
});

const PROVIDER = `query($id: ID!) { provider(id: $id) {
  status acceptsNewApplications
  currentRectification { id status orderedOn dueOn overdue version evaluation { id } evaluationYear }
  rectifications { totalCount }
  currentExit { id reason startedOn transitionEndsOn status disqualifyingEvaluation { id } }
  exits { totalCount }
  disqualificationProposals { totalCount edges { node { id status } } }
} }`;
const PROPOSAL = `id status evaluationYear totalScore proposedOn agreement { id } decidedOn agreementClause decisionReason version
  evaluation { id } provider { id status } exit { id reason startedOn transitionEndsOn disqualifyingEvaluation { id } }`;
const PENDING = `{ pendingDisqualificationProposals(first: 100) { totalCount edges { node { ${PROPOSAL} } } } }`;
const DECIDE = `mutation($id: ID!, $version: Int!, $decision: DisqualificationDecision!, $clause: String!, $reason: String!) {
  decideDisqualification(proposalId: $id, version: $version, decision: $decision, agreementClause: $clause, reason: $reason) { ${PROPOSAL} }
}`;
const CLAUSE = '第十二条第二款：年度评价结果为严重的，甲方可解除本协议，取消乙方定点服务资格';
const CONFIRM = `mutation($id: ID!, $version: Int!, $note: String!) {
  confirmProviderRectification(rectificationId: $id, version: $version, note: $note) { id status confirmedOn confirmationNote version provider { status } }
}`;

interface ProviderView {
  status: string;
  acceptsNewApplications: boolean;
  currentRectification: {
    id: string;
    status: string;
    orderedOn: string;
    dueOn: string;
    overdue: boolean;
    version: number;
    evaluation: { id: string };
    evaluationYear: number;
  } | null;
  rectifications: { totalCount: number };
  currentExit: {
    id: string;
    reason: string;
    startedOn: string;
    transitionEndsOn: string;
    status: string;
    disqualifyingEvaluation: { id: string } | null;
  } | null;
  exits: { totalCount: number };
  disqualificationProposals: { totalCount: number; edges: Array<{ node: { id: string; status: string } }> };
}

interface Proposal {
  id: string;
  status: string;
  evaluationYear: number;
  totalScore: number;
  proposedOn: string;
  agreement: { id: string } | null;
  decidedOn: string | null;
  agreementClause: string | null;
  decisionReason: string | null;
  version: number;
  evaluation: { id: string };
  provider: { id: string; status: string };
  exit: { id: string; reason: string; startedOn: string; transitionEndsOn: string; disqualifyingEvaluation: { id: string } | null } | null;
}

/** The pending proposals as `principal` sees them. */
async function pending(principal = BUREAU): Promise<Proposal[]> {
  const result = await subgraph.query<{ pendingDisqualificationProposals: { edges: Array<{ node: Proposal }> } }>(principal, PENDING);
  expectNoErrors(result);
  return result.data!.pendingDisqualificationProposals.edges.map((edge) => edge.node);
}

async function proposalOf(evaluationId: string): Promise<Proposal> {
  const proposal = (await pending()).find((candidate) => candidate.evaluation.id === evaluationId);
  expect(proposal, `a pending proposal for ${evaluationId}`).toBeDefined();
  return proposal!;
}

async function decide(proposal: Proposal, decision: 'DISQUALIFY' | 'KEEP', reason = '经复核，情况属实。'): Promise<Proposal> {
  const result = await subgraph.query<{ decideDisqualification: Proposal }>(BUREAU, DECIDE, {
    id: proposal.id,
    version: proposal.version,
    decision,
    clause: CLAUSE,
    reason,
  });
  expectNoErrors(result);
  return result.data!.decideDisqualification;
}

/** The provider's city agreement in force, whose clauses a decision cites. */
const cityAgreementOf = (providerId: string) =>
  world.agreements.find((agreement) => agreement.providerId === providerId && agreement.regionCode === '371600')!.id;

async function view(providerId: string): Promise<ProviderView> {
  const result = await subgraph.query<{ provider: ProviderView }>(BUREAU, PROVIDER, { id: providerId });
  expectNoErrors(result);
  return result.data!.provider;
}

function consequence(providerId: string, grade: 'POOR' | 'SEVERE', evaluationId: string = randomUUID()): EvaluationConsequencePayload {
  return {
    evaluationId,
    providerId,
    year: 2026,
    grade,
    totalScore: grade === 'POOR' ? 63.25 : 40.75,
    finalizedOn: '2026-11-26',
    rectificationDueOn: grade === 'POOR' ? '2027-02-26' : null,
    actor: { subject: 'test-bureau' },
  };
}

/** Enqueues as the supervision subgraph does, in a transaction of its own. */
async function deliver(payload: EvaluationConsequencePayload): Promise<void> {
  await subgraph.dataSource.transaction((manager) => enqueueEvaluationConsequence(manager, payload));
}

async function handled(task: string): Promise<void> {
  await waitFor(`${task} handled`, async () => (await jobsOf(subgraph.dataSource, task)).length === 0);
}

describe('PROVIDER_EVALUATION', () => {
  it('POOR: the provider rectifies by the deadline and takes no new applications; a second delivery changes nothing', async () => {
    const poor = consequence(UNICOM, 'POOR');
    await deliver(poor);
    await handled(ORDER_RECTIFICATION_TASK);
    const after = await view(UNICOM);
    expect(after).toMatchObject({
      status: 'RECTIFYING',
      acceptsNewApplications: false,
      currentRectification: {
        status: 'ORDERED',
        orderedOn: '2026-11-26',
        dueOn: '2027-02-26',
        overdue: false,
        version: 1,
        evaluation: { id: poor.evaluationId },
        evaluationYear: 2026,
      },
      rectifications: { totalCount: 1 },
    });

    const before = await snapshot(subgraph.dataSource);
    await deliver(poor);
    await handled(ORDER_RECTIFICATION_TASK);
    expect(await snapshot(subgraph.dataSource)).toEqual(before);
    // Another POOR while still rectifying is refused for good, and kept.
    await deliver(consequence(UNICOM, 'POOR'));
    await handled(ORDER_RECTIFICATION_TASK);
    expect(await snapshot(subgraph.dataSource)).toEqual(before);
    expect((await refusalsOf(subgraph.dataSource, ORDER_RECTIFICATION_TASK)).map((refusal) => refusal.code)).toEqual(['RULE_VIOLATION']);
  });

  it('the bureau alone confirms the rectification, at the version it saw, and the provider is DESIGNATED again', async () => {
    const { currentRectification } = await view(UNICOM);
    const id = currentRectification!.id;
    const before = await snapshot(subgraph.dataSource);
    expectErrorCode(await subgraph.query(CENTER, CONFIRM, { id, version: 1, note: '已核实' }), 'FORBIDDEN');
    expectErrorCode(await subgraph.query(BUREAU, CONFIRM, { id, version: 2, note: '已核实' }), 'CONFLICT');
    expectErrorCode(await subgraph.query(BUREAU, CONFIRM, { id, version: 1, note: '  ' }), 'BAD_USER_INPUT');
    expect(await snapshot(subgraph.dataSource)).toEqual(before);

    const confirmed = await subgraph.query<{ confirmProviderRectification: unknown }>(BUREAU, CONFIRM, {
      id,
      version: 1,
      note: '整改措施已落实，复核通过。',
    });
    expectNoErrors(confirmed);
    expect(confirmed.data!.confirmProviderRectification).toEqual({
      id,
      status: 'CONFIRMED',
      confirmedOn: '2026-11-26',
      confirmationNote: '整改措施已落实，复核通过。',
      version: 2,
      provider: { status: 'DESIGNATED' },
    });
    expect(await view(UNICOM)).toMatchObject({
      status: 'DESIGNATED',
      acceptsNewApplications: true,
      currentRectification: null,
      rectifications: { totalCount: 1 },
    });
    expectErrorCode(await subgraph.query(BUREAU, CONFIRM, { id, version: 2, note: '再次确认' }), 'CONFLICT');
  });

  it('SEVERE: a pending disqualification proposal, listed for the bureau; the provider stays designated, no exit, no migrations', async () => {
    const severe = consequence(CTYUN, 'SEVERE');
    await deliver(severe);
    await handled(PROPOSE_DISQUALIFICATION_TASK);
    expect(await view(CTYUN)).toMatchObject({
      status: 'DESIGNATED',
      currentExit: null,
      exits: { totalCount: 0 },
      disqualificationProposals: { totalCount: 1, edges: [{ node: { status: 'PENDING' } }] },
    });
    expect(await jobsOf(subgraph.dataSource, OPEN_EXIT_MIGRATIONS_TASK)).toEqual([]);
    expect(await proposalOf(severe.evaluationId)).toEqual({
      id: expect.any(String),
      status: 'PENDING',
      evaluationYear: 2026,
      totalScore: 40.75,
      proposedOn: '2026-11-26',
      agreement: { id: cityAgreementOf(CTYUN) },
      decidedOn: null,
      agreementClause: null,
      decisionReason: null,
      version: 1,
      evaluation: { id: severe.evaluationId },
      provider: { id: CTYUN, status: 'DESIGNATED' },
      exit: null,
    });
    // A provider sees only the proposals about itself.
    expect(await pending(provider(CTYUN))).toHaveLength(1);
    expect(await pending(provider(INSPUR))).toEqual([]);

    const before = await snapshot(subgraph.dataSource);
    await deliver(severe);
    await handled(PROPOSE_DISQUALIFICATION_TASK);
    expect(await snapshot(subgraph.dataSource)).toEqual(before);
  });

  it('the bureau alone decides, at the version it saw, citing the agreement clause; KEEP still orders the rectification a poor result would', async () => {
    const severe = consequence(UNICOM, 'SEVERE');
    await deliver(severe);
    await handled(PROPOSE_DISQUALIFICATION_TASK);
    const proposal = await proposalOf(severe.evaluationId);
    const args = { id: proposal.id, version: 1, decision: 'DISQUALIFY', clause: CLAUSE, reason: '情况严重。' };
    const before = await snapshot(subgraph.dataSource);
    expectErrorCode(await subgraph.query(CENTER, DECIDE, args), 'FORBIDDEN');
    expectErrorCode(await subgraph.query(BUREAU, DECIDE, { ...args, version: 2 }), 'CONFLICT');
    expectRuleViolation(await subgraph.query(BUREAU, DECIDE, { ...args, clause: '  ' }), 'PROVIDER_EVALUATION', '第二十六条');
    expectErrorCode(await subgraph.query(BUREAU, DECIDE, { ...args, reason: '' }), 'BAD_USER_INPUT');
    expect(await snapshot(subgraph.dataSource)).toEqual(before);

    const kept = await decide(proposal, 'KEEP', '协议约定的解除条件未成就，保留资格并加强监管。');
    expect(kept).toMatchObject({
      status: 'KEPT',
      decidedOn: '2026-11-26',
      agreementClause: CLAUSE,
      decisionReason: '协议约定的解除条件未成就，保留资格并加强监管。',
      version: 2,
      provider: { id: UNICOM, status: 'RECTIFYING' },
      exit: null,
    });
    // 第二十六条: severe is at least poor, which 应责令其限期整改; keeping the qualification does not waive it.
    expect(await view(UNICOM)).toMatchObject({
      status: 'RECTIFYING',
      acceptsNewApplications: false,
      currentRectification: { status: 'ORDERED', orderedOn: '2026-11-26', dueOn: '2027-02-26', evaluation: { id: severe.evaluationId } },
      currentExit: null,
      exits: { totalCount: 0 },
    });
    expect((await pending()).map((p) => p.id)).not.toContain(proposal.id);
    // Decided once.
    expectRuleViolation(await subgraph.query(BUREAU, DECIDE, { ...args, version: 2 }), 'PROVIDER_EVALUATION', '第二十六条');
  });

  it('DISQUALIFY starts the exit with reason DISQUALIFIED and three months’ transition from the decision, its migrations enqueued once', async () => {
    const [proposal] = (await pending()).filter((p) => p.provider.id === CTYUN);
    const decided = await decide(proposal!, 'DISQUALIFY');
    expect(decided).toMatchObject({
      status: 'DISQUALIFIED',
      decidedOn: '2026-11-26',
      agreementClause: CLAUSE,
      version: 2,
      provider: { id: CTYUN, status: 'EXITING' },
      exit: {
        reason: 'DISQUALIFIED',
        startedOn: '2026-11-26',
        transitionEndsOn: '2027-02-26',
        disqualifyingEvaluation: { id: proposal!.evaluation.id },
      },
    });
    const after = await view(CTYUN);
    expect(after).toMatchObject({
      status: 'EXITING',
      acceptsNewApplications: false,
      currentExit: {
        id: decided.exit!.id,
        reason: 'DISQUALIFIED',
        status: 'IN_TRANSITION',
        disqualifyingEvaluation: { id: proposal!.evaluation.id },
      },
      exits: { totalCount: 1 },
    });
    const migrations = async () =>
      (await jobsOf(subgraph.dataSource, OPEN_EXIT_MIGRATIONS_TASK)).filter((job) => job.payload.providerId === CTYUN);
    expect((await migrations()).map((job) => job.payload)).toEqual([
      { exitId: after.currentExit!.id, providerId: CTYUN, transitionEndsOn: '2027-02-26' },
    ]);
    // A second decision, or the effect delivered again, changes nothing.
    const before = await snapshot(subgraph.dataSource);
    expectErrorCode(
      await subgraph.query(BUREAU, DECIDE, { id: proposal!.id, version: 1, decision: 'KEEP', clause: CLAUSE, reason: '撤回' }),
      'CONFLICT',
    );
    await deliver(consequence(CTYUN, 'SEVERE', proposal!.evaluation.id));
    await handled(PROPOSE_DISQUALIFICATION_TASK);
    expect(await snapshot(subgraph.dataSource)).toEqual(before);
    expect(await migrations()).toHaveLength(1);
  });

  it('DISQUALIFY with an exit already open leaves that exit as it is', async () => {
    const started = await subgraph.query<{ startProviderExit: { id: string } }>(
      BUREAU,
      `mutation($input: ProviderExitInput!) { startProviderExit(input: $input) { id } }`,
      { input: { providerId: INSPUR, reason: 'EXPIRY', startedOn: '2026-11-26', transitionEndsOn: '2027-03-31' } },
    );
    expectNoErrors(started);
    const exitsBefore = await subgraph.dataSource.query(`SELECT * FROM providers.provider_exit ORDER BY id`);
    const severe = consequence(INSPUR, 'SEVERE');
    await deliver(severe);
    await handled(PROPOSE_DISQUALIFICATION_TASK);
    const decided = await decide(await proposalOf(severe.evaluationId), 'DISQUALIFY');
    expect(decided).toMatchObject({ status: 'DISQUALIFIED', exit: null, provider: { status: 'EXITING' } });
    expect(await subgraph.dataSource.query(`SELECT * FROM providers.provider_exit ORDER BY id`)).toEqual(exitsBefore);
    expect(await view(INSPUR)).toMatchObject({
      status: 'EXITING',
      currentExit: {
        id: started.data!.startProviderExit.id,
        reason: 'EXPIRY',
        transitionEndsOn: '2027-03-31',
        disqualifyingEvaluation: null,
      },
    });
  });

  it('refuses for good what no retry can fix: a candidate, an unknown provider, a malformed payload', async () => {
    const before = await snapshot(subgraph.dataSource);
    await deliver(consequence(CMCC, 'SEVERE'));
    await deliver(consequence(randomUUID(), 'SEVERE'));
    await subgraph.dataSource.transaction((manager) =>
      enqueueEffect(manager, PROPOSE_DISQUALIFICATION_TASK, { evaluationId: 'x', grade: 'POOR' }),
    );
    await handled(PROPOSE_DISQUALIFICATION_TASK);
    expect(await snapshot(subgraph.dataSource)).toEqual(before);
    const refusals = await refusalsOf(subgraph.dataSource, PROPOSE_DISQUALIFICATION_TASK);
    expect(refusals.map((refusal) => refusal.code).sort()).toEqual(['BAD_USER_INPUT', 'NOT_FOUND', 'RULE_VIOLATION']);
    expect(refusals.find((refusal) => refusal.code === 'RULE_VIOLATION')!.message).toContain('CANDIDATE');
  });

  it('a job enqueued under the old task name before the upgrade becomes a proposal, never a disqualification', async () => {
    const legacy = consequence(UNICOM, 'SEVERE');
    await subgraph.dataSource.transaction((manager) => enqueueEffect(manager, LEGACY_DISQUALIFY_PROVIDER_TASK, legacy));
    await handled(LEGACY_DISQUALIFY_PROVIDER_TASK);
    // Kept earlier, so rectifying (not exiting): the old task disqualifies no one.
    expect(await proposalOf(legacy.evaluationId)).toMatchObject({ status: 'PENDING', provider: { id: UNICOM, status: 'RECTIFYING' } });
    expect((await view(UNICOM)).exits.totalCount).toBe(0);
  });

  it('confirming is refused once the provider has left rectification for an exit', async () => {
    await deliver(consequence(UNICOM, 'POOR'));
    await handled(ORDER_RECTIFICATION_TASK);
    const { currentRectification } = await view(UNICOM);
    const severe = consequence(UNICOM, 'SEVERE');
    await deliver(severe);
    await handled(PROPOSE_DISQUALIFICATION_TASK);
    expect((await view(UNICOM)).status).toBe('RECTIFYING');
    await decide(await proposalOf(severe.evaluationId), 'DISQUALIFY');
    expect((await view(UNICOM)).status).toBe('EXITING');
    expectRuleViolation(
      await subgraph.query(BUREAU, CONFIRM, { id: currentRectification!.id, version: 1, note: '已核实' }),
      'PROVIDER_EVALUATION',
      '第二十六条',
    );
  });

  it('lists proposals in SQL pages with their provider, agreement and exit batched: a few statements however many', async () => {
    for (const providerId of [UNICOM, UNICOM, UNICOM]) await deliver(consequence(providerId, 'SEVERE'));
    await handled(PROPOSE_DISQUALIFICATION_TASK);
    const counter = sqlCounterOf(subgraph.dataSource);
    const statements = async (query: string) => {
      counter.reset();
      const result = await subgraph.query<Record<string, { totalCount: number }>>(BUREAU, query);
      expectNoErrors(result);
      return { count: counter.count, statements: [...counter.statements], total: Object.values(result.data!)[0]!.totalCount };
    };
    const pendingPage = await statements(PENDING);
    expect(pendingPage.total).toBeGreaterThanOrEqual(4);
    // The page, its count, then one batch each for providers, agreements and exits.
    expect(pendingPage.count, pendingPage.statements.join('\n')).toBeLessThanOrEqual(5);
    const byProvider = await statements(
      `{ providers(first: 100) { totalCount edges { node { disqualificationProposals { totalCount } } } } }`,
    );
    expect(byProvider.count, byProvider.statements.join('\n')).toBeLessThanOrEqual(3);
  });
});
