import type { DataSource } from 'typeorm';
import { joinedOr, plainRowLoader, type PlainJoins } from '../../kit/plain-rows';
import type { Scope } from '../../kit/principal';
import { selectedProperties, type FieldProperties, type SelectionInfo } from '../../kit/selected-fields';
import type { UnitEntity } from '../units/unit.entity';
import { unitJoin } from '../units/unit.scope';
import { UnitService } from '../units/unit.service';
import type { ApplicationsContext } from '../loaders';
import type { InformationSystemEntity } from './information-system.entity';

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

/**
 * A list of systems reads each one's owner in its own statement (kit/plain-rows.ts PlainJoin),
 * within the units the scope sees, as the loader above would: the dashboard's two system lists
 * cost no owner statements (issue 14).
 */
export function systemJoins(scope: Scope): PlainJoins {
  return { owner: unitJoin(scope) };
}

/** A system's owner: joined by the list that read the system, else loaded. */
export function ownerOf(
  system: InformationSystemEntity,
  ctx: ApplicationsContext,
  info: SelectionInfo,
): UnitEntity | null | Promise<UnitEntity | null> {
  return joinedOr(system, 'owner', () => ctx.loaders.systemOwnerById.load(ownerKey(system.unitId, info)));
}
