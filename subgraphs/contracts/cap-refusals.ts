// CATALOG_CAP (第八条) back across subgraphs: the applications subgraph checks a concluded price
// against its replica of the caps, which may not yet have heard of a lowering; the providers
// subgraph, which owns the caps, then refuses that price's CAP_LOWERS effect as above the cap in
// force, and tells the applications subgraph, which marks the application instead of leaving it
// silently PROCURED (lifecycle/price-above-cap.service.ts).
import type { EntityManager } from 'typeorm';
import { BadUserInputError } from '../kit/errors';
import { isUuid } from '../kit/ids';
import { enqueueEffect } from '../kit/jobs';
import { yuanToFen } from '../kit/money';

/** Handled by the applications subgraph's worker (subgraphs/applications/effects.ts). */
export const PRICE_ABOVE_CAP_TASK = 'applications.markPriceAboveCap';

export interface PriceAboveCapPayload {
  /** The BasicCatalogEntry whose cap the price exceeds. */
  entryId: string;
  /** The procurement's reference as sent with CAP_LOWERS: the application's number. */
  procurementReference: string;
  /** Yuan, two decimals: the refused price. */
  concludedPriceYuan: string;
  /** Yuan, two decimals: the cap in force when it was refused. */
  capInForceYuan: string;
}

/** Enqueued once per (entry, reference), in its own transaction: the refused lowering itself rolls back. */
export function enqueuePriceAboveCap(manager: EntityManager, payload: PriceAboveCapPayload): Promise<string> {
  return enqueueEffect(manager, PRICE_ABOVE_CAP_TASK, payload, {
    jobKey: `${PRICE_ABOVE_CAP_TASK}:${payload.entryId}:${payload.procurementReference}`,
  });
}

/** The payload, checked (BAD_USER_INPUT when malformed: the handler refuses it for good). */
export function parsePriceAboveCap(payload: unknown): PriceAboveCapPayload & { concludedFen: number; capInForceFen: number } {
  const value = (payload ?? {}) as Partial<PriceAboveCapPayload>;
  const concludedFen = typeof value.concludedPriceYuan === 'string' ? yuanToFen(value.concludedPriceYuan) : null;
  const capInForceFen = typeof value.capInForceYuan === 'string' ? yuanToFen(value.capInForceYuan) : null;
  if (!isUuid(value.entryId) || typeof value.procurementReference !== 'string' || concludedFen === null || capInForceFen === null) {
    throw new BadUserInputError(
      `${PRICE_ABOVE_CAP_TASK} 的任务数据不完整 (entryId, procurementReference, concludedPriceYuan, capInForceYuan)`,
    );
  }
  return { ...(value as PriceAboveCapPayload), concludedFen, capInForceFen };
}
