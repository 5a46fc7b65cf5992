import type { DataSource } from 'typeorm';
import { createSubgraphDataSource } from '../kit/data-source';
import { MlpsRecordEntity } from './entities/mlps-record.entity';
import { ProviderSecurityProfileEntity } from './entities/provider-security-profile.entity';
import { SecurityAgreementEntity } from './entities/security-agreement.entity';
import { SystemFactEntity } from './entities/system-fact.entity';
import { CreateSecuritySchema1795651200002 } from './migrations/1795651200002-CreateSecuritySchema';
import { SystemFacts1795651200003 } from './migrations/1795651200003-SystemFacts';

/** The security subgraph's data source (schema `security`), not yet initialised. */
export function createDataSource(url: string): DataSource {
  return createSubgraphDataSource({
    url,
    schema: 'security',
    entities: [SecurityAgreementEntity, MlpsRecordEntity, ProviderSecurityProfileEntity, SystemFactEntity],
    migrations: [CreateSecuritySchema1795651200002, SystemFacts1795651200003],
  });
}
