import type { EntityManager } from 'typeorm';
import type { World } from '../../../seed/world';
import { insertAll } from '../../kit/insert-all';
import { ChangeRequestEntity } from '../changes/change-request.entity';
import { MaterialFileEntity } from '../materials/material-file.entity';
import { MaterialEntity } from '../materials/material.entity';
import { createdAtOn } from '../units/units.seed';
import { ApplicationEventEntity } from './application-event.entity';
import { ApplicationEntity } from './application.entity';
import { decisionDeadline } from './deadlines.rules';
import { testDeliveryDeadline } from './test-delivery.rules';
import { buildLifecycleRows } from './lifecycle-rows.seed';
import { ResourceLineEntity } from './resource-line.entity';
import { TerminationStepEntity } from './termination-step.entity';

/**
 * The demo world's applications with the rows their histories left: resource lines, materials with
 * real files, the audit trail, change requests and termination steps (lifecycle-rows.seed.ts).
 */
export async function seedLifecycle(manager: EntityManager, world: World): Promise<void> {
  const lifecycle = buildLifecycleRows(world);
  const applications: ApplicationEntity[] = world.applications.map((application) => {
    const deadline = application.submittedOn ? decisionDeadline(application.submittedOn) : null;
    const testDeliveryDays = application.submittedOn ? deliveryDaysOf(world, application) : null;
    const delivery = testDeliveryDeadline(application.procuredOn, testDeliveryDays);
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
      testDeliveryDays,
      testDeliveryDueOn: delivery?.date ?? null,
      testDeliveryDueEstimated: delivery?.estimated ?? false,
      // TEST_30D: testing is counted from the test environment's delivery.
      testStartedOn: application.testEnvironmentDeliveredOn,
      testExtensionReason: application.testExtensionReason,
      testEndedOn: application.testEndedOn,
      goLiveOn: application.goLiveOn,
      terminationReportedOn: application.terminationReportedOn,
      terminationReason: application.terminationReason,
      terminatedOn: application.terminatedOn,
      priceAboveCapSince: null,
      createdAt: createdAtOn(application.createdOn),
    };
  });
  await insertAll(manager, ApplicationEntity, applications);
  await insertAll(manager, ResourceLineEntity, lifecycle.lines);
  // Each material's file first: the material row names it (application_material.file_id).
  await insertAll(manager, MaterialFileEntity, lifecycle.files);
  await insertAll(manager, MaterialEntity, lifecycle.materials);
  await insertAll(manager, ApplicationEventEntity, lifecycle.events);
  await insertAll(manager, ChangeRequestEntity, lifecycle.changeRequests);
  await insertAll(manager, TerminationStepEntity, lifecycle.steps);
}

/** TEST_30D: the delivery days of the agreement the application was submitted under (its level's, with its provider). */
function deliveryDaysOf(world: World, application: World['applications'][number]): number | null {
  const submittedOn = application.submittedOn!;
  const agreement = world.agreements.find(
    (candidate) =>
      candidate.providerId === application.providerId &&
      candidate.regionCode === application.regionCode &&
      candidate.startsOn <= submittedOn &&
      submittedOn <= candidate.endsOn,
  );
  return agreement?.testEnvironmentDeliveryDays ?? null;
}
