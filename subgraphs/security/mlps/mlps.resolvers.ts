// MLPS (等级保护, 第二十一条、第二十二条): records, grading, filing and assessments, the overdue
// worklist (MLPS_6M) and InformationSystem's MLPS fields. Each mutation goes through the pipeline
// (kit/mutation.ts) with the system's replica row locked, so a refused one changes nothing and two
// writes on one system take turns.
import { childPage } from '../../kit/child-connection';
import { todayInChina } from '../../kit/dates';
import { findInScope } from '../../kit/lookup';
import { mutation } from '../../kit/mutation';
import { Role } from '../../kit/principal';
import type {
  MlpsHarmDegree,
  MlpsHarmedObject,
  MutationFileMlpsRecordArgs,
  MutationGradeSystemMlpsArgs,
  MutationRecordMlpsAssessmentArgs,
  Resolvers,
} from '../generated/graphql';
import type { SecurityContext } from '../loaders';
import { regionOf } from '../references';
import { securityScopeOf, systemLock } from '../security-scope';
import { MLPS_FIELDS, mlpsRowKey } from './mlps-fields';
import { MlpsOverdueService } from './mlps-overdue.service';
import type { MlpsRecordEntity } from './mlps-record.entity';
import { MlpsRecordService } from './mlps-record.service';
import { fileMlpsRecord, gradeSystemMlps, recordMlpsAssessment } from './mlps-write.service';
import { parseAssessmentInput, parseFilingInput, parseGradeInput } from './mlps.inputs';
import { dimensionLevel, isAssessmentOverdue, nextAssessmentDueOn } from './mlps.rules';

const lockSystem = (input: { systemId: string }, ctx: SecurityContext) => systemLock(ctx.principal, ctx.scope, input.systemId);

/** A grading dimension as stored: null on a record graded before dimensions were kept. */
function dimension(harmedObject: MlpsHarmedObject | null, harmDegree: MlpsHarmDegree | null) {
  return harmedObject && harmDegree ? { harmedObject, harmDegree, level: dimensionLevel({ harmedObject, harmDegree }) } : null;
}

interface AssessmentDue {
  nextAssessmentDueOn: string | null;
  assessmentOverdue: boolean;
}

/**
 * The MLPS_6M due date of one system as a field resolves it; null when the principal may not see
 * the system's facts. Facts and record come through the request's loaders, so a page of systems or
 * records costs two batched queries, not two a row.
 */
async function assessmentDueOf(ctx: SecurityContext, systemId: string, known?: MlpsRecordEntity | null): Promise<AssessmentDue | null> {
  const [fact, record] = await Promise.all([
    ctx.loaders.mlpsSystemFactBySystemId.load(systemId),
    // The same loader as InformationSystem.mlps, so a page's records and due dates are one batch.
    known !== undefined ? known : ctx.loaders.mlpsRecordRowBySystemId.load({ id: systemId, properties: MLPS_FIELDS.nextAssessmentDueOn! }),
  ]);
  if (!fact) return null;
  const dueOn = nextAssessmentDueOn({
    level: record?.level ?? null,
    goLiveOn: fact.goLiveOn,
    retiredOn: fact.retiredOn,
    lastAssessedOn: record?.lastAssessedOn ?? null,
  });
  return { nextAssessmentDueOn: dueOn, assessmentOverdue: isAssessmentOverdue(dueOn, todayInChina()) };
}

