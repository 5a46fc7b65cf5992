// The annual provider evaluation as a process (PROVIDER_EVALUATION, 第二十六条): the bureau opens it;
// the monitoring agency, the cybersecurity authority, user units and the bureau submit their inputs;
// the bureau finalizes it, and a POOR or SEVERE grade's consequence (rectification, or a disqualification
// proposal the bureau then decides) is enqueued in the same transaction for the providers subgraph. Each step receives the evaluation locked at the version the
// caller saw (the mutation pipeline, kit/mutation.ts, locks it); a finalized evaluation never changes.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { addMonths } from '../../kit/dates';
import { ConflictError, RuleViolationError } from '../../kit/errors';
import { enqueueEvaluationConsequence } from '../../contracts/evaluation-consequences';
import { requireUuid } from '../../kit/ids';
import { SystemFactEntity } from '../../contracts/system-fact.entity';
import type {
  MutationFinalizeProviderEvaluationArgs,
  MutationOpenProviderEvaluationArgs,
  ProviderEvaluationInputKind,
} from '../generated/graphql';
import { ProviderEvaluationInputEntity } from './provider-evaluation-input.entity';
import { ProviderEvaluationEntity } from './provider-evaluation.entity';
import {
  RECTIFICATION_MONTHS,
  assertInputsComplete,
  averageRating,
  gradeOf,
  missingInputs,
  requireEvaluationYear,
  weightedTotalScore,
} from './provider-evaluation.rules';

export const PROVIDER_EVALUATION = '定点服务商年度评价';

export interface Actor {
  subject: string;
}

/** What every step names: the evaluation, at the version the caller saw. */
export type StepArgs = Pick<MutationFinalizeProviderEvaluationArgs, 'evaluationId' | 'version'>;

/** The scores and figures of one input; which fields a kind carries is fixed by its mutation. */
export type InputFields = Partial<
  Pick<
    ProviderEvaluationInputEntity,
    | 'platformOperationScore'
    | 'serviceLevelScore'
    | 'securityScore'
    | 'operationsManagementScore'
    | 'serviceQualityScore'
    | 'availabilityPercent'
    | 'incidentCount'
    | 'avgResponseMinutes'
    | 'complaintCount'
    | 'remarks'
  >
>;

/** Units hosted on the provider's platform during the year, as the system facts replica knows them. */
async function hostsUnit(manager: EntityManager, providerId: string, unitId: string | null, year: number): Promise<boolean> {
  const query = manager
    .getRepository(SystemFactEntity)
    .createQueryBuilder('fact')
    .where('fact.provider_id = :providerId', { providerId })
    .andWhere('(fact.retired_on IS NULL OR fact.retired_on >= make_date(:year, 1, 1))', { year });
  if (unitId) query.andWhere('fact.unit_id = :unitId', { unitId });
  return query.getExists();
}

/** The arguments of an opening, checked before anything is read (BAD_USER_INPUT). */
export function parseOpening(args: MutationOpenProviderEvaluationArgs, today: string): { providerId: string; year: number } {
  return { providerId: requireUuid(args.providerId, 'providerId'), year: requireEvaluationYear(args.year, today) };
}

/** The bureau opens the year's evaluation of a provider whose platform hosts units' systems. */
export async function openEvaluation(
  manager: EntityManager,
  { providerId, year }: { providerId: string; year: number },
  actor: Actor,
  today: string,
): Promise<ProviderEvaluationEntity> {
  if (!(await hostsUnit(manager, providerId, null, year))) {
    throw new RuleViolationError('PROVIDER_EVALUATION', '该服务商的云平台上没有使用单位的政务信息系统，无从组织年度评价', {
      providerId,
      year,
    });
  }
  const repository = manager.getRepository(ProviderEvaluationEntity);
  if (await repository.exists({ where: { providerId, year } })) throw new ConflictError(`该服务商 ${year} 年度的评价已存在`);
  const evaluation = repository.create({
    id: randomUUID(),
    providerId,
    year,
    status: 'OPEN',
    version: 1,
    openedOn: today,
    openedBy: actor.subject,
    finalizedBy: null,
    platformOperationScore: null,
    securityScore: null,
    operationsManagementScore: null,
    serviceLevelScore: null,
    serviceQualityScore: null,
    totalScore: null,
    grade: null,
    evaluatedOn: null,
    rectificationDueOn: null,
    rectifiedOn: null,
    remarks: null,
  });
  // A concurrent open of the same (provider, year) fails on the unique key: CONFLICT (inTransaction).
  await repository.insert(evaluation);
  return evaluation;
}

