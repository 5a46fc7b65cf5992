// CATALOG_CAP (第八条) after the fact: a concluded price this subgraph's replica of the caps let
// through (the replica had not yet heard of a lowering) and the providers subgraph then refused as
// above the cap in force does not stay silently PROCURED. Its application is marked, the unit and the
// bureau see it on their to-do lists, the settlement bills no more than the cap in force
// (settlement.rules.ts billedWithinCap), and the unit clears the mark by renegotiating the price.
import type { EntityManager } from 'typeorm';
import { BadUserInputError } from '../../kit/errors';
import type { MutationTransaction } from '../../kit/mutation';
import type { PriceAboveCapPayload } from '../../contracts/cap-refusals';
import { ApplicationEntity } from './application.entity';
import { ResourceLineEntity } from './resource-line.entity';
import { nextStatus } from './lifecycle.rules';
import { assertConcludedPricePositive } from './catalog-lines.rules';
import { assertRenegotiatedWithinCap, capInForceFen } from './price-above-cap.rules';
import { recordStep } from './application-write.service';
import { applicationOfReference, procurementReference, type ProviderCatalogPort } from './catalog-port';

/**
 * Marks the lines of the application `procurementReference` names (catalog-port.ts) priced above the cap in force
 * on `entryId`, and the application (its version moves on). Idempotent: lines already marked, or
 * renegotiated since within the cap, are left alone; an unknown reference marks nothing.
 */
export async function markPriceAboveCap(
  manager: EntityManager,
  refusal: PriceAboveCapPayload & { capInForceFen: number },
  today: string,
): Promise<number> {
  const application = await manager
    .getRepository(ApplicationEntity)
    .createQueryBuilder('app')
    .setLock('pessimistic_write')
    .where('app.number = :number', { number: applicationOfReference(refusal.procurementReference) })
    .getOne();
  if (!application) return 0;
  const marked = await manager
    .createQueryBuilder()
    .update(ResourceLineEntity)
    .set({ refusedCapFen: refusal.capInForceFen })
    .where('application_id = :id AND catalog_entry_id = :entryId AND refused_cap_fen IS NULL', {
      id: application.id,
      entryId: refusal.entryId,
    })
    .andWhere('concluded_price_yuan * 100 > :cap', { cap: refusal.capInForceFen })
    .execute();
  const count = marked.affected ?? 0;
  if (count > 0 && application.priceAboveCapSince === null) {
    await manager
      .getRepository(ApplicationEntity)
      .update({ id: application.id }, { priceAboveCapSince: today, version: application.version + 1 });
  }
  return count;
}

/**
 * The unit's new price for a line marked above the cap: above zero and within the cap in force (the
 * lower of the refusal's and the replica's). The line's mark goes; the application's goes with the
 * last one. A price below the cap lowers it (CAP_LOWERS), as at procurement.
 */
export async function renegotiateLinePrice(
  tx: MutationTransaction,
  application: ApplicationEntity,
  price: { lineId: string; fen: number },
  port: ProviderCatalogPort,
): Promise<ApplicationEntity> {
  const { manager } = tx;
  const to = nextStatus(application, 'RENEGOTIATE_PRICE');
  const lines = await manager.getRepository(ResourceLineEntity).find({ where: { applicationId: application.id } });
  const line = lines.find((candidate) => candidate.id === price.lineId);
  if (!line) throw new BadUserInputError(`资源明细 ${price.lineId} 不属于该申请`, 'price.lineId');
  if (line.refusedCapFen === null) {
    throw new BadUserInputError(`第 ${line.position} 行的成交价未被认定超过最高限价，无须重新议定`, 'price.lineId');
  }
  const replica = (await port.capsOf(manager, [line.catalogEntryId])).get(line.catalogEntryId) ?? null;
  const capFen = capInForceFen(line.refusedCapFen, replica?.capFen ?? null);
  assertConcludedPricePositive(line, price.fen);
  assertRenegotiatedWithinCap(line.position, price.fen, capFen);
  await manager.getRepository(ResourceLineEntity).update({ id: line.id }, { concludedPriceFen: price.fen, refusedCapFen: null });
  if (price.fen < capFen) {
    await port.lowerCapsLater(manager, [
      {
        applicationId: application.id,
        // Its own procurement reference: the refused one stays recorded as refused.
        procurementReference: procurementReference(application.number, `议价${application.version}`),
        catalogEntryId: line.catalogEntryId,
        concludedPriceFen: price.fen,
        capFen,
      },
    ]);
  }
  const stillAbove = lines.some((candidate) => candidate.id !== line.id && candidate.refusedCapFen !== null);
  return recordStep(manager, application, tx.principal, {
    action: 'RENEGOTIATE_PRICE',
    to,
    reason: `第 ${line.position} 行成交价重新议定`,
    set: stillAbove ? {} : { priceAboveCapSince: null },
  });
}