export const mlpsResolvers = {
  Query: {
    mlpsRecords: (_, args, ctx) => new MlpsRecordService(ctx.dataSource, securityScopeOf(ctx.principal, ctx.scope)).list(args),
    mlpsRecord: (_, { id }, ctx) => findInScope(id, (key) => ctx.loaders.mlpsRecordById.load(key)),
    mlpsOverdueSystems: (_, args, ctx) =>
      new MlpsOverdueService(ctx.dataSource, securityScopeOf(ctx.principal, ctx.scope)).overdue(args, todayInChina()),
  },

  Mutation: {
    /** The unit owning the system grades it (第二十一条: 使用单位……明确网络安全等级保护级别). */
    gradeSystemMlps: mutation({
      roles: [Role.USER_UNIT],
      input: (args: MutationGradeSystemMlpsArgs) => parseGradeInput(args.input, todayInChina()),
      lock: lockSystem,
      run: (tx, input, system) => gradeSystemMlps(tx.manager, tx.principal, system, input),
    }),
    /** The unit records its filing certificate; the cybersecurity authority may record it too. */
    fileMlpsRecord: mutation({
      roles: [Role.USER_UNIT, Role.CYBERSEC],
      input: (args: MutationFileMlpsRecordArgs) => parseFilingInput(args.input, todayInChina()),
      lock: lockSystem,
      run: (tx, input, system) => fileMlpsRecord(tx.manager, tx.principal, system, input),
    }),
    /** The unit records the licensed agency's report (第二十二条); the cybersecurity authority may record it too. */
    recordMlpsAssessment: mutation({
      roles: [Role.USER_UNIT, Role.CYBERSEC],
      input: (args: MutationRecordMlpsAssessmentArgs) => parseAssessmentInput(args.input, todayInChina()),
      lock: lockSystem,
      run: (tx, input, system) => recordMlpsAssessment(tx.manager, tx.principal, system, input),
    }),
  },

  MlpsRecord: {
    __resolveReference: (reference, ctx) => ctx.loaders.mlpsRecordById.load(reference.id),
    system: (record) => ({ id: record.systemId }),
    region: (record) => regionOf(record.regionCode),
    businessSecurity: (record) => dimension(record.businessHarmedObject, record.businessHarmDegree),
    serviceSecurity: (record) => dimension(record.serviceHarmedObject, record.serviceHarmDegree),
    nextAssessmentDueOn: async (record, _, ctx) => (await assessmentDueOf(ctx, record.systemId, record))?.nextAssessmentDueOn ?? null,
    assessmentOverdue: async (record, _, ctx) => (await assessmentDueOf(ctx, record.systemId, record))?.assessmentOverdue ?? false,
    // A record's history in date order (oldest first), from one batched query for all records on the page.
    gradings: (record, args, ctx) => ctx.loaders.mlpsGradingPagesByRecordId.load(childPage(record.id, args)),
    assessments: (record, args, ctx) => ctx.loaders.mlpsAssessmentPagesByRecordId.load(childPage(record.id, args)),
  },

  MlpsGrading: {
    businessSecurity: (grading) => ({
      harmedObject: grading.businessHarmedObject,
      harmDegree: grading.businessHarmDegree,
      level: grading.businessLevel,
    }),
    serviceSecurity: (grading) => ({
      harmedObject: grading.serviceHarmedObject,
      harmDegree: grading.serviceHarmDegree,
      level: grading.serviceLevel,
    }),
  },

  MlpsAssessment: {
    // The assessment was read in the caller's scope, and its record with it: never null.
    mlpsRecord: async (assessment, _, ctx) => (await ctx.loaders.mlpsRecordById.load(assessment.mlpsRecordId))!,
    system: (assessment) => ({ id: assessment.systemId }),
    findings: (assessment) => ({
      highRisk: assessment.highRiskFindings,
      mediumRisk: assessment.mediumRiskFindings,
      lowRisk: assessment.lowRiskFindings,
      total: assessment.highRiskFindings + assessment.mediumRiskFindings + assessment.lowRiskFindings,
    }),
    region: (assessment) => regionOf(assessment.regionCode),
  },

  /** Scoped by the loaders: an out-of-scope system shows no MLPS record and no due date. */
  InformationSystem: {
    mlps: (system, _, ctx, info) => ctx.loaders.mlpsRecordRowBySystemId.load(mlpsRowKey(system.id, info)),
    /** MLPS_6M: null when the system is out of scope or nothing is due. */
    nextAssessmentDueOn: async (system, _, ctx) => (await assessmentDueOf(ctx, system.id))?.nextAssessmentDueOn ?? null,
    assessmentOverdue: async (system, _, ctx) => (await assessmentDueOf(ctx, system.id))?.assessmentOverdue ?? null,
  },
} satisfies Resolvers;
