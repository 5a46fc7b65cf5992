// The new host of a system moved off an exiting provider (第九条): before anything is written, the
// lines it will be billed for are priced on the new provider's own catalog (CATALOG_CAP,
// SUPPLEMENTARY_FILED, ELASTIC_RESOURCES, 第八条、第十一条), the unit has signed a security agreement
// with it (SECURITY_AGREEMENT, 第二十二条) and its platform meets the system's MLPS level
// (MLPS_PLATFORM_LEVEL, 第二十一条); then the application and its lines follow the system: the old
// host is billed up to the day before the move, the new one from it (第十六条).
import { randomUUID } from 'node:crypto';
import { In, type EntityManager } from 'typeorm';
import { addDays } from '../../kit/dates';
import type { MutationTransaction } from '../../kit/mutation';
import { ApplicationEntity } from '../lifecycle/application.entity';
import { ResourceLineEntity } from '../lifecycle/resource-line.entity';
import { InformationSystemEntity } from '../systems/information-system.entity';
import { assertPricedOnCatalog } from '../lifecycle/catalog-lines.rules';
import { entriesOnCatalog, procurementReference, type ProcuredLine, type ProviderCatalogPort } from '../lifecycle/catalog-port';
import type { SecurityAgreementPort } from '../lifecycle/security-agreement-port';
import type { MlpsPlatformPort } from '../lifecycle/mlps-platform-port';
import { assertResourceRequest } from '../materials/materials.rules';
import type { SystemMigrationEntity } from './system-migration.entity';
import type { RecordMigratedInput } from './host-change.inputs';
import {
  assertReplacesLinesInForce,
  assertHostSecurityAgreement,
  assertMigratedOn,
  assertPlatformMeetsSystemLevel,
} from './host-change.rules';

/** What the receiving host's checks ask of the other subgraphs and of the caps replica. */
export interface HostChangePorts {
  catalog: ProviderCatalogPort;
  securityAgreements: SecurityAgreementPort;
  platformLevels: MlpsPlatformPort;
}

/** The system's applications in production on the exiting provider, locked: their lines move with it. */
function hostedApplications(manager: EntityManager, migration: SystemMigrationEntity): Promise<ApplicationEntity[]> {
  return manager
    .getRepository(ApplicationEntity)
    .createQueryBuilder('application')
    .setLock('pessimistic_write')
    .where('application.system_id = :systemId', { systemId: migration.systemId })
    .andWhere('application.provider_id = :providerId', { providerId: migration.providerId })
    .andWhere(`application.status = 'IN_PRODUCTION'`)
    .orderBy('application.number')
    .getMany();
}

/**
 * The line versions of these applications still billed on the day of the move or later, in
 * application and form order: every one ends the day before it.
 */
async function linesInForce(
  manager: EntityManager,
  applications: readonly ApplicationEntity[],
  migratedOn: string,
): Promise<ResourceLineEntity[]> {
  if (applications.length === 0) return [];
  return manager
    .getRepository(ResourceLineEntity)
    .createQueryBuilder('line')
    .where('line.application_id = ANY(:ids)', { ids: applications.map((application) => application.id) })
    .andWhere('(line.effective_until IS NULL OR line.effective_until >= :migratedOn)', { migratedOn })
    .orderBy('line.application_id')
    .addOrderBy('line.position')
    .getMany();
}

/** The latest first billed day of the lines the move ends (a version's own start, else its application's go-live). */
function inForceSince(applications: readonly ApplicationEntity[], lines: readonly ResourceLineEntity[]): string | null {
  const goLiveOf = new Map(applications.map((application) => [application.id, application.goLiveOn]));
  const starts = [
    ...applications.map((application) => application.goLiveOn),
    ...lines.map((line) => line.effectiveFrom ?? goLiveOf.get(line.applicationId) ?? null),
  ].filter((day): day is string => day !== null);
  return starts.length === 0 ? null : starts.reduce((a, b) => (a > b ? a : b));
}

/**
 * Checks the receiving host for `migration` (the designation is checked by the caller) and moves
 * the system's billing to it. Every check runs before the first write, so a refusal changes nothing.
 */
