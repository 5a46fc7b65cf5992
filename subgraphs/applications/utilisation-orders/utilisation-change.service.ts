// A utilisation order of the bureau (第十六条, from the supervision subgraph) becomes a change request
// on the system's application in production (第十五条, CHANGE_APPROVAL), in the bureau's name and
// pending its approval, carrying resource lines: RECLAIM removes every line in force, DOWNSIZE halves
// each (utilisationOrderLines); carried out, it lowers the settlement from its date. Idempotent per order: the order's id is unique on change_request.
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { inTransaction } from '../../kit/data-source';
import { todayInChina } from '../../kit/dates';
import { RuleViolationError } from '../../kit/errors';
import { enqueueEffect, PermanentEffectError } from '../../kit/jobs';
import { Role, type Principal } from '../../kit/principal';
import {
  UTILISATION_ORDER_ANSWERED_TASK,
  type OpenUtilisationChangeRequestPayload,
  type UtilisationOrderAnswerPayload,
} from '../../contracts/utilisation-orders';
import { ApplicationEntity } from '../lifecycle/application.entity';
import { ChangeRequestEntity } from '../changes/change-request.entity';
import { utilisationOrderLines } from '../changes/change-lines.rules';
import { insertChangeLines, linesInForce } from '../changes/change-lines.service';
import { nextStatus } from '../lifecycle/lifecycle.rules';
import { recordStep } from '../lifecycle/application-write.service';

const KIND_LABELS = { DOWNSIZE: '缩容', RECLAIM: '回收' } as const;
const FLAG_LABELS: Record<string, string> = { IDLE: '闲置', UNDER_USED: '低利用率' };

/** The change request's text: what the bureau orders, why, and where it comes from. */
export function utilisationChangeDescription(order: OpenUtilisationChangeRequestPayload): string {
  const flag = FLAG_LABELS[order.flag] ?? order.flag;
  return `【资源利用率指令】市大数据局依资源利用率评估（${flag}）要求${KIND_LABELS[order.kind]}云资源：${order.reason}`;
}

async function answer(manager: EntityManager, reply: UtilisationOrderAnswerPayload): Promise<void> {
  await enqueueEffect(manager, UTILISATION_ORDER_ANSWERED_TASK, reply, { jobKey: `utilisation-order-answer:${reply.orderId}` });
}

type Outcome = { kind: 'opened' | 'already'; changeRequestId: string } | { kind: 'refused'; reason: RuleViolationError };

async function open(manager: EntityManager, order: OpenUtilisationChangeRequestPayload): Promise<Outcome> {
  const changes = manager.getRepository(ChangeRequestEntity);
  const existing = await changes.findOne({ where: { utilisationOrderId: order.orderId } });
  if (existing) return { kind: 'already', changeRequestId: existing.id };
  const application = await manager.getRepository(ApplicationEntity).findOne({
    where: { systemId: order.systemId, status: 'IN_PRODUCTION' },
    order: { version: 'DESC' },
    lock: { mode: 'pessimistic_write' },
  });
  if (!application) {
    const reason = new RuleViolationError('CHANGE_APPROVAL', '该系统没有正式运行中的上云申请，无法据资源利用率指令提出变更申请', {
      systemId: order.systemId,
    });
    await answer(manager, { orderId: order.orderId, outcome: 'REFUSED', refusalReason: reason.message });
    return { kind: 'refused', reason };
  }
  const description = utilisationChangeDescription(order);
  const changeRequestId = randomUUID();
  await changes.insert({
    id: changeRequestId,
    applicationId: application.id,
    description,
    status: 'PENDING',
    requestedBy: order.orderedBy,
    requestedAt: new Date(),
    decidedBy: null,
    decidedAt: null,
    decisionReason: null,
    origin: 'UTILISATION_ORDER',
    utilisationOrderId: order.orderId,
  });
  // The order's resource lines: RECLAIM removes every line in force, DOWNSIZE halves each (a local choice).
  const inForce = await linesInForce(manager, application.id, todayInChina());
  await insertChangeLines(manager, changeRequestId, utilisationOrderLines(order.kind, inForce));
  // Recorded in the audit trail as the bureau's step: the order is its decision, not the unit's.
  const bureau: Principal = { subject: order.orderedBy, role: Role.BUREAU };
  await recordStep(manager, application, bureau, {
    action: 'REQUEST_CHANGE',
    to: nextStatus(application, 'REQUEST_CHANGE'),
    reason: description,
  });
  await answer(manager, { orderId: order.orderId, outcome: 'CHANGE_REQUESTED', applicationId: application.id, changeRequestId });
  return { kind: 'opened', changeRequestId };
}

/**
 * Handles `applications.openUtilisationChangeRequest`. The change request and the answer to
 * supervision commit together; a second delivery finds the request and changes nothing. With no
 * application in production the refusal is answered (committed) and then raised as a
 * PermanentEffectError, so the job is not retried and effects.refused_effect keeps why.
 */
export async function openUtilisationChangeRequest(dataSource: DataSource, order: OpenUtilisationChangeRequestPayload): Promise<string> {
  const outcome = await inTransaction(dataSource, (manager) => open(manager, order));
  if (outcome.kind === 'refused') throw new PermanentEffectError(outcome.reason);
  return outcome.changeRequestId;
}
