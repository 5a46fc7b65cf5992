// The providers subgraph's handlers of PROVIDER_EVALUATION's consequences (contracts/evaluation-consequences.ts),
// run by its worker. Each runs in one transaction and is idempotent per evaluation; a refusal no retry can
// change (a rule, a provider that does not exist, a malformed payload) is PermanentEffectError.
import type { DataSource } from 'typeorm';
import { inTransaction } from '../../kit/data-source';
import { isIsoDate } from '../../kit/dates';
import { BadUserInputError, ErrorCode, GovCloudError } from '../../kit/errors';
import {
  LEGACY_DISQUALIFY_PROVIDER_TASK,
  ORDER_RECTIFICATION_TASK,
  PROPOSE_DISQUALIFICATION_TASK,
  type EvaluationConsequencePayload,
} from '../../contracts/evaluation-consequences';
import { isUuid } from '../../kit/ids';
import { PermanentEffectError, type EffectTasks } from '../../kit/jobs';
import { orderRectification } from './evaluation-consequence.service';
import { proposeDisqualification } from './disqualification-proposal.service';

/** CONFLICT stays retryable: it is also how a deadlock or a concurrent insert surfaces. */
const PERMANENT = new Set<unknown>([ErrorCode.RULE_VIOLATION, ErrorCode.NOT_FOUND, ErrorCode.BAD_USER_INPUT]);

export function parseConsequencePayload(task: string, payload: unknown, grade: 'POOR' | 'SEVERE'): EvaluationConsequencePayload {
  const value = (payload ?? {}) as Partial<EvaluationConsequencePayload>;
  const valid =
    isUuid(value.evaluationId) &&
    isUuid(value.providerId) &&
    Number.isInteger(value.year) &&
    value.grade === grade &&
    typeof value.totalScore === 'number' &&
    value.totalScore >= 0 &&
    value.totalScore <= 100 &&
    typeof value.finalizedOn === 'string' &&
    isIsoDate(value.finalizedOn) &&
    (value.rectificationDueOn == null || (typeof value.rectificationDueOn === 'string' && isIsoDate(value.rectificationDueOn)));
  if (!valid)
    throw new BadUserInputError(`${task} 的任务数据不完整或有误 (evaluationId, providerId, year, grade=${grade}, totalScore, finalizedOn)`);
  const subject = typeof value.actor?.subject === 'string' && value.actor.subject ? value.actor.subject : 'system';
  return { ...(value as EvaluationConsequencePayload), rectificationDueOn: value.rectificationDueOn ?? null, actor: { subject } };
}

async function permanentOnRefusal(work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (error instanceof GovCloudError && PERMANENT.has(error.extensions.code)) throw new PermanentEffectError(error);
    throw error;
  }
}

export function createEvaluationConsequenceTasks(dataSource: DataSource): EffectTasks {
  /** SEVERE (第二十六条): a disqualification proposal for the bureau to decide under the agreement; no exit yet. */
  const propose = (task: string) => (payload: unknown) =>
    permanentOnRefusal(async () => {
      const consequence = parseConsequencePayload(task, payload, 'SEVERE');
      await inTransaction(dataSource, (manager) => proposeDisqualification(manager, consequence));
    });
  return {
    /** POOR (第二十六条): rectification by the evaluation's deadline; the provider takes no new applications meanwhile. */
    [ORDER_RECTIFICATION_TASK]: (payload) =>
      permanentOnRefusal(async () => {
        const consequence = parseConsequencePayload(ORDER_RECTIFICATION_TASK, payload, 'POOR');
        await inTransaction(dataSource, (manager) => orderRectification(manager, consequence));
      }),
    [PROPOSE_DISQUALIFICATION_TASK]: propose(PROPOSE_DISQUALIFICATION_TASK),
    // A job enqueued under the old name before the upgrade becomes a proposal too, never a disqualification.
    [LEGACY_DISQUALIFY_PROVIDER_TASK]: propose(LEGACY_DISQUALIFY_PROVIDER_TASK),
  };
}
