// The unit a registration is for (第五条): a unit registers for itself, the centre for the unit it
// names. Shared by the registries of systems on the cloud and of systems still off it.
import { BadUserInputError, NotFoundError } from '../../kit/errors';
import type { MutationTransaction } from '../../kit/mutation';
import { inScope } from '../../kit/scope-filter';
import { UnitEntity } from './unit.entity';

/**
 * A unit's own, or the one the centre names: existing, in the caller's scope (NOT_FOUND otherwise,
 * like a missing one) and active. `lock` holds the unit's row to the end of the transaction, so two
 * registrations for one unit number their records one after the other.
 */
export async function registeringUnit(tx: MutationTransaction, unitId: string | null, lock = false): Promise<UnitEntity> {
  const scope = tx.scope;
  if (scope.kind === 'UNIT' && unitId !== null && unitId !== scope.unitId) throw new NotFoundError('使用单位');
  const id = scope.kind === 'UNIT' ? scope.unitId : unitId;
  if (id === null) throw new BadUserInputError('市大数据应用中心登记时须指明使用单位（unitId）', 'unitId');
  const unit = await tx.manager
    .getRepository(UnitEntity)
    .findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  if (!unit || !inScope(scope, { unitId: unit.id, regionCode: unit.regionCode })) throw new NotFoundError('使用单位');
  if (!unit.active) throw new BadUserInputError('该使用单位已撤销或合并，不能登记', 'unitId');
  return unit;
}
