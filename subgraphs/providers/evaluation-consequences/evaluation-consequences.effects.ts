// The providers subgraph's handlers of PROVIDER_EVALUATION's consequences (contracts/evaluation-consequences.ts),
// run by its worker. Each runs in one transaction and is idempotent per evaluation; a refusal no retry can
// change (a rule, a provider that does not exist, a malformed payload) is PermanentEffectError.
import type { DataSource } from 'typeorm';
import { inTransaction } from '../../kit/data-source';
import { isIsoDate, todayInChina } from '../../kit/dates';
import { BadUserInputError, ErrorCode, GovCloudError } from '../../kit/errors';
import {
  DISQUALIFY_PROVIDER_TASK,
  ORDER_RECTIFICATION_TASK,
  type EvaluationConsequencePayload,
} from '../../contracts/evaluation-consequences';
import { isUuid } from '../../kit/ids';
import { PermanentEffectError, type EffectTasks } from '../../kit/jobs';
import { disqualifyProvider, orderRectification } from './evaluation-consequence.service';

/** CONFLICT stays retryable: it is also how a deadlock or a concurrent insert surfaces. */
const PERMANENT = new Set<unknown>([ErrorCode.RULE_VIOLATION, ErrorCode.NOT_FOUND, ErrorCode.BAD_USER_INPUT]);

export function parseConsequencePayload(task: string, payload: unknown, grade: 'POOR' | 'SEVERE'): EvaluationConsequencePayload {
  const value = (payload ?? {}) as Partial<EvaluationConsequencePayload>;
  const valid =
    isUuid(value.evaluationId) &&
    isUuid(value.providerId) &&
    Number.isInteger(value.year) &&
    value.grade === grade &&
    typeof value.finalizedOn === 'string' &&
    isIsoDate(value.finalizedOn) &&
    (value.rectificationDueOn == null || (typeof value.rectificationDueOn === 'string' && isIsoDate(value.rectificationDueOn)));
  if (!valid) throw new BadUserInputError(`${task} 的任务数据不完整或有误 (evaluationId, providerId, year, grade=${grade}, finalizedOn)`);
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
  return {
    /** POOR (第二十六条): rectification by the evaluation's deadline; the provider takes no new applications meanwhile. */
    [ORDER_RECTIFICATION_TASK]: (payload) =>
      permanentOnRefusal(async () => {
        const consequence = parseConsequencePayload(ORDER_RECTIFICATION_TASK, payload, 'POOR');
        await inTransaction(dataSource, (manager) => orderRectification(manager, consequence));
      }),
    /** SEVERE (第二十六条): disqualification, which starts the exit and its migrations (EXIT_TRANSITION_3M). */
    [DISQUALIFY_PROVIDER_TASK]: (payload) =>
      permanentOnRefusal(async () => {
        const consequence = parseConsequencePayload(DISQUALIFY_PROVIDER_TASK, payload, 'SEVERE');
        await inTransaction(dataSource, (manager) => disqualifyProvider(manager, consequence, todayInChina()));
      }),
  };
}
