import { selectedProperties, type FieldProperties, type SelectionInfo } from '../../kit/selected-fields';
import type { InformationSystemEntity } from './information-system.entity';
import { UNIT_FIELDS } from './system-owners';
import { joinedSelection } from '../../kit/plain-rows';

/**
 * The columns each InformationSystem field reads (systems.resolvers.ts, and the features that add
 * fields: legacy-shutdown, system-migrations), so a list reads only what its query selects
 * (kit/plain-rows.ts). A field missing here reads the whole row.
 */
export const SYSTEM_FIELDS: FieldProperties<InformationSystemEntity> = {
  id: ['id'],
  code: ['code'],
  name: ['name'],
  owner: ['unitId'],
  region: ['regionCode'],
  hostingProvider: ['providerId'],
  deploymentMode: ['deploymentMode'],
  exemptionLegalBasis: ['exemptionLegalBasis'],
  loadVariesWidely: ['loadVariesWidely'],
  legacySystemName: ['legacySystemName'],
  legacyShutdownOn: ['legacyShutdownOn'],
  goLiveOn: ['goLiveOn'],
  retiredOn: ['retiredOn'],
  isDisasterRecovery: ['isDisasterRecovery'],
  isStandby: ['isStandby'],
  primarySystem: ['primarySystemId'],
  applications: ['id'],
  exitMigrations: ['id'],
  legacyShutdown: ['id'],
};

/**
 * The system columns a connection's nodes need: the selected fields', the id (its key) and the code
 * (the cursor's sort value); and, when the nodes select their owner, its columns as `owner.<property>`
 * (read in the same statement: system-owners.ts systemJoins).
 */
export function systemNodeProperties(info: SelectionInfo): string[] | null {
  const own = selectedProperties(info, SYSTEM_FIELDS, ['id', 'code'], ['edges', 'node']);
  if (own === null || !own.includes('unitId')) return own;
  return [...own, ...joinedSelection(info, 'owner', UNIT_FIELDS, ['edges', 'node'])];
}
