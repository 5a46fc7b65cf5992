// PROVIDER_EVALUATION (第二十六条) consequences, delivered to the providers subgraph's worker the way the
// supervision subgraph enqueues them: POOR → RECTIFYING with a deadline (and the bureau's confirmation
// back to DESIGNATED); SEVERE → the exit with reason DISQUALIFIED and three months' transition, which
// enqueues the applications migrations. Each at most once per evaluation; refusals are kept for good.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DISQUALIFY_PROVIDER_TASK,
  ORDER_RECTIFICATION_TASK,
  enqueueEvaluationConsequence,
  type EvaluationConsequencePayload,
} from '../../../subgraphs/contracts/evaluation-consequences';
import { OPEN_EXIT_MIGRATIONS_TASK } from '../../../subgraphs/contracts/exit-migrations';
import { enqueueEffect } from '../../../subgraphs/kit/jobs';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import { jobsOf, refusalsOf, waitFor } from '../effects/helpers';
import { BUREAU, CENTER, CMCC, CTYUN, INSPUR, UNICOM, expectErrorCode, expectNoErrors, expectRuleViolation, snapshot } from './helpers';

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
} }`;
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
}

async function view(providerId: string): Promise<ProviderView> {
  const result = await subgraph.query<{ provider: ProviderView }>(BUREAU, PROVIDER, { id: providerId });
  expectNoErrors(result);
  return result.data!.provider;
}

function consequence(providerId: string, grade: 'POOR' | 'SEVERE', evaluationId = randomUUID()): EvaluationConsequencePayload {
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

  it('SEVERE: the exit starts with reason DISQUALIFIED and three months’ transition, its migrations enqueued once', async () => {
    const severe = consequence(CTYUN, 'SEVERE');
    await deliver(severe);
    await handled(DISQUALIFY_PROVIDER_TASK);
    const after = await view(CTYUN);
    expect(after).toMatchObject({
      status: 'EXITING',
      acceptsNewApplications: false,
      currentExit: {
        reason: 'DISQUALIFIED',
        startedOn: '2026-11-26',
        transitionEndsOn: '2027-02-26',
        status: 'IN_TRANSITION',
        disqualifyingEvaluation: { id: severe.evaluationId },
      },
      exits: { totalCount: 1 },
    });
    const migrations = async () =>
      (await jobsOf(subgraph.dataSource, OPEN_EXIT_MIGRATIONS_TASK)).filter((job) => job.payload.providerId === CTYUN);
    expect((await migrations()).map((job) => job.payload)).toEqual([
      { exitId: after.currentExit!.id, providerId: CTYUN, transitionEndsOn: '2027-02-26' },
    ]);

    const before = await snapshot(subgraph.dataSource);
    await deliver(severe);
    await handled(DISQUALIFY_PROVIDER_TASK);
    expect(await snapshot(subgraph.dataSource)).toEqual(before);
    expect(await migrations()).toHaveLength(1);
  });

  it('SEVERE with an exit already open leaves that exit as it is', async () => {
    const started = await subgraph.query<{ startProviderExit: { id: string } }>(
      BUREAU,
      `mutation($input: ProviderExitInput!) { startProviderExit(input: $input) { id } }`,
      { input: { providerId: INSPUR, reason: 'EXPIRY', startedOn: '2026-11-26', transitionEndsOn: '2027-03-31' } },
    );
    expectNoErrors(started);
    const exitsBefore = await subgraph.dataSource.query(`SELECT * FROM providers.provider_exit ORDER BY id`);
    await deliver(consequence(INSPUR, 'SEVERE'));
    await handled(DISQUALIFY_PROVIDER_TASK);
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
      enqueueEffect(manager, DISQUALIFY_PROVIDER_TASK, { evaluationId: 'x', grade: 'POOR' }),
    );
    await handled(DISQUALIFY_PROVIDER_TASK);
    expect(await snapshot(subgraph.dataSource)).toEqual(before);
    const refusals = await refusalsOf(subgraph.dataSource, DISQUALIFY_PROVIDER_TASK);
    expect(refusals.map((refusal) => refusal.code).sort()).toEqual(['BAD_USER_INPUT', 'NOT_FOUND', 'RULE_VIOLATION']);
    expect(refusals.find((refusal) => refusal.code === 'RULE_VIOLATION')!.message).toContain('CANDIDATE');
  });

  it('confirming is refused once the provider has left rectification for an exit', async () => {
    await deliver(consequence(UNICOM, 'POOR'));
    await handled(ORDER_RECTIFICATION_TASK);
    const { currentRectification } = await view(UNICOM);
    await deliver(consequence(UNICOM, 'SEVERE'));
    await handled(DISQUALIFY_PROVIDER_TASK);
    expect((await view(UNICOM)).status).toBe('EXITING');
    expectRuleViolation(
      await subgraph.query(BUREAU, CONFIRM, { id: currentRectification!.id, version: 1, note: '已核实' }),
      'PROVIDER_EVALUATION',
      '第二十六条',
    );
  });
});
