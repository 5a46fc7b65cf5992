// The resource lines of a change request (第十五条, CHANGE_APPROVAL): checked against the lines in
// force and the provider's catalog before any write (CATALOG_CAP, ELASTIC_RESOURCES), stored with the
// request, and carried out after approval — the affected versions close the day before, the new
// ones start on the day (第十六条 bills each by its days), prices below a cap lower it (CAP_LOWERS).
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { childConnectionLoader } from '../../kit/child-connection';
import type { Scope } from '../../kit/principal';
import { ApplicationEntity } from '../lifecycle/application.entity';
import { scopeApplications } from '../lifecycle/application.scope';
import { entriesOnCatalog, procurementReference, type ProcuredLine, type ProviderCatalogPort } from '../lifecycle/catalog-port';
import { assertPricedOnCatalog } from '../lifecycle/catalog-lines.rules';
import { ResourceLineEntity } from '../lifecycle/resource-line.entity';
import { positionSort, positionSortValue } from '../lifecycle/resource-line.service';
import { assertResourceRequest } from '../materials/materials.rules';
import { InformationSystemEntity } from '../systems/information-system.entity';
import { ChangeRequestEntity } from './change-request.entity';
import { ChangeRequestLineEntity } from './change-request-line.entity';
import { assertClosable, quantitiesAfterChange, targetsOf, type LineInForce, type ParsedChangeLine } from './change-lines.rules';

/** An application's line versions in force on `day`. */
export function linesInForce(manager: EntityManager, applicationId: string, day: string): Promise<ResourceLineEntity[]> {
  return manager
    .getRepository(ResourceLineEntity)
    .createQueryBuilder('line')
    .where('line.application_id = :applicationId', { applicationId })
    .andWhere('(line.effective_from IS NULL OR line.effective_from <= :day)', { day })
    .andWhere('(line.effective_until IS NULL OR line.effective_until >= :day)', { day })
    .orderBy('line.position')
    .getMany();
}

/** An application's current line versions: those no change has ended (whenever they begin). */
function currentLines(manager: EntityManager, applicationId: string): Promise<ResourceLineEntity[]> {
  return manager
    .getRepository(ResourceLineEntity)
    .createQueryBuilder('line')
    .where('line.application_id = :applicationId AND line.effective_until IS NULL', { applicationId })
    .orderBy('line.position')
    .getMany();
}

/**
 * The priced lines (an ADD, a RESIZE with a new price) on the application provider's own catalog:
 * CATALOG_CAP (its entry, above zero, within the cap in force) or SUPPLEMENTARY_FILED. Returns the
 * lines priced on a basic entry, for CAP_LOWERS (below the cap lowers it; each is checked against the
 * cap in force by the providers subgraph, whatever this subgraph's replica said).
 */
async function checkPrices(
  manager: EntityManager,
  application: ApplicationEntity,
  changes: ReadonlyArray<ParsedChangeLine & { catalogEntryId: string }>,
  port: ProviderCatalogPort,
  changeRequestId?: string,
): Promise<ProcuredLine[]> {
  const priced = changes.filter((change) => change.concludedPriceFen !== null);
  const entries = await entriesOnCatalog(
    port,
    manager,
    priced.map((change) => change.catalogEntryId),
  );
  const procured: ProcuredLine[] = [];
  changes.forEach((change, index) => {
    if (change.concludedPriceFen === null) return;
    const line = { position: index + 1, catalogEntryId: change.catalogEntryId };
    const cap = assertPricedOnCatalog(line, change.concludedPriceFen, application.providerId, entries(change.catalogEntryId));
    if (cap) {
      procured.push({
        applicationId: application.id,
        procurementReference: procurementReference(application.number, changeRequestId),
        catalogEntryId: change.catalogEntryId,
        concludedPriceFen: change.concludedPriceFen,
        capFen: cap.capFen,
      });
    }
  });
  return procured;
}

/** Each change line with the catalog entry it concerns: its own for an ADD, its target's otherwise. */
function withEntries(changes: readonly ParsedChangeLine[], targets: ReadonlyArray<LineInForce | null>) {
  return changes.map((change, index) => ({ ...change, catalogEntryId: change.catalogEntryId ?? targets[index]!.catalogEntryId }));
}

/**
 * A unit's change lines, checked before any write: each REMOVE or RESIZE names a line in force today,
 * each price is on the provider's own catalog within its cap (CATALOG_CAP), quantities are whole and
 * ranges ordered, and a system whose load varies widely keeps a range (ELASTIC_RESOURCES).
 */
