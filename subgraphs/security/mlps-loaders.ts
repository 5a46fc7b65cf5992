import type { DataSource } from 'typeorm';
import { loaderByKey, loaderOfGroups } from '../kit/loader-helpers';
import type { Principal, Scope } from '../kit/principal';
import { MlpsOverdueService } from './services/mlps-overdue.service';
import { MlpsRecordService } from './services/mlps-record.service';
import { securityScopeOf } from './services/scope';

/** The MLPS feature's loaders (spread into loaders.ts): each batch is one scoped query. */
export function createMlpsLoaders(dataSource: DataSource, principal: Principal, scope: Scope) {
  const recordScope = securityScopeOf(principal, scope);
  const records = new MlpsRecordService(dataSource, recordScope);
  const facts = new MlpsOverdueService(dataSource, recordScope);
  return {
    mlpsSystemFactBySystemId: loaderByKey((systemIds) => facts.factsOf(systemIds), 'systemId'),
    mlpsGradingsByRecordId: loaderOfGroups((recordIds) => records.gradingsOf(recordIds), 'mlpsRecordId'),
    mlpsAssessmentsByRecordId: loaderOfGroups((recordIds) => records.assessmentsOf(recordIds), 'mlpsRecordId'),
  };
}
