// The contract between the applications subgraph and the providers' catalog (第八条): reading the
// caps of basic-catalog entries, and the CAP_LOWERS effect of a concluded procurement.
import type { EntityManager } from 'typeorm';
import { wellFormedIds } from './ids';
import { enqueueEffect } from './jobs';
import { fenToYuan, yuanToFen } from './money';
import type { Principal } from './principal';
import type { SubgraphClient } from './subgraph-client';

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

/** A price concluded for a basic-catalog entry, as the applications subgraph records it. */
export interface ConcludedPrice {
  entryId: string;
  concludedPriceFen: number;
  /** The procurement's reference, e.g. the application's number. */
  procurementReference: string;
}

/** The providers' catalog as one caller sees it: what a ProviderCatalogPort needs, per request. */
export function providerCatalogFor(providers: SubgraphClient, principal: Principal) {
  return {
    capsOf: (entryIds: readonly string[]) => priceCapsOf(providers, principal, entryIds),
    lowerCapsLater: (manager: EntityManager, prices: readonly ConcludedPrice[]) =>
      enqueueCapLowerings(
        manager,
        prices.map((price) => ({
          entryId: price.entryId,
          concludedPriceYuan: fenToYuan(price.concludedPriceFen),
          procurementReference: price.procurementReference,
          actor: { subject: principal.subject },
        })),
      ),
  };
}

export const PRICE_CAPS_QUERY = `query PriceCaps($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on BasicCatalogEntry { id priceCapYuan } }
}`;

/**
 * The current caps, in fen, of basic-catalog entries, in one request (one batched SQL query in
 * providers). Entries that do not exist (or malformed ids) are absent from the map. Throws SERVICE_UNAVAILABLE when
 * the providers subgraph cannot answer: never proceed without the caps.
 */
export async function priceCapsOf(
  providers: SubgraphClient,
  principal: Principal,
  entryIds: readonly string[],
): Promise<Map<string, number>> {
  const ids = wellFormedIds(entryIds);
  const caps = new Map<string, number>();
  if (ids.length === 0) return caps;
  const data = await providers.request<{ _entities: Array<{ id: string; priceCapYuan: string } | null> }>(principal, PRICE_CAPS_QUERY, {
    representations: ids.map((id) => ({ __typename: 'BasicCatalogEntry', id })),
  });
  for (const entity of data._entities) {
    const fen = entity ? yuanToFen(entity.priceCapYuan) : null;
    if (entity && fen !== null) caps.set(entity.id, fen);
  }
  return caps;
}