export async function checkRequestedLines(
  manager: EntityManager,
  application: ApplicationEntity,
  changes: readonly ParsedChangeLine[],
  today: string,
  port: ProviderCatalogPort,
): Promise<ParsedChangeLine[]> {
  if (changes.length === 0) return [];
  const inForce = await linesInForce(manager, application.id, today);
  const entries = withEntries(changes, targetsOf(changes, inForce, 'lines'));
  await checkPrices(manager, application, entries, port);
  const after = quantitiesAfterChange(changes, inForce);
  if (after.length > 0) {
    const system = await manager.getRepository(InformationSystemEntity).findOneByOrFail({ id: application.systemId });
    assertResourceRequest(after, system.loadVariesWidely);
  }
  return entries;
}

/** Stores a change request's lines, in order. */
export async function insertChangeLines(
  manager: EntityManager,
  changeRequestId: string,
  changes: readonly ParsedChangeLine[],
): Promise<void> {
  if (changes.length === 0) return;
  await manager.getRepository(ChangeRequestLineEntity).insert(
    changes.map((change, index) => ({
      id: randomUUID(),
      changeRequestId,
      position: index + 1,
      kind: change.kind,
      resourceLineId: change.resourceLineId,
      catalogEntryId: change.catalogEntryId,
      quantity: change.quantity,
      quantityMax: change.quantityMax,
      concludedPriceFen: change.concludedPriceFen,
    })),
  );
}

/**
 * Carries out a change's lines on `effectiveOn`, in the caller's transaction: the lines it removes or
 * resizes (still in force that day) end the day before; the resized and added versions start that day,
 * naming the change; prices are checked again against the caps in force (CATALOG_CAP) and those below
 * a cap lower it (CAP_LOWERS).
 */
export async function carryOutLines(
  manager: EntityManager,
  application: ApplicationEntity,
  change: ChangeRequestEntity,
  effectiveOn: string,
  port: ProviderCatalogPort,
): Promise<void> {
  const stored = await manager
    .getRepository(ChangeRequestLineEntity)
    .find({ where: { changeRequestId: change.id }, order: { position: 'ASC' } });
  if (stored.length === 0) return;
  const changes: ParsedChangeLine[] = stored;
  // Only a line's current version (no end yet) may be replaced: one another change already replaced
  // or removed is refused, or two versions of one line would be in force at once (and billed twice).
  const inForce = await currentLines(manager, application.id);
  const targets = targetsOf(changes, inForce, null);
  const procured = await checkPrices(manager, application, withEntries(changes, targets), port, change.id);
  const lines = manager.getRepository(ResourceLineEntity);
  const [{ last }] = (await manager.query(
    `SELECT coalesce(max(position), 0)::int AS last FROM "applications"."application_resource_line" WHERE application_id = $1`,
    [application.id],
  )) as Array<{ last: number }>;
  let nextPosition = last + 1;
  for (const [index, each] of stored.entries()) {
    const target = targets[index] ? inForce.find((line) => line.id === targets[index]!.id)! : null;
    if (target) await lines.update({ id: target.id }, { effectiveUntil: assertClosable(target, effectiveOn) });
    if (each.kind === 'REMOVE') continue;
    await lines.insert({
      id: randomUUID(),
      applicationId: application.id,
      position: target ? target.position : nextPosition++,
      catalogEntryId: target ? target.catalogEntryId : each.catalogEntryId!,
      quantity: each.quantity!,
      quantityMax: each.quantityMax!,
      concludedPriceFen: each.concludedPriceFen ?? target?.concludedPriceFen ?? null,
      providerId: target ? target.providerId : application.providerId,
      effectiveFrom: effectiveOn,
      effectiveUntil: null,
      changeRequestId: change.id,
    });
  }
  await port.lowerCapsLater(manager, procured);
}

/** Pages of many change requests' lines by position, in scope: one statement a batch (kit/child-connection.ts). */
export function changeLinePagesByRequest(dataSource: DataSource, scope: Scope) {
  return childConnectionLoader({
    query: () => {
      const query = dataSource
        .getRepository(ChangeRequestLineEntity)
        .createQueryBuilder('child')
        .innerJoin(ChangeRequestEntity, 'change', 'change.id = child.change_request_id')
        .innerJoin(ApplicationEntity, 'app', 'app.id = change.application_id');
      return scopeApplications(query, scope, 'app');
    },
    alias: 'child',
    parentColumn: 'change_request_id',
    parentOf: (line) => line.changeRequestId,
    sortExpression: positionSort('child'),
    sortValueOf: positionSortValue,
  });
}
