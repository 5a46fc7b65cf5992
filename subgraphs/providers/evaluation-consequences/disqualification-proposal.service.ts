// A SEVERE annual evaluation's disqualification proposal (PROVIDER_EVALUATION, 第二十六条): created by
// this subgraph's worker when supervision finalizes the evaluation, listed for the bureau, and decided
// by it citing the clause of the provider's agreement. Only DISQUALIFY starts the exit
// (disqualifyProvider, EXIT_TRANSITION_3M); KEEP orders the rectification a poor result would (rectifyKeptProvider).
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { childConnectionLoader } from '../../kit/child-connection';
import { paginateQuery, type Connection, type ConnectionArgs } from '../../kit/connection';
import { fetchByIds } from '../../kit/loader-helpers';
import type { Scope } from '../../kit/principal';
import { CITY_REGION_CODE } from '../../kit/regions';
import { applyProviderRecordScope } from '../../kit/scope-filter';
import type { EvaluationConsequencePayload } from '../../contracts/evaluation-consequences';
import { AgreementEntity } from '../agreements/agreement.entity';
import { lockProvider } from '../directory/provider.service';
import type { DisqualificationDecision } from '../generated/graphql';
import type { Actor } from '../loaders';
import { DisqualificationProposalEntity } from './disqualification-proposal.entity';
import { assertPending, statusAfter } from './disqualification-proposal.rules';
import { disqualifyProvider, orderRectification } from './evaluation-consequence.service';
import { addMonths } from '../../kit/dates';
import { MINIMUM_TRANSITION_MONTHS } from '../exits/exits.rules';
import { assertCanDisqualify } from './evaluation-consequences.rules';

export const DISQUALIFICATION_PROPOSAL = '取消资格建议';

/**
 * SEVERE: the proposal, once per evaluation (a redelivered effect finds it and changes nothing). A
 * provider with no qualification left to take (a candidate, one that has exited) is refused, as the
 * disqualification itself would be; one already exiting gets the proposal, its exit left as it is.
 */
export async function proposeDisqualification(
  manager: EntityManager,
  payload: EvaluationConsequencePayload,
): Promise<DisqualificationProposalEntity> {
  const provider = await lockProvider(manager, payload.providerId);
  const repository = manager.getRepository(DisqualificationProposalEntity);
  const done = await repository.findOne({ where: { evaluationId: payload.evaluationId } });
  if (done) return done;
  if (provider.status !== 'EXITING') assertCanDisqualify(provider.status);
  const agreement = await manager.getRepository(AgreementEntity).findOne({
    where: { providerId: provider.id, regionCode: CITY_REGION_CODE, status: 'ACTIVE' },
    order: { endsOn: 'DESC' },
  });
  const proposal = repository.create({
    id: randomUUID(),
    evaluationId: payload.evaluationId,
    providerId: provider.id,
    evaluationYear: payload.year,
    totalScore: payload.totalScore,
    proposedOn: payload.finalizedOn,
    agreementId: agreement?.id ?? null,
    status: 'PENDING',
    decidedOn: null,
    decidedBy: null,
    agreementClause: null,
    decisionReason: null,
    exitId: null,
    version: 1,
    createdAt: new Date(),
  });
  await repository.insert(proposal);
  return proposal;
}

export interface DisqualificationDecisionInput {
  decision: DisqualificationDecision;
  agreementClause: string;
  reason: string;
}

/**
 * The bureau's decision on a proposal locked at the version it saw: DISQUALIFY starts the exit with
 * reason DISQUALIFIED from today (or records that an exit was already under way); KEEP changes nothing
 * but the proposal. Either way the clause and the reason are recorded with who decided and when.
 */
export async function decideDisqualification(
  manager: EntityManager,
  proposal: DisqualificationProposalEntity,
  input: DisqualificationDecisionInput,
  actor: Actor,
  today: string,
): Promise<DisqualificationProposalEntity> {
  assertPending(proposal.status);
  let exitId: string | null = null;
  if (input.decision === 'DISQUALIFY') {
    const disqualification = await disqualifyProvider(
      manager,
      {
        evaluationId: proposal.evaluationId,
        providerId: proposal.providerId,
        year: proposal.evaluationYear,
        finalizedOn: proposal.proposedOn,
        actor,
      },
      today,
    );
    exitId = disqualification.exitId;
  } else {
    await rectifyKeptProvider(manager, proposal, actor, today);
  }
  const patch = {
    status: statusAfter(input.decision),
    decidedOn: today,
    decidedBy: actor.subject,
    agreementClause: input.agreementClause,
    decisionReason: input.reason,
    exitId,
    version: proposal.version + 1,
  };
  await manager.getRepository(DisqualificationProposalEntity).update({ id: proposal.id }, patch);
  return Object.assign(proposal, patch);
}

/**
 * KEEP (第二十六条): a severe result is at least a poor one, which "应责令其限期整改"; the bureau's
 * decision not to disqualify does not waive that. A designated provider is ordered to rectify within
 * three months of the decision, as a poor result's would be; one already rectifying, or no longer
 * designated, is left as it is.
 */
async function rectifyKeptProvider(
  manager: EntityManager,
  proposal: DisqualificationProposalEntity,
  actor: Actor,
  today: string,
): Promise<void> {
  const provider = await lockProvider(manager, proposal.providerId);
  if (provider.status !== 'DESIGNATED') return;
  await orderRectification(manager, {
    evaluationId: proposal.evaluationId,
    providerId: proposal.providerId,
    year: proposal.evaluationYear,
    grade: 'SEVERE',
    totalScore: proposal.totalScore,
    finalizedOn: today,
    rectificationDueOn: addMonths(today, MINIMUM_TRANSITION_MONTHS),
    actor: { subject: actor.subject },
  });
}

/** Proposals awaiting the bureau's decision, oldest first; a provider sees only those about itself. */
export function listPendingProposals(
  dataSource: DataSource,
  scope: Scope,
  args: ConnectionArgs,
): Promise<Connection<DisqualificationProposalEntity>> {
  const query = applyProviderRecordScope(
    dataSource.getRepository(DisqualificationProposalEntity).createQueryBuilder('proposal'),
    scope,
    'proposal',
  ).andWhere(`proposal.status = 'PENDING'`);
  return paginateQuery(query, args, { alias: 'proposal', sortColumn: 'proposed_on', sortValueOf: (proposal) => proposal.proposedOn });
}

/** Pages of many providers' proposals the scope sees, by the day proposed: one statement a batch (kit/child-connection.ts). */
export function proposalPagesByProvider(dataSource: DataSource, scope: Scope) {
  return childConnectionLoader({
    query: () =>
      applyProviderRecordScope(dataSource.getRepository(DisqualificationProposalEntity).createQueryBuilder('proposal'), scope, 'proposal'),
    alias: 'proposal',
    parentColumn: 'provider_id',
    parentOf: (proposal) => proposal.providerId,
    sortExpression: 'proposal.proposed_on::text',
    sortValueOf: (proposal) => proposal.proposedOn,
  });
}

/** The proposals of these ids the scope sees (the entity's references: the applications subgraph's to-do list). */
export function proposalsByIds(dataSource: DataSource, scope: Scope, ids: readonly string[]): Promise<DisqualificationProposalEntity[]> {
  const query = dataSource.getRepository(DisqualificationProposalEntity).createQueryBuilder('proposal');
  return fetchByIds(applyProviderRecordScope(query, scope, 'proposal'), 'proposal.id', ids);
}
