// CATALOG_CAP (第八条) for a price the providers subgraph refused as above the cap in force: the
// renegotiated price is held to that cap, or to the replica's if it has come down since. Pure.
import { RuleViolationError } from '../../kit/errors';
import { fenToYuan } from '../../kit/money';

/** The cap in force for a refused line: the lower of the refusal's and the replica's (caps only move down). */
export function capInForceFen(refusedCapFen: number, replicaCapFen: number | null): number {
  return replicaCapFen === null ? refusedCapFen : Math.min(refusedCapFen, replicaCapFen);
}

/** CATALOG_CAP: the renegotiated price may not exceed the cap in force. */
export function assertRenegotiatedWithinCap(position: number, priceFen: number, capFen: number): void {
  if (priceFen <= capFen) return;
  throw new RuleViolationError(
    'CATALOG_CAP',
    `第 ${position} 行重新议定的成交价 ${fenToYuan(priceFen)} 元超过现行最高限价 ${fenToYuan(capFen)} 元`,
    { priceYuan: fenToYuan(priceFen), priceCapYuan: fenToYuan(capFen) },
  );
}
