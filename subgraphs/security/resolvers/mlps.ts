// MLPS (等级保护, 第二十一条、第二十二条): grading, filing and assessments, and the overdue worklist
// (MLPS_6M). Each mutation goes through the pipeline (kit/mutation.ts) with the system's replica row
// locked, so a refused one changes nothing and two writes on one system take turns.
import { connectionFromArray, type ConnectionArgs } from '../../kit/connection';
import { todayInChina } from '../../kit/dates';
import { mutation } from '../../kit/mutation';
import { Role } from '../../kit/principal';
import { regionField } from '../../kit/shared-resolvers';
import type { MlpsAssessmentEntity } from '../entities/mlps-assessment.entity';
import type { MlpsGradingEntity } from '../entities/mlps-grading.entity';
import type { SecurityContext } from '../loaders';
import {
  parseAssessmentInput,
  parseFilingInput,
  parseGradeInput,
  type FileMlpsRecordInput,
  type GradeSystemMlpsInput,
  type RecordMlpsAssessmentInput,
} from '../services/mlps-inputs';
import { MlpsOverdueService } from '../services/mlps-overdue.service';
import { fileMlpsRecord, gradeSystemMlps, recordMlpsAssessment } from '../services/mlps-write.service';
import { securityScopeOf, systemLock } from '../services/scope';

const lockSystem = (input: { systemId: string }, ctx: SecurityContext) => systemLock(ctx.principal, ctx.scope, input.systemId);

export const mlpsResolvers = {
  Query: {
    mlpsOverdueSystems: (_: unknown, args: ConnectionArgs, ctx: SecurityContext) =>
      new MlpsOverdueService(ctx.dataSource, securityScopeOf(ctx.principal, ctx.scope)).overdue(args, todayInChina()),
  },
  Mutation: {
    /** The unit owning the system grades it (第二十一条: 使用单位……明确网络安全等级保护级别). */
    gradeSystemMlps: mutation({
      roles: [Role.USER_UNIT],
      input: (args: { input: GradeSystemMlpsInput }) => parseGradeInput(args.input, todayInChina()),
      lock: lockSystem,
      run: (tx, input, system) => gradeSystemMlps(tx.manager, tx.principal, system, input),
    }),
    /** The unit records its filing certificate; the cybersecurity authority may record it too. */
    fileMlpsRecord: mutation({
      roles: [Role.USER_UNIT, Role.CYBERSEC],
      input: (args: { input: FileMlpsRecordInput }) => parseFilingInput(args.input, todayInChina()),
      lock: lockSystem,
      run: (tx, input, system) => fileMlpsRecord(tx.manager, tx.principal, system, input),
    }),
    /** The unit records the licensed agency's report (第二十二条); the cybersecurity authority may record it too. */
    recordMlpsAssessment: mutation({
      roles: [Role.USER_UNIT, Role.CYBERSEC],
      input: (args: { input: RecordMlpsAssessmentInput }) => parseAssessmentInput(args.input, todayInChina()),
      lock: lockSystem,
      run: (tx, input, system) => recordMlpsAssessment(tx.manager, tx.principal, system, input),
    }),
  },
  MlpsGrading: {
    businessSecurity: (grading: MlpsGradingEntity) => ({
      harmedObject: grading.businessHarmedObject,
      harmDegree: grading.businessHarmDegree,
      level: grading.businessLevel,
    }),
    serviceSecurity: (grading: MlpsGradingEntity) => ({
      harmedObject: grading.serviceHarmedObject,
      harmDegree: grading.serviceHarmDegree,
      level: grading.serviceLevel,
    }),
    gradedAt: (grading: MlpsGradingEntity) => grading.gradedAt.toISOString(),
  },
  MlpsAssessment: {
    mlpsRecord: (assessment: MlpsAssessmentEntity, _: unknown, ctx: SecurityContext) =>
      ctx.loaders.mlpsRecordById.load(assessment.mlpsRecordId),
    system: (assessment: MlpsAssessmentEntity) => ({ id: assessment.systemId }),
    findings: (assessment: MlpsAssessmentEntity) => ({
      highRisk: assessment.highRiskFindings,
      mediumRisk: assessment.mediumRiskFindings,
      lowRisk: assessment.lowRiskFindings,
      total: assessment.highRiskFindings + assessment.mediumRiskFindings + assessment.lowRiskFindings,
    }),
    recordedAt: (assessment: MlpsAssessmentEntity) => assessment.recordedAt.toISOString(),
    region: (assessment: MlpsAssessmentEntity) => regionField(assessment.regionCode),
  },
};

/** A record's history, in date order (oldest first), from one batched query for all records on the page. */
export const mlpsRecordHistory = {
  gradings: async (recordId: string, args: ConnectionArgs, ctx: SecurityContext) =>
    connectionFromArray(await ctx.loaders.mlpsGradingsByRecordId.load(recordId), args, (grading) => grading.gradedAt.toISOString()),
  assessments: async (recordId: string, args: ConnectionArgs, ctx: SecurityContext) =>
    connectionFromArray(await ctx.loaders.mlpsAssessmentsByRecordId.load(recordId), args, (assessment) => assessment.assessedOn),
};
