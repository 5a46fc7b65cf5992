import type { DataSource } from 'typeorm';
import { createSubgraphDataSource } from '../kit/data-source';
import { PROVIDERS_ENTITIES } from './entities';
import { CreateProviders1764115200000 } from './migrations/1764115200000-CreateProviders';
import { CatalogCapVersion1764115200001 } from './migrations/1764115200001-CatalogCapVersion';
import { PlatformSecurityVersion1764115200002 } from './migrations/1764115200002-PlatformSecurityVersion';
import { EvaluationConsequences1795651200010 } from './migrations/1795651200010-EvaluationConsequences';

export function createDataSource(url: string): DataSource {
  return createSubgraphDataSource({
    url,
    schema: 'providers',
    entities: PROVIDERS_ENTITIES,
    migrations: [
      CreateProviders1764115200000,
      CatalogCapVersion1764115200001,
      PlatformSecurityVersion1764115200002,
      EvaluationConsequences1795651200010,
    ],
  });
}
