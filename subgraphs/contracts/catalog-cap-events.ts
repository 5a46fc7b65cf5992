// The providers subgraph tells the applications subgraph every change of a basic-catalog entry's
// cap (第八条), so applications checks CATALOG_CAP against its own replica and can record a
// procurement while providers is down. Both sides import the task name and payload from here.
import type { EntityManager } from 'typeorm';
import { BadUserInputError } from '../kit/errors';
import { isUuid } from '../kit/ids';
import { enqueueEffect } from '../kit/jobs';
import { yuanToFen } from '../kit/money';

/** Handled by the applications subgraph's worker (subgraphs/applications/effects.ts). */
export const CATALOG_CAP_CHANGED_TASK = 'applications.catalogCapChanged';

/** The version of an entry's first cap; every later change of the cap adds one. */
export const INITIAL_CAP_VERSION = 1;

export interface CatalogCapChangedPayload {
  /** A BasicCatalogEntry id. */
  entryId: string;
  providerId: string;
  /** The new cap, yuan with two decimals, e.g. "350.00". */
  capYuan: string;
  /** The entry's cap_version after the change: the replica keeps only the newest it has seen. */
  capVersion: number;
  /** Its service item is billed once per delivery (isBilledOnce), not per month; absent in events queued before it was sent: false. */
  billedOnce?: boolean;
}

/**
 * Enqueues the change in the caller's transaction, so the replica hears of it exactly when the
 * change commits. One job key per (entry, version): a duplicate collapses into the waiting job.
 */
export async function enqueueCatalogCapChanged(manager: EntityManager, payload: CatalogCapChangedPayload): Promise<void> {
  await enqueueEffect(manager, CATALOG_CAP_CHANGED_TASK, payload, {
    jobKey: `${CATALOG_CAP_CHANGED_TASK}:${payload.entryId}:${payload.capVersion}`,
  });
}

/** The payload as the worker receives it (any JSON); BAD_USER_INPUT when it cannot be one. */
export function parseCatalogCapChanged(payload: unknown): CatalogCapChangedPayload & { capFen: number; billedOnce: boolean } {
  const value = (payload ?? {}) as Partial<Record<keyof CatalogCapChangedPayload, unknown>>;
  const capFen = typeof value.capYuan === 'string' ? yuanToFen(value.capYuan) : null;
  const version = value.capVersion;
  if (
    !isUuid(value.entryId) ||
    !isUuid(value.providerId) ||
    capFen === null ||
    capFen <= 0 ||
    typeof version !== 'number' ||
    !Number.isSafeInteger(version) ||
    version < INITIAL_CAP_VERSION ||
    (value.billedOnce !== undefined && typeof value.billedOnce !== 'boolean')
  ) {
    throw new BadUserInputError(`${CATALOG_CAP_CHANGED_TASK} 的任务数据不完整或无效 (entryId, providerId, capYuan, capVersion)`);
  }
  return {
    entryId: value.entryId,
    providerId: value.providerId,
    capYuan: value.capYuan as string,
    capVersion: version,
    capFen,
    billedOnce: value.billedOnce === true,
  };
}
