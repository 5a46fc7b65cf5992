import type { DataSource } from 'typeorm';
import { createSubgraphDataSource } from '../kit/data-source';
import { MonitoringDailyEntity } from './entities/monitoring-daily.entity';
import { ProviderEvaluationEntity } from './entities/provider-evaluation.entity';
import { CreateSupervisionSchema1795651200003 } from './migrations/1795651200003-CreateSupervisionSchema';
import { SystemFacts1795651200004 } from './migrations/1795651200004-SystemFacts';
import { SystemFactEntity } from '../kit/system-fact.entity';

/** The supervision subgraph's data source (schema `supervision`), not yet initialised. */
export function createDataSource(url: string): DataSource {
  return createSubgraphDataSource({
    url,
    schema: 'supervision',
    entities: [MonitoringDailyEntity, ProviderEvaluationEntity, SystemFactEntity],
    migrations: [CreateSupervisionSchema1795651200003, SystemFacts1795651200004],
  });
}
