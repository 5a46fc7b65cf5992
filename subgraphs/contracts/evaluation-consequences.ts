// PROVIDER_EVALUATION (第二十六条) across subgraphs: the supervision subgraph finalizes a provider's
// annual evaluation; a POOR grade orders rectification by a deadline (应责令其限期整改), a SEVERE one
// proposes the provider's disqualification, which the bureau decides citing the clause of its agreement
// (应按照定点服务协议有关约定，取消其服务资格); only that decision starts the exit (EXIT_TRANSITION_3M,
// 第九条). The providers subgraph, which owns the provider's status, exits and the proposals, carries
// both out from its worker (subgraphs/providers/effects.ts).
import type { EntityManager } from 'typeorm';
import { enqueueEffect } from '../kit/jobs';

/** POOR: the provider becomes RECTIFYING until the bureau confirms the rectification. */
export const ORDER_RECTIFICATION_TASK = 'providers.orderRectification';
/** SEVERE: a disqualification proposal, pending the bureau's decision. */
export const PROPOSE_DISQUALIFICATION_TASK = 'providers.proposeDisqualification';
/**
 * The SEVERE task's name before proposals: a job enqueued under it before the upgrade and not yet run
 * becomes a proposal too (the providers subgraph handles both names alike); nothing enqueues it any more.
 */
export const LEGACY_DISQUALIFY_PROVIDER_TASK = 'providers.disqualifyProvider';

export type ConsequentGrade = 'POOR' | 'SEVERE';

export interface EvaluationConsequencePayload {
  /** The finalized ProviderEvaluation; the providers subgraph acts at most once per evaluation. */
  evaluationId: string;
  providerId: string;
  year: number;
  grade: ConsequentGrade;
  /** Two decimals, as stored (evaluation.rules.ts). */
  totalScore: number;
  /** The day the evaluation was finalized (ISO date). */
  finalizedOn: string;
  /** POOR only: the rectification deadline set at finalization; null for SEVERE. */
  rectificationDueOn: string | null;
  /** Who finalized the evaluation (the principal's subject). */
  actor: { subject: string };
}

/** The task a grade leads to, or null for a grade without consequence. */
export function consequenceTaskOf(grade: string): string | null {
  if (grade === 'POOR') return ORDER_RECTIFICATION_TASK;
  if (grade === 'SEVERE') return PROPOSE_DISQUALIFICATION_TASK;
  return null;
}

/**
 * Enqueues the grade's consequence in the finalizing transaction (both commit or neither); one job
 * per evaluation. Returns the job id, or null when the grade has no consequence.
 */
export async function enqueueEvaluationConsequence(manager: EntityManager, payload: EvaluationConsequencePayload): Promise<string | null> {
  const task = consequenceTaskOf(payload.grade);
  if (!task) return null;
  return enqueueEffect(manager, task, payload, { jobKey: `${task}:${payload.evaluationId}` });
}
