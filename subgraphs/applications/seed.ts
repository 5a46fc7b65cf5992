import type { DataSource } from 'typeorm';
import type { World } from '../../seed/world';
import { INITIAL_CAP_VERSION } from '../contracts/catalog-cap-events';
import { insertAll } from '../kit/insert-all';
import { yuanToFen } from '../kit/money';
import { ApplicationEventEntity } from './lifecycle/application-event.entity';
import { ApplicationEntity } from './lifecycle/application.entity';
import { CatalogCapEntity } from './catalog-caps/catalog-cap.entity';
import { ChangeRequestEntity } from './changes/change-request.entity';
import { InformationSystemEntity } from './systems/information-system.entity';
import { MaterialFileEntity } from './materials/material-file.entity';
import { MaterialEntity } from './materials/material.entity';
import { ResourceLineEntity } from './lifecycle/resource-line.entity';
import { TerminationStepEntity } from './lifecycle/termination-step.entity';
import { UnitEntity } from './units/unit.entity';
import { decisionDeadline } from './lifecycle/deadlines.rules';
import { buildLifecycleRows } from './lifecycle/lifecycle-rows.seed';
import { seedSettlements } from './settlement/settlement.seed';

/** Noon in Binzhou on the day the world says a record was created, so createdAt is deterministic. */
function createdAtOn(isoDate: string): Date {
  return new Date(`${isoDate}T12:00:00+08:00`);
}

/**
 * Loads the demo world's units, systems and applications, with their lifecycle rows (materials with
 * real files), and the replica of the basic-catalog caps, in one transaction. Primary systems are
 * inserted before their disaster-recovery and standby copies, which reference them.
 */
export async function seed(dataSource: DataSource, world: World): Promise<void> {
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
  const systems: InformationSystemEntity[] = [...world.systems]
    .sort((a, b) => Number(a.primarySystemId !== null) - Number(b.primarySystemId !== null))
    .map((system) => ({
      id: system.id,
      code: system.code,
      name: system.name,
      unitId: system.unitId,
      regionCode: system.regionCode,
      providerId: system.providerId,
      deploymentMode: system.deploymentMode,
      exemptionLegalBasis: system.exemptionLegalBasis,
      loadVariesWidely: system.loadVariesWidely,
      legacySystemName: system.legacySystemName,
      legacyShutdownOn: system.legacyShutdownOn,
      goLiveOn: system.goLiveOn,
      retiredOn: system.retiredOn,
      isDisasterRecovery: system.isDisasterRecovery,
      isStandby: system.isStandby,
      primarySystemId: system.primarySystemId,
      revision: 1,
      createdAt: createdAtOn(system.goLiveOn ?? '2019-09-11'),
    }));
  const lifecycle = buildLifecycleRows(world);
  const applications: ApplicationEntity[] = world.applications.map((application) => {
    const deadline = application.submittedOn ? decisionDeadline(application.submittedOn) : null;
    return {
      id: application.id,
      number: application.code,
      kind: application.kind,
      status: application.state,
      unitId: application.unitId,
      systemId: application.systemId,
      providerId: application.providerId,
      regionCode: application.regionCode,
      submittedOn: application.submittedOn,
      filedOn: application.filedOn,
      decidedOn: application.decidedOn,
      rejectionReason: application.rejectionReason,
      version: lifecycle.versions.get(application.id)!,
      decisionDueOn: deadline?.date ?? null,
      decisionDueEstimated: deadline?.estimated ?? false,
      decisionLate: application.decidedOn && deadline ? application.decidedOn > deadline.date : null,
      procuredOn: application.procuredOn,
      // TEST_30D: testing is counted from the test environment's delivery.
      testStartedOn: application.testEnvironmentDeliveredOn,
      testExtensionReason: application.testExtensionReason,
      testEndedOn: application.testEndedOn,
      goLiveOn: application.goLiveOn,
      terminationReportedOn: application.terminationReportedOn,
      terminationReason: application.terminationReason,
      terminatedOn: application.terminatedOn,
      createdAt: createdAtOn(application.createdOn),
    };
  });
  // The replica of the basic-catalog caps, at the caps and version the providers seed writes.
  const caps: CatalogCapEntity[] = world.basicCatalog.map((entry) => ({
    entryId: entry.id,
    providerId: entry.providerId,
    capFen: yuanToFen(entry.priceCapYuan)!,
    capVersion: INITIAL_CAP_VERSION,
    updatedAt: createdAtOn('2019-09-11'),
  }));
  await dataSource.transaction(async (manager) => {
    await insertAll(manager, CatalogCapEntity, caps);
    await insertAll(manager, UnitEntity, units);
    await insertAll(manager, InformationSystemEntity, systems);
    await insertAll(manager, ApplicationEntity, applications);
    await insertAll(manager, ResourceLineEntity, lifecycle.lines);
    // Each material's file first: the material row names it (application_material.file_id).
    await insertAll(manager, MaterialFileEntity, lifecycle.files);
    await insertAll(manager, MaterialEntity, lifecycle.materials);
    await insertAll(manager, ApplicationEventEntity, lifecycle.events);
    await insertAll(manager, ChangeRequestEntity, lifecycle.changeRequests);
    await insertAll(manager, TerminationStepEntity, lifecycle.steps);
  });
  // SETTLEMENT_JAN5 (第十六条): computed from the rows above, so after them.
  await seedSettlements(dataSource);
}
