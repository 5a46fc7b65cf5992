// PROVIDER_EVALUATION (第二十六条) across subgraphs: the supervision subgraph finalizes a provider's
// annual evaluation; a POOR grade orders rectification by a deadline, a SEVERE one disqualifies the
// provider and starts its exit (EXIT_TRANSITION_3M, 第九条). The providers subgraph, which owns the
// provider's status and exits, carries both out from its worker (subgraphs/providers/effects.ts).
import type { EntityManager } from 'typeorm';
import { enqueueEffect } from '../kit/jobs';

/** POOR: the provider becomes RECTIFYING until the bureau confirms the rectification. */
export const ORDER_RECTIFICATION_TASK = 'providers.orderRectification';
/** SEVERE: the provider's exit starts with reason DISQUALIFIED. */
export const DISQUALIFY_PROVIDER_TASK = 'providers.disqualifyProvider';

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
  if (grade === 'SEVERE') return DISQUALIFY_PROVIDER_TASK;
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
