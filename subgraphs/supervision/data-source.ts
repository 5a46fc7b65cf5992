import type { DataSource } from 'typeorm';
import { createSubgraphDataSource } from '../kit/data-source';
import { MonitoringDailyEntity } from './monitoring/monitoring-daily.entity';
import { UtilisationSummaryEntity, UtilisationSummaryPeriodEntity } from './utilisation/utilisation-summary.entity';
import { ProviderEvaluationEntity } from './provider-evaluation/provider-evaluation.entity';
import { ProviderEvaluationInputEntity } from './provider-evaluation/provider-evaluation-input.entity';
import { ProviderMonitoringDailyEntity } from './monitoring/provider-monitoring-daily.entity';
import { ProviderSampleEntity } from './monitoring/provider-sample.entity';
import { SystemSampleEntity } from './monitoring/system-sample.entity';
import { CreateSupervisionSchema1795651200003 } from './migrations/1795651200003-CreateSupervisionSchema';
import { SystemFacts1795651200004 } from './migrations/1795651200004-SystemFacts';
import { ProviderEvaluationWorkflow1795651200006 } from './migrations/1795651200006-ProviderEvaluationWorkflow';
import { MonitoringIngest1795651200005 } from './migrations/1795651200005-MonitoringIngest';
import { SystemFactEntity } from '../contracts/system-fact.entity';
import { UtilisationOrderEntity } from './utilisation/utilisation-order.entity';
import { UtilisationOrders1795651200007 } from './migrations/1795651200007-UtilisationOrders';
import { UnitPerformanceEvaluationEntity } from './unit-performance/unit-performance-evaluation.entity';
import { UnitPerformanceResultEntity } from './unit-performance/unit-performance-result.entity';
import { UnitPerformance1795651200008 } from './migrations/1795651200008-UnitPerformance';
import { UnitPerformanceOffCloud1796300200001 } from './migrations/1796300200001-UnitPerformanceOffCloud';
import { UtilisationOrderList1796300600001 } from './migrations/1796300600001-UtilisationOrderList';
import { EvaluationListFilters1796301000300 } from './migrations/1796301000300-EvaluationListFilters';
import { MonthlySamplePartitions1796301500001 } from './migrations/1796301500001-MonthlySamplePartitions';
import { UtilisationSummary1796301700001 } from './migrations/1796301700001-UtilisationSummary';
import { MonitoringListFilters1796301800001 } from './migrations/1796301800001-MonitoringListFilters';
import { UnitPerformanceListFilters1796301800002 } from './migrations/1796301800002-UnitPerformanceListFilters';

/** The supervision subgraph's data source (schema `supervision`), not yet initialised. */
export function createDataSource(url: string): DataSource {
  return createSubgraphDataSource({
    url,
    schema: 'supervision',
    entities: [
      MonitoringDailyEntity,
      UtilisationSummaryPeriodEntity,
      UtilisationSummaryEntity,
      ProviderEvaluationEntity,
      ProviderEvaluationInputEntity,
      SystemFactEntity,
      SystemSampleEntity,
      ProviderSampleEntity,
      ProviderMonitoringDailyEntity,
      UtilisationOrderEntity,
      UnitPerformanceEvaluationEntity,
      UnitPerformanceResultEntity,
    ],
    migrations: [
      CreateSupervisionSchema1795651200003,
      SystemFacts1795651200004,
      MonitoringIngest1795651200005,
      ProviderEvaluationWorkflow1795651200006,
      UtilisationOrders1795651200007,
      UnitPerformance1795651200008,
      UnitPerformanceOffCloud1796300200001,
      UtilisationOrderList1796300600001,
      EvaluationListFilters1796301000300,
      MonthlySamplePartitions1796301500001,
      UtilisationSummary1796301700001,
      MonitoringListFilters1796301800001,
      UnitPerformanceListFilters1796301800002,
    ],
  });
}
