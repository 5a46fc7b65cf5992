// The per-request loaders of MLPS records (第二十一条、第二十二条): each batch is one scoped query.
import type { DataSource } from 'typeorm';
import { loaderByKey } from '../../kit/loader-helpers';
import { plainRowLoader } from '../../kit/plain-rows';
import type { Scope } from '../../kit/principal';
import { MlpsOverdueService } from './mlps-overdue.service';
import { MlpsRecordService } from './mlps-record.service';

/** `recordScope` null: the principal may see no security records. */
export function createMlpsLoaders(dataSource: DataSource, recordScope: Scope | null) {
  const records = new MlpsRecordService(dataSource, recordScope);
  const facts = new MlpsOverdueService(dataSource, recordScope);
  return {
    mlpsRecordById: loaderByKey((ids) => records.byIds(ids), 'id'),
    // Plain rows with the columns a query selects (mlps-fields.ts): a page of systems' records and due dates.
    mlpsRecordRowBySystemId: plainRowLoader((systemIds, properties) => records.bySystemIds(systemIds, properties), 'systemId'),
    mlpsSystemFactBySystemId: loaderByKey((systemIds) => facts.factsOf(systemIds), 'systemId'),
    mlpsGradingPagesByRecordId: records.gradingPages(),
    mlpsAssessmentPagesByRecordId: records.assessmentPages(),
  };
}
