// Every change of an information system other subgraphs rely on (go-live, migration to another
// provider, retirement) goes through here, so its facts are published in the same transaction.
import type { EntityManager } from 'typeorm';
import { factsOfSystem, publishSystemFacts } from '../../contracts/system-facts';
import { InformationSystemEntity } from './information-system.entity';

type SystemChange = Partial<Pick<InformationSystemEntity, 'providerId' | 'deploymentMode' | 'goLiveOn' | 'retiredOn' | 'legacyShutdownOn'>>;

/** Applies `change` to the system, raises its revision and publishes its facts (contracts/system-facts.ts). */
export async function changeSystem(manager: EntityManager, systemId: string, change: SystemChange): Promise<InformationSystemEntity> {
  const repository = manager.getRepository(InformationSystemEntity);
  await repository.update({ id: systemId }, { ...change, revision: () => 'revision + 1' });
  const system = await repository.findOneByOrFail({ id: systemId });
  await publishSystemFacts(manager, factsOfSystem(system, system.revision));
  return system;
}
