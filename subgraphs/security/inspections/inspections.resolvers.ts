// Security inspections and rectifications (第十九条, INSPECTION_RECTIFY): queries, the steps (each
// through the mutation pipeline, kit/mutation.ts), and Provider's and InformationSystem's open
// rectifications.
import { connectionFromArray, type ConnectionArgs } from '../../kit/connection';
import { todayInChina } from '../../kit/dates';
import { findInScope } from '../../kit/lookup';
import { mutation, type LockTarget } from '../../kit/mutation';
import { Role } from '../../kit/principal';
import { regionField } from '../../kit/shared-resolvers';
import { InspectionFindingEntity } from './inspection-finding.entity';
import type { SecurityInspectionEntity } from './security-inspection.entity';
import type { SecurityContext } from '../loaders';
import { assertMayVerify, isRectificationOverdue, requireText } from './inspections.rules';
import {
  InspectionService,
  parseInspectionInput,
  recordInspection,
  type InspectionInput,
  type InspectionListArgs,
} from './inspection.service';
import { closeRectification, returnRectification, submitRectification } from './rectification.service';
import { securityScopeOf, seesSecurityRow } from '../security-scope';

const inspectionsOf = (ctx: SecurityContext) => new InspectionService(ctx.dataSource, securityScopeOf(ctx.principal, ctx.scope));
const bySeq = (finding: InspectionFindingEntity) => String(finding.seq).padStart(5, '0');
const byDeadline = (finding: InspectionFindingEntity) => finding.deadline;
const iso = (instant: Date | null) => instant?.toISOString() ?? null;

type StepArgs = { findingId: string; version: number };

/** The finding a step acts on, locked at the caller's version; one outside the caller's scope is NOT_FOUND. */
const lockFinding = (args: StepArgs, ctx: SecurityContext): LockTarget<InspectionFindingEntity> => ({
  entity: InspectionFindingEntity,
  id: args.findingId,
  what: '检查发现问题',
  version: args.version,
  visible: (finding) => seesSecurityRow(ctx.principal, ctx.scope, finding),
});

/**
 * Only the inspecting side verifies (INSPECTION_RECTIFY); the inspected party passes the role step so
 * that it is told the rule and its article rather than a bare refusal.
 */
const VERIFY_STEP_ROLES = [Role.BUREAU, Role.CENTER, Role.CYBERSEC, Role.USER_UNIT, Role.PROVIDER];

