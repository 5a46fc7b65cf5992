// The consequences of a finalized annual evaluation (PROVIDER_EVALUATION, 第二十六条), carried out by
// this subgraph: POOR orders a rectification (RECTIFYING, no new applications) from the worker; the
// bureau's DISQUALIFY decision on a SEVERE grade's proposal (disqualification-proposal.service.ts)
// disqualifies and starts the exit (EXIT_TRANSITION_3M). Each acts at most once per evaluation:
// the provider row is locked first, then the evaluation's record decides whether there is anything left to do.
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { childConnectionLoader } from '../../kit/child-connection';
import { addMonths } from '../../kit/dates';
import { ConflictError } from '../../kit/errors';
import { CITY_REGION_CODE } from '../../kit/regions';
import type { EvaluationConsequencePayload } from '../../contracts/evaluation-consequences';
import { fetchByIds } from '../../kit/loader-helpers';
import { ProviderDisqualificationEntity } from './provider-disqualification.entity';
import { ProviderExitEntity } from '../exits/provider-exit.entity';
import { ProviderRectificationEntity } from './provider-rectification.entity';
import {
  assertCanConfirmRectification,
  assertCanDisqualify,
  assertCanOrderRectification,
  disqualificationExitPlan,
} from './evaluation-consequences.rules';
import { MINIMUM_TRANSITION_MONTHS } from '../exits/exits.rules';
import type { Actor } from '../loaders';
import { startProviderExit } from '../exits/provider-exit.service';
import { lockProvider, setProviderStatus } from '../directory/provider.service';

export const PROVIDER_RECTIFICATION = '服务商整改记录';

/** POOR: the provider becomes RECTIFYING with the evaluation's deadline; nothing when already done for this evaluation. */
export async function orderRectification(
  manager: EntityManager,
  payload: EvaluationConsequencePayload,
): Promise<ProviderRectificationEntity> {
  const provider = await lockProvider(manager, payload.providerId);
  const repository = manager.getRepository(ProviderRectificationEntity);
  const done = await repository.findOne({ where: { evaluationId: payload.evaluationId } });
  if (done) return done;
  assertCanOrderRectification(provider.status);
  const rectification = repository.create({
    id: randomUUID(),
    providerId: provider.id,
    evaluationId: payload.evaluationId,
    evaluationYear: payload.year,
    orderedOn: payload.finalizedOn,
    // The evaluation states its deadline; an older payload without one gets the same three months.
    dueOn: payload.rectificationDueOn ?? addMonths(payload.finalizedOn, MINIMUM_TRANSITION_MONTHS),
    status: 'ORDERED',
    confirmedOn: null,
    confirmedBy: null,
    confirmationNote: null,
    version: 1,
    createdAt: new Date(),
  });
  await repository.insert(rectification);
  await setProviderStatus(manager, provider, 'RECTIFYING');
  return rectification;
}

/** What a disqualification names: the SEVERE evaluation, the day it was finalized, who decided. */
export type DisqualificationOrder = Pick<EvaluationConsequencePayload, 'evaluationId' | 'providerId' | 'year' | 'finalizedOn' | 'actor'>;

/**
 * The bureau's DISQUALIFY decision on a SEVERE evaluation: starts the provider's exit with reason
 * DISQUALIFIED (startProviderExit enqueues the migrations of every hosted system). Nothing when this
 * evaluation was handled already; when an exit is already under way it is left as it is, and only
 * the disqualification is recorded.
 */
export async function disqualifyProvider(
  manager: EntityManager,
  payload: DisqualificationOrder,
  today: string,
): Promise<ProviderDisqualificationEntity> {
  const provider = await lockProvider(manager, payload.providerId);
  const repository = manager.getRepository(ProviderDisqualificationEntity);
  const done = await repository.findOne({ where: { evaluationId: payload.evaluationId } });
  if (done) return done;
  const record = { evaluationId: payload.evaluationId, providerId: provider.id, evaluationYear: payload.year, createdAt: new Date() };
  // An exit from one county only (第九条) does not stop the disqualification's city-wide exit.
  const open = await manager
    .getRepository(ProviderExitEntity)
    .exists({ where: { providerId: provider.id, status: 'IN_TRANSITION', regionCode: CITY_REGION_CODE } });
  if (open) {
    const kept = repository.create({ ...record, disqualifiedOn: today, outcome: 'EXIT_ALREADY_OPEN', exitId: null });
    await repository.insert(kept);
    return kept;
  }
  assertCanDisqualify(provider.status);
  const plan = disqualificationExitPlan(payload.finalizedOn, today);
  const exit = await startProviderExit(manager, provider, { reason: 'DISQUALIFIED', ...plan, shortTransitionReason: null }, payload.actor);
  const started = repository.create({ ...record, disqualifiedOn: plan.startedOn, outcome: 'EXIT_STARTED', exitId: exit.id });
  await repository.insert(started);
  return started;
}

/**
 * The bureau confirms the rectification done: the provider is DESIGNATED again and takes applications.
 * `rectification` is locked at the version the bureau saw.
 */
export async function confirmRectification(
  manager: EntityManager,
  rectification: ProviderRectificationEntity,
  note: string,
  actor: Actor,
  today: string,
): Promise<ProviderRectificationEntity> {
  if (rectification.status === 'CONFIRMED') throw new ConflictError('该整改已确认');
  const provider = await lockProvider(manager, rectification.providerId);
  assertCanConfirmRectification(provider.status);
  const patch = {
    status: 'CONFIRMED' as const,
    confirmedOn: today,
    confirmedBy: actor.subject,
    confirmationNote: note,
    version: rectification.version + 1,
  };
  await manager.getRepository(ProviderRectificationEntity).update({ id: rectification.id }, patch);
  await setProviderStatus(manager, provider, 'DESIGNATED');
  return Object.assign(rectification, patch);
}

export function rectificationsByProviderIds(
  dataSource: DataSource,
  providerIds: readonly string[],
): Promise<ProviderRectificationEntity[]> {
  return fetchByIds(
    dataSource.getRepository(ProviderRectificationEntity).createQueryBuilder('rectification'),
    'rectification.provider_id',
    providerIds,
  );
}

/** Pages of many providers' rectifications by the day ordered: one statement a batch (kit/child-connection.ts). */
export function rectificationPagesByProvider(dataSource: DataSource) {
  return childConnectionLoader({
    query: () => dataSource.getRepository(ProviderRectificationEntity).createQueryBuilder('rectification'),
    alias: 'rectification',
    parentColumn: 'provider_id',
    parentOf: (rectification) => rectification.providerId,
    sortExpression: 'rectification.ordered_on::text',
    sortValueOf: (rectification) => rectification.orderedOn,
  });
}

export function disqualificationsByExitIds(dataSource: DataSource, exitIds: readonly string[]): Promise<ProviderDisqualificationEntity[]> {
  return fetchByIds(
    dataSource.getRepository(ProviderDisqualificationEntity).createQueryBuilder('disqualification'),
    'disqualification.exit_id',
    exitIds,
  );
}
