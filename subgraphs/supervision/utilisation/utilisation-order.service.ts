// The bureau's downsize and reclaim orders (第十五条、第十六条): an order is recorded with the effect
// that asks the applications subgraph to open the change request, in one transaction; the answer
// comes back as another effect and settles the order's status.
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { Connection } from '../../kit/connection';
import { pageWithinDays } from '../../kit/dated-list';
import { BadUserInputError, ConflictError } from '../../kit/errors';
import { requireRegionCode, requireUuid } from '../../kit/ids';
import { formatInstant } from '../../kit/instants';
import { fetchByIds } from '../../kit/loader-helpers';
import { enqueueEffect } from '../../kit/jobs';
import type { Principal, Scope } from '../../kit/principal';
import { applyScope } from '../../kit/scope-filter';
import { requireSystemFact } from '../../contracts/system-facts-replica';
import {
  OPEN_UTILISATION_CHANGE_REQUEST_TASK,
  type OpenUtilisationChangeRequestPayload,
  type UtilisationOrderAnswerPayload,
} from '../../contracts/utilisation-orders';
import type { OrderUtilisationChangeInput, QueryUtilisationOrdersArgs, UtilisationOrderKind } from '../generated/graphql';
import { UtilisationOrderEntity } from './utilisation-order.entity';
import { UtilisationEvaluationService } from './utilisation-evaluation.service';
import { assertOrderable, requirePeriod, type UtilisationPeriod, type UtilisationThresholds } from './utilisation.rules';

const MAX_REASON = 1000;

function requireOrderReason(reason: string): string {
  const text = typeof reason === 'string' ? reason.trim() : '';
  if (text.length < 1 || text.length > MAX_REASON) throw new BadUserInputError(`指令理由（reason）须为 1 至 ${MAX_REASON} 字`, 'reason');
  return text;
}

export interface ParsedOrderInput {
  systemId: string;
  kind: UtilisationOrderKind;
  reason: string;
  period: UtilisationPeriod;
}

/** The input checked before any read (BAD_USER_INPUT): kind, reason, period. */
export function parseOrderInput(input: OrderUtilisationChangeInput, today: string): ParsedOrderInput {
  if (input.kind !== 'DOWNSIZE' && input.kind !== 'RECLAIM')
    throw new BadUserInputError('指令类型（kind）须为 DOWNSIZE 或 RECLAIM', 'kind');
  return {
    systemId: input.systemId,
    kind: input.kind,
    reason: requireOrderReason(input.reason),
    period: requirePeriod(input.from, input.to, today),
  };
}

/**
 * Records the order and enqueues its change request, or changes nothing: the system must be known,
 * flagged over the period (IDLE or UNDER_USED; RECLAIM only IDLE) and have no order still waiting
 * for the applications subgraph's answer. The system's fact row is locked so two orders serialise.
 */
export async function orderUtilisationChange(
  manager: EntityManager,
  principal: Principal,
  input: ParsedOrderInput,
  context: { thresholds: UtilisationThresholds; scope: Scope },
): Promise<UtilisationOrderEntity> {
  const { reason, period } = input;
  const fact = await requireSystemFact(manager, input.systemId, true);
  const [evaluation] = await new UtilisationEvaluationService(manager, context.scope, context.thresholds).bySystemIds(
    [fact.systemId],
    period,
  );
  assertOrderable(evaluation!.flag, input.kind);
  const orders = manager.getRepository(UtilisationOrderEntity);
  if (await orders.exists({ where: { systemId: fact.systemId, status: 'ORDERED' } })) {
    throw new ConflictError('该系统已有一条缩容或回收指令正在转为变更申请，请待其处理完毕后再下达');
  }
  const order: UtilisationOrderEntity = {
    id: randomUUID(),
    systemId: fact.systemId,
    unitId: fact.unitId,
    regionCode: fact.regionCode,
    providerId: fact.providerId,
    flag: evaluation!.flag as UtilisationOrderEntity['flag'],
    kind: input.kind,
    reason,
    periodFrom: period.from,
    periodTo: period.to,
    orderedBy: principal.subject,
    orderedAt: new Date(),
    status: 'ORDERED',
    applicationId: null,
    changeRequestId: null,
    refusalReason: null,
    answeredAt: null,
  };
  await orders.insert(order);
  const payload: OpenUtilisationChangeRequestPayload = {
    orderId: order.id,
    systemId: order.systemId,
    kind: order.kind,
    flag: order.flag,
    reason: order.reason,
    orderedBy: order.orderedBy,
  };
  await enqueueEffect(manager, OPEN_UTILISATION_CHANGE_REQUEST_TASK, payload, { jobKey: `utilisation-order:${order.id}` });
  return order;
}

/** The applications subgraph's answer; only a waiting order takes it, so a redelivery changes nothing. */
export async function recordUtilisationOrderAnswer(manager: EntityManager, answer: UtilisationOrderAnswerPayload): Promise<boolean> {
  const settled =
    answer.outcome === 'CHANGE_REQUESTED'
      ? { status: 'CHANGE_REQUESTED' as const, applicationId: answer.applicationId, changeRequestId: answer.changeRequestId }
      : { status: 'REFUSED' as const, refusalReason: answer.refusalReason };
  const result = await manager
    .getRepository(UtilisationOrderEntity)
    .update({ id: answer.orderId, status: 'ORDERED' }, { ...settled, answeredAt: new Date() });
  return result.affected === 1;
}

/** Orders are seen as their systems are: the city, the county, the unit, the hosting provider. */
export class UtilisationOrderService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: Scope,
  ) {}

  private scoped() {
    return applyScope(this.dataSource.getRepository(UtilisationOrderEntity).createQueryBuilder('ord'), this.scope, 'ord', {
      region: 'region_code',
      unit: 'unit_id',
      provider: 'provider_id',
    });
  }

  /** In order time (newest first unless asked otherwise), filtered; the deprecated arguments still work. */
  list(args: QueryUtilisationOrdersArgs): Promise<Connection<UtilisationOrderEntity>> {
    const query = this.scoped();
    const filter = args.filter ?? {};
    if (args.systemId != null) query.andWhere('ord.system_id = :systemId', { systemId: requireUuid(args.systemId, 'systemId') });
    if (args.status != null) query.andWhere('ord.status = :status', { status: args.status });
    if (filter.systemId != null) {
      query.andWhere('ord.system_id = :filterSystemId', { filterSystemId: requireUuid(filter.systemId, 'filter.systemId') });
    }
    if (filter.regionCode != null) {
      query.andWhere('ord.region_code = :regionCode', { regionCode: requireRegionCode(filter.regionCode, 'filter.regionCode') });
    }
    if (filter.kind) query.andWhere('ord.kind IN (:...kinds)', { kinds: [...filter.kind, ''] });
    if (filter.status) query.andWhere('ord.status IN (:...statuses)', { statuses: [...filter.status, ''] });
    return pageWithinDays(query, args, {
      alias: 'ord',
      column: 'ordered_at',
      type: 'timestamptz',
      range: { from: filter.orderedFrom, to: filter.orderedTo },
      name: 'ordered',
      direction: args.orderBy === 'ORDERED_AT_ASC' ? 'ASC' : 'DESC',
      sortValueOf: (order) => formatInstant(order.orderedAt),
    });
  }

  byIds(ids: readonly string[]): Promise<UtilisationOrderEntity[]> {
    return fetchByIds(this.scoped(), 'ord.id', ids);
  }

  exists(id: string): Promise<boolean> {
    return this.dataSource.getRepository(UtilisationOrderEntity).exists({ where: { id } });
  }
}
