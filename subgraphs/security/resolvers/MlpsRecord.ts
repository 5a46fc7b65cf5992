import type { ConnectionArgs } from '../../kit/connection';
import { regionField } from '../../kit/shared-resolvers';
import type { MlpsRecordEntity } from '../entities/mlps-record.entity';
import type { SecurityContext } from '../loaders';
import { dimensionLevel, type HarmDegree, type HarmedObject } from '../rules/mlps';
import { mlpsRecordHistory } from './mlps';
import { assessmentDueOf } from './mlps-schedule';

/** A grading dimension as stored: null on a record graded before dimensions were kept. */
function dimension(harmedObject: HarmedObject | null, harmDegree: HarmDegree | null) {
  return harmedObject && harmDegree ? { harmedObject, harmDegree, level: dimensionLevel({ harmedObject, harmDegree }) } : null;
}

export const MlpsRecord = {
  __resolveReference: (reference: { id: string }, ctx: SecurityContext) => ctx.loaders.mlpsRecordById.load(reference.id),
  system: (record: MlpsRecordEntity) => ({ id: record.systemId }),
  region: (record: MlpsRecordEntity) => regionField(record.regionCode),
  businessSecurity: (record: MlpsRecordEntity) => dimension(record.businessHarmedObject, record.businessHarmDegree),
  serviceSecurity: (record: MlpsRecordEntity) => dimension(record.serviceHarmedObject, record.serviceHarmDegree),
  gradedAt: (record: MlpsRecordEntity) => record.gradedAt?.toISOString() ?? null,
  filingRecordedAt: (record: MlpsRecordEntity) => record.filingRecordedAt?.toISOString() ?? null,
  nextAssessmentDueOn: async (record: MlpsRecordEntity, _: unknown, ctx: SecurityContext) =>
    (await assessmentDueOf(ctx, record.systemId, record))?.nextAssessmentDueOn ?? null,
  assessmentOverdue: async (record: MlpsRecordEntity, _: unknown, ctx: SecurityContext) =>
    (await assessmentDueOf(ctx, record.systemId, record))?.assessmentOverdue ?? false,
  gradings: (record: MlpsRecordEntity, args: ConnectionArgs, ctx: SecurityContext) => mlpsRecordHistory.gradings(record.id, args, ctx),
  assessments: (record: MlpsRecordEntity, args: ConnectionArgs, ctx: SecurityContext) =>
    mlpsRecordHistory.assessments(record.id, args, ctx),
};
