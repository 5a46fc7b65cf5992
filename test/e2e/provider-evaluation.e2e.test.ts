// PROVIDER_EVALUATION (第二十六条) acceptance, through the gateway: a SEVERE annual evaluation of a
// provider — opened by the bureau, scored by the monitoring agency, the cybersecurity authority, the
// provider's user units and the bureau, then finalized — proposes the provider's disqualification and
// no more; the bureau decides citing the clause of the provider's agreement (按照定点服务协议有关约定),
// and only its DISQUALIFY leaves the provider EXITING with a transition of at least three months
// (EXIT_TRANSITION_3M, 第九条) and a migration for each system it hosts, also when the applications
// subgraph was down at the time and came back later.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths } from '../../subgraphs/kit/dates';
import { waitFor } from '../integration/effects/helpers';
import { expectGatewayCode, expectGatewayRuleViolation } from '../setup/gateway-assertions';
import { startStack, type Stack } from '../setup/stack';

let stack: Stack;
let bureau: string;

beforeAll(async () => {
  stack = await startStack({ seed: true });
  bureau = await stack.token({ role: 'BUREAU' });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

const FIELDS = `id version status grade totalScore evaluatedOn missingInputs`;
const OPEN = `mutation($p: ID!, $y: Int!) { openProviderEvaluation(providerId: $p, year: $y) { ${FIELDS} } }`;
const MONITORING = `mutation($id: ID!, $v: Int!, $input: MonitoringEvaluationInput!) {
  submitMonitoringEvaluationScores(evaluationId: $id, version: $v, input: $input) { ${FIELDS} } }`;
const SECURITY = `mutation($id: ID!, $v: Int!, $s: Float!) { submitSecurityEvaluationScore(evaluationId: $id, version: $v, score: $s, remarks: "安全告警长期未处置") { ${FIELDS} } }`;
const RATING = `mutation($id: ID!, $v: Int!, $s: Float!) { submitServiceQualityRating(evaluationId: $id, version: $v, score: $s) { ${FIELDS} } }`;
const OPERATIONS = `mutation($id: ID!, $v: Int!, $s: Float!) { scoreOperationsManagement(evaluationId: $id, version: $v, score: $s) { ${FIELDS} } }`;
const FINALIZE = `mutation($id: ID!, $v: Int!) { finalizeProviderEvaluation(evaluationId: $id, version: $v, remarks: "情况严重，取消服务资格。") { ${FIELDS} } }`;
const PROVIDER = `query($id: ID!) { provider(id: $id) {
  status acceptsNewApplications
  latestEvaluation { year grade }
  currentExit { id reason status startedOn transitionEndsOn disqualifyingEvaluation { id year grade totalScore } }
} }`;
const PENDING = `{ pendingDisqualificationProposals(first: 100) { totalCount edges { node {
  id version status totalScore proposedOn evaluation { id } provider { id status } agreement { id number exitTerms } } } } }`;
const DECIDE = `mutation($id: ID!, $v: Int!, $d: DisqualificationDecision!, $clause: String!, $reason: String!) {
  decideDisqualification(proposalId: $id, version: $v, decision: $d, agreementClause: $clause, reason: $reason) {
    status decidedOn agreementClause decisionReason exit { id reason } } }`;
const CLAUSE = '第十二条：乙方年度评价结果为严重的，甲方可取消其定点服务资格并解除本协议';
const EXIT = `query($id: ID!) { providerExit(id: $id) { status migrationProgress { opened total pending } systemMigrations(first: 1) { totalCount } } }`;

interface Evaluation {
  id: string;
  version: number;
  status: string;
  grade: string | null;
  totalScore: number | null;
  evaluatedOn: string | null;
  missingInputs: string[];
}
interface ProviderView {
  status: string;
  acceptsNewApplications: boolean;
  latestEvaluation: { year: number; grade: string } | null;
  currentExit: {
    id: string;
    reason: string;
    status: string;
    startedOn: string;
    transitionEndsOn: string;
    disqualifyingEvaluation: { id: string; year: number; grade: string; totalScore: number } | null;
  } | null;
}

async function step(token: string, query: string, variables: Record<string, unknown>): Promise<Evaluation> {
  const result = await stack.query<Record<string, Evaluation>>(token, query, variables);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return Object.values(result.data!)[0]!;
}

async function providerView(id: string): Promise<ProviderView> {
  const result = await stack.query<{ provider: ProviderView }>(bureau, PROVIDER, { id });
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!.provider;
}

interface Proposal {
  id: string;
  version: number;
  status: string;
  totalScore: number;
  proposedOn: string;
  evaluation: { id: string };
  provider: { id: string; status: string };
  agreement: { id: string; number: string; exitTerms: string } | null;
}

async function pendingProposals(token: string): Promise<Proposal[]> {
  const result = await stack.query<{ pendingDisqualificationProposals: { edges: Array<{ node: Proposal }> } }>(token, PENDING);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!.pendingDisqualificationProposals.edges.map((edge) => edge.node);
}

describe('PROVIDER_EVALUATION: a SEVERE evaluation proposes disqualification; the bureau decides under the agreement, and its DISQUALIFY starts the exit, across subgraphs', () => {
  it('while applications is down: a proposal, then the bureau’s decision citing the clause: EXITING with three months’ transition; once it is back, one migration per hosted system', async () => {
    const provider = stack.world.providers.find((candidate) => candidate.code === 'P-UNICOM')!;
    const [{ hosted }] = await stack.dataSources.applications.query(
      `SELECT COUNT(*)::int AS hosted FROM "applications"."information_system"
        WHERE provider_id = $1 AND deployment_mode <> 'EXEMPT' AND retired_on IS NULL`,
      [provider.id],
    );
    expect(hosted).toBeGreaterThan(0);
    const hostedUnits = [...new Set(stack.world.systems.filter((s) => s.providerId === provider.id && !s.retiredOn).map((s) => s.unitId))];
    const raters = await Promise.all(
      hostedUnits.slice(0, 3).map((unitId) => {
        const unit = stack.world.units.find((candidate) => candidate.id === unitId)!;
        return stack.token({ role: 'USER_UNIT', unit: unit.id, region: unit.regionCode });
      }),
    );
    const monitor = await stack.token({ role: 'MONITOR' });
    const cybersec = await stack.token({ role: 'CYBERSEC' });
    // The gateway checks a unit against the directory, which lives in applications: the raters
    // sign in while it is up, and their checked identities carry them through its outage.
    for (const rater of raters) expect((await stack.query(rater, '{ providers(first: 1) { totalCount } }')).errors).toBeUndefined();

    await stack.stopSubgraph('applications');

    let evaluation = await step(bureau, OPEN, { p: provider.id, y: 2026 });
    expect(evaluation).toMatchObject({
      status: 'OPEN',
      version: 1,
      missingInputs: ['MONITORING', 'SECURITY', 'OPERATIONS_MANAGEMENT', 'SERVICE_QUALITY'],
    });
    evaluation = await step(monitor, MONITORING, {
      id: evaluation.id,
      v: evaluation.version,
      input: {
        platformOperationScore: 42,
        serviceLevelScore: 48,
        availabilityPercent: 97.1,
        incidentCount: 23,
        avgResponseMinutes: 185,
        complaintCount: 41,
      },
    });
    evaluation = await step(cybersec, SECURITY, { id: evaluation.id, v: evaluation.version, s: 35 });
    // Finalizing with inputs missing is refused, naming them.
    expectGatewayRuleViolation(
      await stack.query(bureau, FINALIZE, { id: evaluation.id, v: evaluation.version }),
      'PROVIDER_EVALUATION',
      '第二十六条',
      {
        missingInputs: ['OPERATIONS_MANAGEMENT', 'SERVICE_QUALITY'],
      },
    );
    for (const [i, rater] of raters.entries())
      evaluation = await step(rater, RATING, { id: evaluation.id, v: evaluation.version, s: 50 + i * 5 });
    expectGatewayCode(await stack.query(monitor, OPERATIONS, { id: evaluation.id, v: evaluation.version, s: 40 }), 'FORBIDDEN');
    evaluation = await step(bureau, OPERATIONS, { id: evaluation.id, v: evaluation.version, s: 40 });
    expect(evaluation.missingInputs).toEqual([]);

    const finalized = await step(bureau, FINALIZE, { id: evaluation.id, v: evaluation.version });
    // 42×25% + 35×25% + 40×15% + 48×20% + 55×15% = 10.5 + 8.75 + 6 + 9.6 + 8.25 = 43.10
    expect(finalized).toMatchObject({ status: 'FINALIZED', grade: 'SEVERE', totalScore: 43.1 });
    // Finalized is final.
    expectGatewayRuleViolation(
      await stack.query(bureau, FINALIZE, { id: finalized.id, v: finalized.version }),
      'PROVIDER_EVALUATION',
      '第二十六条',
    );

    // The grade proposes; it does not disqualify by itself.
    await waitFor('the disqualification proposal', async () =>
      (await pendingProposals(bureau)).some((proposal) => proposal.evaluation.id === finalized.id),
    );
    const proposal = (await pendingProposals(bureau)).find((candidate) => candidate.evaluation.id === finalized.id)!;
    expect(proposal).toMatchObject({
      status: 'PENDING',
      version: 1,
      totalScore: 43.1,
      proposedOn: finalized.evaluatedOn,
      provider: { id: provider.id, status: 'DESIGNATED' },
    });
    // The agreement whose clauses the bureau cites: the provider's city agreement in force.
    expect(proposal.agreement?.exitTerms).toBeTruthy();
    expect(await providerView(provider.id)).toMatchObject({ status: 'DESIGNATED', currentExit: null });

    // The bureau decides, citing the clause; without one, or by another role, it is refused.
    const decision = {
      id: proposal.id,
      v: proposal.version,
      d: 'DISQUALIFY',
      clause: CLAUSE,
      reason: '年度评价情况严重，依协议约定取消资格。',
    };
    expectGatewayRuleViolation(await stack.query(bureau, DECIDE, { ...decision, clause: ' ' }), 'PROVIDER_EVALUATION', '第二十六条');
    expectGatewayCode(await stack.query(monitor, DECIDE, decision), 'FORBIDDEN');
    expect((await providerView(provider.id)).status).toBe('DESIGNATED');
    const decided = await stack.query<{
      decideDisqualification: { status: string; agreementClause: string; exit: { reason: string } | null };
    }>(bureau, DECIDE, decision);
    expect(decided.errors, JSON.stringify(decided.errors)).toBeUndefined();
    expect(decided.data!.decideDisqualification).toMatchObject({
      status: 'DISQUALIFIED',
      agreementClause: CLAUSE,
      exit: { reason: 'DISQUALIFIED' },
    });
    expect((await pendingProposals(bureau)).map((candidate) => candidate.id)).not.toContain(proposal.id);

    const exiting = await providerView(provider.id);
    expect(exiting).toMatchObject({
      status: 'EXITING',
      acceptsNewApplications: false,
      latestEvaluation: { year: 2026, grade: 'SEVERE' },
      currentExit: {
        reason: 'DISQUALIFIED',
        status: 'IN_TRANSITION',
        disqualifyingEvaluation: { id: finalized.id, year: 2026, grade: 'SEVERE', totalScore: 43.1 },
      },
    });
    const exit = exiting.currentExit!;
    expect(exit.startedOn >= finalized.evaluatedOn!).toBe(true);
    expect(exit.transitionEndsOn >= addMonths(finalized.evaluatedOn!, 3)).toBe(true);

    await stack.startSubgraph('applications');
    const progress = async () => {
      const result = await stack.query<{
        providerExit: { migrationProgress: { opened: boolean; total: number; pending: number }; systemMigrations: { totalCount: number } };
      }>(bureau, EXIT, { id: exit.id });
      expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
      return result.data!.providerExit;
    };
    await waitFor('the exit migrations to open', async () => (await progress()).migrationProgress.opened, 30_000);
    const opened = await progress();
    expect(opened.migrationProgress).toEqual({ opened: true, total: hosted, pending: hosted });
    expect(opened.systemMigrations.totalCount).toBe(hosted);
  }, 180_000);
});