/** A finalized evaluation never changes (PROVIDER_EVALUATION). */
function assertOpen(evaluation: ProviderEvaluationEntity): void {
  if (evaluation.status === 'FINALIZED') {
    throw new RuleViolationError('PROVIDER_EVALUATION', `${evaluation.year} 年度评价已定稿，不能再修改`, { evaluationId: evaluation.id });
  }
}

async function bumpVersion(manager: EntityManager, evaluation: ProviderEvaluationEntity): Promise<ProviderEvaluationEntity> {
  evaluation.version += 1;
  await manager.getRepository(ProviderEvaluationEntity).update({ id: evaluation.id }, { version: evaluation.version });
  return evaluation;
}

/**
 * Records (or replaces, while OPEN) one input. A SERVICE_QUALITY rating comes from a unit whose
 * systems the provider hosted during the year (system facts replica), else PROVIDER_EVALUATION.
 */
export async function submitInput(
  manager: EntityManager,
  evaluation: ProviderEvaluationEntity,
  input: { kind: ProviderEvaluationInputKind; unitId: string | null; fields: InputFields },
  actor: Actor,
): Promise<ProviderEvaluationEntity> {
  assertOpen(evaluation);
  if (input.unitId && !(await hostsUnit(manager, evaluation.providerId, input.unitId, evaluation.year))) {
    throw new RuleViolationError(
      'PROVIDER_EVALUATION',
      `只有 ${evaluation.year} 年度在该服务商云平台上部署系统的使用单位可以评价其服务质量`,
      {
        unitId: input.unitId,
      },
    );
  }
  const repository = manager.getRepository(ProviderEvaluationInputEntity);
  const existing = await repository.findOne({
    where: input.unitId ? { evaluationId: evaluation.id, unitId: input.unitId } : { evaluationId: evaluation.id, kind: input.kind },
  });
  const row = {
    ...input.fields,
    kind: input.kind,
    unitId: input.unitId,
    evaluationId: evaluation.id,
    providerId: evaluation.providerId,
    submittedBy: actor.subject,
    submittedAt: new Date(),
  };
  if (existing) await repository.update({ id: existing.id }, row);
  else await repository.insert({ id: randomUUID(), ...row });
  return bumpVersion(manager, evaluation);
}

/**
 * The bureau finalizes: every input present (else PROVIDER_EVALUATION naming what is missing), the
 * weighted total and grade computed, and a POOR or SEVERE grade's consequence enqueued.
 */
export async function finalizeEvaluation(
  manager: EntityManager,
  evaluation: ProviderEvaluationEntity,
  remarks: string,
  actor: Actor,
  today: string,
): Promise<ProviderEvaluationEntity> {
  assertOpen(evaluation);
  const inputs = await manager.getRepository(ProviderEvaluationInputEntity).find({ where: { evaluationId: evaluation.id } });
  assertInputsComplete(missingInputs(inputs.map((input) => input.kind)));
  const one = (kind: ProviderEvaluationInputKind) => inputs.find((input) => input.kind === kind)!;
  const scores = {
    platformOperation: one('MONITORING').platformOperationScore!,
    serviceLevel: one('MONITORING').serviceLevelScore!,
    security: one('SECURITY').securityScore!,
    operationsManagement: one('OPERATIONS_MANAGEMENT').operationsManagementScore!,
    serviceQuality: averageRating(inputs.filter((input) => input.kind === 'SERVICE_QUALITY').map((input) => input.serviceQualityScore!)),
  };
  const totalScore = weightedTotalScore(scores);
  const grade = gradeOf(totalScore);
  const finalized: Partial<ProviderEvaluationEntity> = {
    platformOperationScore: scores.platformOperation,
    securityScore: scores.security,
    operationsManagementScore: scores.operationsManagement,
    serviceLevelScore: scores.serviceLevel,
    serviceQualityScore: scores.serviceQuality,
    totalScore,
    grade,
    evaluatedOn: today,
    rectificationDueOn: grade === 'POOR' ? addMonths(today, RECTIFICATION_MONTHS) : null,
    remarks,
    status: 'FINALIZED',
    finalizedBy: actor.subject,
    version: evaluation.version + 1,
  };
  await manager.getRepository(ProviderEvaluationEntity).update({ id: evaluation.id }, finalized);
  Object.assign(evaluation, finalized);
  if (grade === 'POOR' || grade === 'SEVERE') {
    await enqueueEvaluationConsequence(manager, {
      evaluationId: evaluation.id,
      providerId: evaluation.providerId,
      year: evaluation.year,
      grade,
      totalScore,
      finalizedOn: today,
      rectificationDueOn: evaluation.rectificationDueOn,
      actor: { subject: actor.subject },
    });
  }
  return evaluation;
}
