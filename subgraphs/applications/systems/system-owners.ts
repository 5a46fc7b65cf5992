import type { DataSource } from 'typeorm';
import { plainRowLoader } from '../../kit/plain-rows';
import type { Scope } from '../../kit/principal';
import { selectedProperties, type FieldProperties, type SelectionInfo } from '../../kit/selected-fields';
import type { UnitEntity } from '../units/unit.entity';
import { UnitService } from '../units/unit.service';

/** The columns each Unit field reads (units.resolvers.ts, off-cloud's Unit.offCloudSystems); a field missing here reads the whole row. */
export const UNIT_FIELDS: FieldProperties<UnitEntity> = {
  id: ['id'],
  code: ['code'],
  name: ['name'],
  region: ['regionCode'],
  level: ['regionCode'],
  unifiedSocialCreditCode: ['unifiedSocialCreditCode'],
  contactName: ['contactName'],
  contactPhone: ['contactPhone'],
  systems: ['id'],
  offCloudSystems: ['id'],
};

/** Systems' owners as plain rows with the columns the query selects of them: one scoped statement a batch. */
export function createSystemOwnerLoaders(dataSource: DataSource, scope: Scope) {
  const units = new UnitService(dataSource, scope);
  return { systemOwnerById: plainRowLoader((ids, properties) => units.plainByIds(ids, properties)) };
}

/** The key of an owner's row: its id and the Unit fields the query selects under `owner`. */
export function ownerKey(unitId: string, info: SelectionInfo) {
  return { id: unitId, properties: selectedProperties(info, UNIT_FIELDS, ['id']) };
}
