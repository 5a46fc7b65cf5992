// The two effects of a utilisation order (第十五条、第十六条): supervision asks the applications
// subgraph to open a change request on the system's application in production, and applications
// answers with what it did. Both subgraphs parse the payloads here, so they agree on the shape.
import { BadUserInputError } from '../kit/errors';
import { isUuid } from '../kit/ids';
import { PermanentEffectError } from '../kit/jobs';

/** supervision → applications: open the order's change request (idempotent per order id). */
export const OPEN_UTILISATION_CHANGE_REQUEST_TASK = 'applications.openUtilisationChangeRequest';
/** applications → supervision: the change request opened, or the refusal and why. */
export const UTILISATION_ORDER_ANSWERED_TASK = 'supervision.utilisationOrderAnswered';

export type UtilisationOrderKindName = 'DOWNSIZE' | 'RECLAIM';

export interface OpenUtilisationChangeRequestPayload {
  orderId: string;
  systemId: string;
  kind: UtilisationOrderKindName;
  /** The flag the order rests on (IDLE or UNDER_USED). */
  flag: string;
  reason: string;
  /** The bureau's subject: the change request is raised in its name. */
  orderedBy: string;
}

export type UtilisationOrderAnswerPayload =
  | { orderId: string; outcome: 'CHANGE_REQUESTED'; applicationId: string; changeRequestId: string }
  | { orderId: string; outcome: 'REFUSED'; refusalReason: string };

function refuse(task: string, what: string): PermanentEffectError {
  return new PermanentEffectError(new BadUserInputError(`${task} 的任务数据不完整 (${what})`));
}

const text = (value: unknown): value is string => typeof value === 'string' && value.trim().length > 0;

/** A malformed payload can never succeed: refused for good. */
export function parseOpenUtilisationChangeRequest(payload: unknown): OpenUtilisationChangeRequestPayload {
  const value = (payload ?? {}) as Partial<OpenUtilisationChangeRequestPayload>;
  if (
    !isUuid(value.orderId) ||
    !isUuid(value.systemId) ||
    (value.kind !== 'DOWNSIZE' && value.kind !== 'RECLAIM') ||
    !text(value.flag) ||
    !text(value.reason) ||
    !text(value.orderedBy)
  ) {
    throw refuse(OPEN_UTILISATION_CHANGE_REQUEST_TASK, 'orderId, systemId, kind, flag, reason, orderedBy');
  }
  return {
    orderId: value.orderId,
    systemId: value.systemId,
    kind: value.kind,
    flag: value.flag,
    reason: value.reason,
    orderedBy: value.orderedBy,
  };
}

export function parseUtilisationOrderAnswer(payload: unknown): UtilisationOrderAnswerPayload {
  const value = (payload ?? {}) as Record<string, unknown>;
  if (isUuid(value.orderId) && value.outcome === 'CHANGE_REQUESTED' && isUuid(value.applicationId) && isUuid(value.changeRequestId)) {
    return {
      orderId: value.orderId,
      outcome: 'CHANGE_REQUESTED',
      applicationId: value.applicationId,
      changeRequestId: value.changeRequestId,
    };
  }
  if (isUuid(value.orderId) && value.outcome === 'REFUSED' && text(value.refusalReason)) {
    return { orderId: value.orderId, outcome: 'REFUSED', refusalReason: value.refusalReason };
  }
  throw refuse(UTILISATION_ORDER_ANSWERED_TASK, 'orderId, outcome, applicationId/changeRequestId or refusalReason');
}
