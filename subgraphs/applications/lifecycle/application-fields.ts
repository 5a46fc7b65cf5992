// What a page of applications reads (issue 14): the columns its selected fields need, and each
// application's unit and system joined in the page's own statement (kit/plain-rows.ts PlainJoin)
// instead of a statement each, within what the principal sees of units and systems.
import { joinedOr, joinedSelection, type PlainJoins } from '../../kit/plain-rows';
import type { Scope } from '../../kit/principal';
import { selectedProperties, type FieldProperties, type SelectionInfo } from '../../kit/selected-fields';
import type { ApplicationsContext } from '../loaders';
import type { InformationSystemEntity } from '../systems/information-system.entity';
import { SYSTEM_FIELDS } from '../systems/system-fields';
import { UNIT_FIELDS } from '../systems/system-owners';
import { systemJoin } from '../systems/system.scope';
import type { UnitEntity } from '../units/unit.entity';
import { unitJoin } from '../units/unit.scope';
import type { ApplicationEntity } from './application.entity';

/**
 * The columns each Application field reads (application.resolvers.ts, test-delivery.resolvers.ts);
 * a field missing here (those other features add) reads the whole row.
 */
export const APPLICATION_FIELDS: FieldProperties<ApplicationEntity> = {
  id: ['id'],
  number: ['number'],
  kind: ['kind'],
  status: ['status'],
  unit: ['unitId'],
  system: ['systemId'],
  provider: ['providerId'],
  region: ['regionCode'],
  submittedOn: ['submittedOn'],
  filedOn: ['filedOn'],
  decidedOn: ['decidedOn'],
  rejectionReason: ['rejectionReason'],
  createdAt: ['createdAt'],
  version: ['version'],
  decisionDeadline: ['decisionDueOn', 'decisionDueEstimated'],
  decisionOverdue: ['decisionLate', 'decisionDueOn', 'decidedOn'],
  procuredOn: ['procuredOn'],
  testPeriod: ['testStartedOn', 'testEndedOn', 'testExtensionReason'],
  testEnvironmentDueOn: ['procuredOn', 'testDeliveryDays'],
  testEnvironmentOverdue: ['procuredOn', 'testDeliveryDays', 'testStartedOn'],
  goLiveOn: ['goLiveOn'],
  legacyShutdownDue: ['kind', 'goLiveOn'],
  terminationReportedOn: ['terminationReportedOn'],
  terminationReason: ['terminationReason'],
  terminatedOn: ['terminatedOn'],
  priceAboveCapSince: ['priceAboveCapSince'],
  resourceLines: ['id'],
  events: ['id'],
  terminationSteps: ['id'],
};

/** An application's unit and system, joined within the units and systems the scope sees (as their loaders read them). */
export function applicationJoins(scope: Scope): PlainJoins {
  return { unit: unitJoin(scope), system: systemJoin(scope) };
}

/**
 * The properties a page's nodes need: the selected fields' with the id and number (its key and
 * cursor), and the selected unit's and system's as `unit.<property>`, `system.<property>`
 * (applicationJoins); null, every column and nothing joined, when a field is not mapped.
 */
export function applicationNodeProperties(info: SelectionInfo): string[] | null {
  const own = selectedProperties(info, APPLICATION_FIELDS, ['id', 'number'], ['edges', 'node']);
  if (own === null) return null;
  const path = ['edges', 'node'];
  return [
    ...own,
    ...(own.includes('unitId') ? joinedSelection(info, 'unit', UNIT_FIELDS, path) : []),
    ...(own.includes('systemId') ? joinedSelection(info, 'system', SYSTEM_FIELDS, path) : []),
  ];
}

/** An application's unit or system: joined by the page that read the application, else loaded by id. */
export function unitOf(application: ApplicationEntity, ctx: ApplicationsContext): UnitEntity | null | Promise<UnitEntity | null> {
  return joinedOr(application, 'unit', () => ctx.loaders.unitById.load(application.unitId));
}

export function systemOf(
  application: ApplicationEntity,
  ctx: ApplicationsContext,
): InformationSystemEntity | null | Promise<InformationSystemEntity | null> {
  return joinedOr(application, 'system', () => ctx.loaders.systemById.load(application.systemId));
}