export const inspectionsResolvers = {
  Query: {
    securityInspections: (_: unknown, args: InspectionListArgs, ctx: SecurityContext) => inspectionsOf(ctx).list(args),
    securityInspection: (_: unknown, { id }: { id: string }, ctx: SecurityContext) =>
      findInScope(id, (key) => ctx.loaders.securityInspectionById.load(key)),
    inspectionFinding: (_: unknown, { id }: { id: string }, ctx: SecurityContext) =>
      findInScope(id, (key) => ctx.loaders.inspectionFindingById.load(key)),
    overdueRectifications: (_: unknown, args: ConnectionArgs, ctx: SecurityContext) => inspectionsOf(ctx).overdue(args, todayInChina()),
  },

  Mutation: {
    /** The bureau or the centre with the cybersecurity authority (会同, 第十九条); either side records it. */
    recordSecurityInspection: mutation({
      roles: [Role.BUREAU, Role.CENTER, Role.CYBERSEC],
      input: (args: { input: InspectionInput }) => parseInspectionInput(args.input, todayInChina()),
      targets: (input) => [input.target.targetKind === 'PLATFORM' ? input.target.providerId : input.target.systemId],
      run: (tx, input) => recordInspection(tx.manager, tx.principal, input),
    }),
    /** The owner of the rectification: the unit for its system, the provider for its platform. */
    submitRectification: mutation({
      roles: [Role.USER_UNIT, Role.PROVIDER],
      input: (args: StepArgs & { note: string }) => ({ ...args, note: requireText(args.note, 'note', '整改情况说明') }),
      lock: lockFinding,
      run: (tx, input, finding) => submitRectification(tx.manager, tx.principal, finding, input.note),
    }),
    closeRectification: mutation({
      roles: VERIFY_STEP_ROLES,
      input: (args: StepArgs & { note?: string | null }) => ({
        ...args,
        note: args.note == null ? null : requireText(args.note, 'note', '验证意见'),
      }),
      authorize: (_input, ctx: SecurityContext) => assertMayVerify(ctx.principal.role, 'CLOSE'),
      lock: lockFinding,
      run: (tx, input, finding) => closeRectification(tx.manager, tx.principal, finding, input.note),
    }),
    returnRectification: mutation({
      roles: VERIFY_STEP_ROLES,
      input: (args: StepArgs & { reason: string }) => ({ ...args, reason: requireText(args.reason, 'reason', '退回原因') }),
      authorize: (_input, ctx: SecurityContext) => assertMayVerify(ctx.principal.role, 'RETURN'),
      lock: lockFinding,
      run: (tx, input, finding) => returnRectification(tx.manager, tx.principal, finding, input.reason),
    }),
  },

  SecurityInspection: {
    __resolveReference: (reference: { id: string }, ctx: SecurityContext) => ctx.loaders.securityInspectionById.load(reference.id),
    provider: (inspection: SecurityInspectionEntity) => (inspection.providerId ? { id: inspection.providerId } : null),
    system: (inspection: SecurityInspectionEntity) => (inspection.systemId ? { id: inspection.systemId } : null),
    unit: (inspection: SecurityInspectionEntity) => (inspection.unitId ? { id: inspection.unitId } : null),
    region: (inspection: SecurityInspectionEntity) => regionField(inspection.regionCode),
    recordedBy: (inspection: SecurityInspectionEntity) => inspection.recordedByRole,
    jointWith: (inspection: SecurityInspectionEntity) => inspection.jointRole,
    findings: async (inspection: SecurityInspectionEntity, args: ConnectionArgs, ctx: SecurityContext) =>
      connectionFromArray(await ctx.loaders.findingsByInspectionId.load(inspection.id), args, bySeq),
  },

  InspectionFinding: {
    __resolveReference: (reference: { id: string }, ctx: SecurityContext) => ctx.loaders.inspectionFindingById.load(reference.id),
    inspection: (finding: InspectionFindingEntity, _: unknown, ctx: SecurityContext) =>
      ctx.loaders.securityInspectionById.load(finding.inspectionId),
    // The rectification is the same row seen from the inspected party's duty.
    rectification: (finding: InspectionFindingEntity) => finding,
  },

  Rectification: {
    ownerUnit: (finding: InspectionFindingEntity) => (finding.ownerKind === 'UNIT' && finding.unitId ? { id: finding.unitId } : null),
    ownerProvider: (finding: InspectionFindingEntity) =>
      finding.ownerKind === 'PROVIDER' && finding.providerId ? { id: finding.providerId } : null,
    overdue: (finding: InspectionFindingEntity) => isRectificationOverdue(finding, todayInChina()),
    submittedAt: (finding: InspectionFindingEntity) => iso(finding.submittedAt),
    returnedAt: (finding: InspectionFindingEntity) => iso(finding.returnedAt),
    closedAt: (finding: InspectionFindingEntity) => iso(finding.closedAt),
  },

  Provider: {
    openRectifications: async (provider: { id: string }, args: ConnectionArgs, ctx: SecurityContext) =>
      connectionFromArray(await ctx.loaders.openRectificationsByProviderId.load(provider.id), args, byDeadline),
  },

  InformationSystem: {
    openRectifications: async (system: { id: string }, args: ConnectionArgs, ctx: SecurityContext) =>
      connectionFromArray(await ctx.loaders.openRectificationsBySystemId.load(system.id), args, byDeadline),
  },
};
