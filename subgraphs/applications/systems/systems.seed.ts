import type { EntityManager } from 'typeorm';
import type { World } from '../../../seed/world';
import { insertAll } from '../../kit/insert-all';
import { createdAtOn } from '../units/units.seed';
import { InformationSystemEntity } from './information-system.entity';

/**
 * The demo world's systems. Primary systems are inserted before their disaster-recovery and standby
 * copies, which reference them.
 */
export async function seedSystems(manager: EntityManager, world: World): Promise<void> {
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
  await insertAll(manager, InformationSystemEntity, systems);
}
