// Shared by the supervision tests of the annual provider evaluation (PROVIDER_EVALUATION, 第二十六条).
import type { UnitRecord } from '../../../seed/world';
import { Role, type Principal } from '../../../subgraphs/kit/principal';
import { world } from '../../setup/principals';
import type { GraphQLResult, SubgraphForTest } from '../../setup/subgraph';

export const monitor: Principal = { subject: 'test-monitor', role: Role.MONITOR };
export const center: Principal = { subject: 'test-center', role: Role.CENTER };

export const EVALUATION_FIELDS = `id year status version openedOn grade totalScore evaluatedOn rectificationDueOn remarks
  platformOperationScore securityScore operationsManagementScore serviceLevelScore serviceQualityScore
  missingInputs serviceQualityRatingCount provider { id }`;

export const OPEN = `mutation($providerId: ID!, $year: Int!) { openProviderEvaluation(providerId: $providerId, year: $year) { ${EVALUATION_FIELDS} } }`;
export const MONITORING = `mutation($id: ID!, $version: Int!, $input: MonitoringEvaluationInput!) {
  submitMonitoringEvaluationScores(evaluationId: $id, version: $version, input: $input) { ${EVALUATION_FIELDS} } }`;
export const SECURITY = `mutation($id: ID!, $version: Int!, $score: Float!) {
  submitSecurityEvaluationScore(evaluationId: $id, version: $version, score: $score) { ${EVALUATION_FIELDS} } }`;
export const RATING = `mutation($id: ID!, $version: Int!, $score: Float!, $remarks: String) {
  submitServiceQualityRating(evaluationId: $id, version: $version, score: $score, remarks: $remarks) { ${EVALUATION_FIELDS} } }`;
export const OPERATIONS = `mutation($id: ID!, $version: Int!, $score: Float!) {
  scoreOperationsManagement(evaluationId: $id, version: $version, score: $score) { ${EVALUATION_FIELDS} } }`;
export const FINALIZE = `mutation($id: ID!, $version: Int!, $remarks: String!) {
  finalizeProviderEvaluation(evaluationId: $id, version: $version, remarks: $remarks) { ${EVALUATION_FIELDS} } }`;
export const READ = `query($id: ID!) { providerEvaluation(id: $id) { ${EVALUATION_FIELDS}
  inputs(first: 100) { totalCount edges { node { kind unit { id } serviceQualityScore availabilityPercent incidentCount submittedBy } } } } }`;

export interface Evaluation {
  id: string;
  year: number;
  status: string;
  version: number;
  grade: string | null;
  totalScore: number | null;
  evaluatedOn: string | null;
  rectificationDueOn: string | null;
  remarks: string | null;
  platformOperationScore: number | null;
  securityScore: number | null;
  operationsManagementScore: number | null;
  serviceLevelScore: number | null;
  serviceQualityScore: number | null;
  missingInputs: string[];
  serviceQualityRatingCount: number;
  provider: { id: string };
}

/** Units with a system on the provider's platform that is not retired (as the replica is seeded). */
export function unitsHostedBy(providerId: string): UnitRecord[] {
  const unitIds = new Set(world.systems.filter((s) => s.providerId === providerId && !s.retiredOn).map((s) => s.unitId));
  return world.units.filter((unit) => unitIds.has(unit.id));
}

/** A unit with no system on the provider's platform. */
export function unitNotHostedBy(providerId: string): UnitRecord {
  const hosted = new Set(world.systems.filter((s) => s.providerId === providerId).map((s) => s.unitId));
  const unit = world.units.find((candidate) => !hosted.has(candidate.id) && world.systems.some((s) => s.unitId === candidate.id));
  if (!unit) throw new Error('every unit with systems is hosted by this provider');
  return unit;
}

/** The mutation's payload, failing the test with the errors when there are any. */
export function payload<T = Evaluation>(result: GraphQLResult, field: string): T {
  if (result.errors) throw new Error(`${field}: ${JSON.stringify(result.errors)}`);
  return (result.data as Record<string, T>)[field]!;
}

export interface Scores {
  platformOperation: number;
  serviceLevel: number;
  security: number;
  operationsManagement: number;
  ratings: number[];
}

/** Every input of an OPEN evaluation, by the roles that give them; returns the evaluation after the last. */
export async function submitAllInputs(
  subgraph: SubgraphForTest,
  evaluation: Evaluation,
  scores: Scores,
  raters: readonly Principal[],
  bureau: Principal,
): Promise<Evaluation> {
  let current = payload(
    await subgraph.query(monitor, MONITORING, {
      id: evaluation.id,
      version: evaluation.version,
      input: {
        platformOperationScore: scores.platformOperation,
        serviceLevelScore: scores.serviceLevel,
        availabilityPercent: 99.2,
        incidentCount: 7,
        avgResponseMinutes: 42.5,
        complaintCount: 11,
      },
    }),
    'submitMonitoringEvaluationScores',
  );
  const cybersec: Principal = { subject: 'test-cybersec', role: Role.CYBERSEC };
  current = payload(
    await subgraph.query(cybersec, SECURITY, { id: current.id, version: current.version, score: scores.security }),
    'submitSecurityEvaluationScore',
  );
  for (const [i, rater] of raters.entries()) {
    current = payload(
      await subgraph.query(rater, RATING, { id: current.id, version: current.version, score: scores.ratings[i] }),
      'submitServiceQualityRating',
    );
  }
  return payload(
    await subgraph.query(bureau, OPERATIONS, { id: current.id, version: current.version, score: scores.operationsManagement }),
    'scoreOperationsManagement',
  );
}
