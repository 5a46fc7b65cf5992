// The CAP_LOWERS effect of a concluded procurement (第八条), as the applications subgraph sends it
// and the providers subgraph's worker handles it. (Caps are read from applications' own replica:
// contracts/catalog-cap-events.ts.)
import type { EntityManager } from 'typeorm';
import { enqueueEffect } from '../kit/jobs';
import { yuanToFen } from '../kit/money';

/** Handled by the providers subgraph's worker (subgraphs/providers/effects.ts). */
export const LOWER_CAP_TASK = 'providers.lowerCapFromProcurement';

export interface LowerCapPayload {
  /** A BasicCatalogEntry id. */
  entryId: string;
  /** Yuan, two decimals, e.g. "350.00". */
  concludedPriceYuan: string;
  /** The procurement's reference; with entryId it makes the effect idempotent. */
  procurementReference: string;
  /** Who recorded the procurement (the principal's subject), for the cap history. */
  actor: { subject: string };
}

/**
 * Enqueues CAP_LOWERS for each line in the caller's transaction (commits with the procurement).
 * Lines of one entry under one reference collapse to the lowest price: the providers subgraph
 * would refuse a second price for the same (entry, reference). A job key per (entry, reference)
 * keeps one waiting job; the handler is idempotent for what a key cannot catch.
 */
export async function enqueueCapLowerings(manager: EntityManager, lines: readonly LowerCapPayload[]): Promise<void> {
  const lowest = new Map<string, LowerCapPayload>();
  for (const line of lines) {
    const key = `${LOWER_CAP_TASK}:${line.entryId}:${line.procurementReference}`;
    const seen = lowest.get(key);
    if (!seen || yuanToFen(line.concludedPriceYuan)! < yuanToFen(seen.concludedPriceYuan)!) lowest.set(key, line);
  }
  for (const [jobKey, line] of lowest) await enqueueEffect(manager, LOWER_CAP_TASK, line, { jobKey });
}