export async function moveToNewHost(
  tx: MutationTransaction,
  migration: SystemMigrationEntity,
  input: RecordMigratedInput,
  ports: HostChangePorts,
): Promise<void> {
  const { manager, today } = tx;
  const move = { systemId: migration.systemId, targetProviderId: input.targetProviderId };
  const applications = await hostedApplications(manager, migration);
  const inForce = await linesInForce(manager, applications, input.migratedOn);
  assertMigratedOn(input.migratedOn, today, inForceSince(applications, inForce));
  assertReplacesLinesInForce(inForce, input.lines);
  const system = await manager.getRepository(InformationSystemEntity).findOneByOrFail({ id: migration.systemId });
  // A system billed for resources keeps a request on its new host (MATERIALS), a range where its load varies (ELASTIC_RESOURCES).
  if (inForce.length > 0) assertResourceRequest(input.lines, system.loadVariesWidely);

  // CATALOG_CAP, SUPPLEMENTARY_FILED: each new line on the receiving provider's own catalog, as procurement checks it.
  const lineOf = new Map(inForce.map((line) => [line.id, line]));
  const entries = await entriesOnCatalog(
    ports.catalog,
    manager,
    input.lines.map((line) => line.catalogEntryId),
  );
  const numberOf = new Map(applications.map((application) => [application.id, application.number]));
  const procured: ProcuredLine[] = [];
  for (const line of input.lines) {
    const { applicationId, position } = lineOf.get(line.resourceLineId)!;
    const cap = assertPricedOnCatalog(
      { position, catalogEntryId: line.catalogEntryId },
      line.concludedPriceFen,
      input.targetProviderId,
      entries(line.catalogEntryId),
    );
    if (cap) {
      const { catalogEntryId, concludedPriceFen } = line;
      procured.push({
        applicationId,
        procurementReference: procurementReference(numberOf.get(applicationId)!, migration.id),
        catalogEntryId,
        concludedPriceFen,
        capFen: cap.capFen,
      });
    }
  }
  assertHostSecurityAgreement(await ports.securityAgreements.signedAgreementFor(migration.systemId, input.targetProviderId), move);
  assertPlatformMeetsSystemLevel(await ports.platformLevels.levelsFor(migration.systemId, input.targetProviderId), move);

  // CAP_LOWERS: a price concluded below the new host's cap lowers it, as a procurement does; every
  // price goes, so that the providers subgraph checks it against the cap in force (CATALOG_CAP).
  await ports.catalog.lowerCapsLater(manager, procured);
  await moveLines(manager, inForce, input);
  for (const application of applications) {
    await manager
      .getRepository(ApplicationEntity)
      .update({ id: application.id }, { providerId: input.targetProviderId, version: application.version + 1 });
    tx.touched(application.id);
  }
}

/**
 * The old host bills up to the day before the move, the new one from it (第十六条): every line in
 * force ends on migratedOn − 1 and each new line, at the replaced line's position, starts on migratedOn.
 */
async function moveLines(manager: EntityManager, inForce: readonly ResourceLineEntity[], input: RecordMigratedInput): Promise<void> {
  if (inForce.length === 0) return;
  const repository = manager.getRepository(ResourceLineEntity);
  await repository.update({ id: In(inForce.map((line) => line.id)) }, { effectiveUntil: addDays(input.migratedOn, -1) });
  const replaced = new Map(inForce.map((line) => [line.id, line]));
  if (input.lines.length === 0) return;
  await repository.insert(
    input.lines.map((line) => {
      const old = replaced.get(line.resourceLineId)!;
      return {
        id: randomUUID(),
        applicationId: old.applicationId,
        position: old.position,
        catalogEntryId: line.catalogEntryId,
        quantity: line.quantity,
        quantityMax: line.quantityMax,
        concludedPriceFen: line.concludedPriceFen,
        providerId: input.targetProviderId,
        effectiveFrom: input.migratedOn,
        effectiveUntil: null,
        changeRequestId: null,
      };
    }),
  );
}
