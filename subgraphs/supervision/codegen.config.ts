import type { SubgraphCodegenConfig } from '../kit/codegen-config';

/** How `npm run codegen` types this subgraph's resolvers (subgraphs/supervision/generated/graphql.ts). */
export const codegenConfig: SubgraphCodegenConfig = {
  contextType: '../loaders#SupervisionContext',
  // Each GraphQL type → what its resolvers receive as parent: the entity, a service's row, or a bare key.
  mappers: {
    InformationSystem: '../resolvers#EntityReference',
    Provider: '../resolvers#EntityReference',
    Unit: '../resolvers#EntityReference',
    MonitoringDaily: '../monitoring/monitoring-daily.entity#MonitoringDailyEntity',
    ProviderMonitoringDaily: '../monitoring/provider-monitoring-daily.entity#ProviderMonitoringDailyEntity',
    MonitoringSubmission: '../monitoring/monitoring-submission.service#MonitoringSubmissionResult',
    SystemUtilisation: '../monitoring/monitoring.rules#SystemUtilisation as SystemUtilisationFigures',
    ProviderEvaluation: '../provider-evaluation/provider-evaluation.entity#ProviderEvaluationEntity',
    ProviderEvaluationInput: '../provider-evaluation/provider-evaluation-input.entity#ProviderEvaluationInputEntity',
    UnitPerformanceEvaluation: '../unit-performance/unit-performance-evaluation.entity#UnitPerformanceEvaluationEntity',
    UnitPerformanceResult: '../unit-performance/unit-performance-result.entity#UnitPerformanceResultEntity',
    // Both are views of the result's own columns.
    UnitResourceUse: '../unit-performance/unit-performance-result.entity#UnitPerformanceResultEntity',
    UnitSecurityFigures: '../unit-performance/unit-performance-result.entity#UnitPerformanceResultEntity',
    UtilisationEvaluation: '../utilisation/utilisation-evaluation.service#UtilisationEvaluation as UtilisationEvaluationFigures',
    YearUtilisation: '../utilisation/utilisation-evaluation.service#YearUtilisation as YearUtilisationFigures',
    UtilisationOrder: '../utilisation/utilisation-order.entity#UtilisationOrderEntity',
    // The kit's pages, whose total may be counted only when asked for.
    MonitoringDailyConnection: '../../kit/connection#Connection<MonitoringDailyEntity>',
    ProviderMonitoringDailyConnection: '../../kit/connection#Connection<ProviderMonitoringDailyEntity>',
    ProviderEvaluationConnection: '../../kit/connection#Connection<ProviderEvaluationEntity>',
    ProviderEvaluationInputConnection: '../../kit/connection#Connection<ProviderEvaluationInputEntity>',
    UnitPerformanceResultConnection: '../../kit/connection#Connection<UnitPerformanceResultEntity>',
    UtilisationEvaluationConnection: '../../kit/connection#Connection<UtilisationEvaluationFigures>',
    UtilisationOrderConnection: '../../kit/connection#Connection<UtilisationOrderEntity>',
  },
};
