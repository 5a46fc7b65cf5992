import type { DataSource } from 'typeorm';
import { createSubgraphDataSource } from '../kit/data-source';
import { ApplicationEntity } from './entities/application.entity';
import { InformationSystemEntity } from './entities/information-system.entity';
import { UnitEntity } from './entities/unit.entity';
import { CreateApplicationsSchema1795651200001 } from './migrations/1795651200001-CreateApplicationsSchema';

export const APPLICATIONS_ENTITIES = [UnitEntity, InformationSystemEntity, ApplicationEntity];

/** The applications subgraph's data source (schema `applications`), not yet initialised. */
export function createDataSource(url: string): DataSource {
  return createSubgraphDataSource({
    url,
    schema: 'applications',
    entities: APPLICATIONS_ENTITIES,
    migrations: [CreateApplicationsSchema1795651200001],
  });
}
