import type { EntityManager } from 'typeorm';
import type { World } from '../../../seed/world';
import { insertAll } from '../../kit/insert-all';
import { UnitEntity } from './unit.entity';

/** Noon in Binzhou on the day the world says a record was created, so createdAt is deterministic. */
export function createdAtOn(isoDate: string): Date {
  return new Date(`${isoDate}T12:00:00+08:00`);
}

/** The demo world's user units. */
export async function seedUnits(manager: EntityManager, world: World): Promise<void> {
  const units: UnitEntity[] = world.units.map((unit) => ({
    id: unit.id,
    code: unit.code,
    name: unit.name,
    regionCode: unit.regionCode,
    unifiedSocialCreditCode: unit.unifiedSocialCreditCode,
    contactName: unit.contactName,
    contactPhone: unit.contactPhone,
    active: true,
    createdAt: createdAtOn('2019-09-11'),
  }));
  await insertAll(manager, UnitEntity, units);
}
