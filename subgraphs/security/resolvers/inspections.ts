// Security inspections and rectifications (第十九条, INSPECTION_RECTIFY): queries, the steps, and
// Provider's and InformationSystem's open rectifications.
import { connectionFromArray, type ConnectionArgs } from '../../kit/connection';
import { inTransaction } from '../../kit/data-source';
import { todayInChina } from '../../kit/dates';
import { ForbiddenError } from '../../kit/errors';
import { findInScope } from '../../kit/lookup';
import { Role } from '../../kit/principal';
import { regionField } from '../../kit/shared-resolvers';
import type { InspectionFindingEntity } from '../entities/inspection-finding.entity';
import type { SecurityInspectionEntity } from '../entities/security-inspection.entity';
import type { SecurityContext } from '../loaders';
import { isRectificationOverdue } from '../rules/inspection-rectify';
import { InspectionService, recordInspection, type InspectionInput, type InspectionListArgs } from '../services/inspection.service';
import { closeRectification, returnRectification, submitRectification } from '../services/rectification.service';
import { securityScopeOf } from '../services/scope';

const inspectionsOf = (ctx: SecurityContext) => new InspectionService(ctx.dataSource, securityScopeOf(ctx.principal, ctx.scope));
const bySeq = (finding: InspectionFindingEntity) => String(finding.seq).padStart(5, '0');
const byDeadline = (finding: InspectionFindingEntity) => finding.deadline;
const iso = (instant: Date | null) => instant?.toISOString() ?? null;

type StepArgs = { findingId: string; version: number };

export const inspectionResolvers = {
  Query: {
    securityInspections: (_: unknown, args: InspectionListArgs, ctx: SecurityContext) => inspectionsOf(ctx).list(args),
    securityInspection: (_: unknown, { id }: { id: string }, ctx: SecurityContext) =>
      findInScope(id, (key) => ctx.loaders.securityInspectionById.load(key)),
    inspectionFinding: (_: unknown, { id }: { id: string }, ctx: SecurityContext) =>
      findInScope(id, (key) => ctx.loaders.inspectionFindingById.load(key)),
    overdueRectifications: (_: unknown, args: ConnectionArgs, ctx: SecurityContext) => inspectionsOf(ctx).overdue(args, todayInChina()),
  },

  Mutation: {
    recordSecurityInspection: (_: unknown, { input }: { input: InspectionInput }, ctx: SecurityContext) =>
      inTransaction(ctx.dataSource, (manager) => recordInspection(manager, ctx.principal, input, todayInChina())),
    submitRectification: (_: unknown, args: StepArgs & { note: string }, ctx: SecurityContext) => {
      if (ctx.principal.role !== Role.USER_UNIT && ctx.principal.role !== Role.PROVIDER) throw new ForbiddenError();
      return inTransaction(ctx.dataSource, (manager) => submitRectification(manager, ctx.principal, args));
    },
    closeRectification: (_: unknown, args: StepArgs & { note?: string | null }, ctx: SecurityContext) =>
      inTransaction(ctx.dataSource, (manager) => closeRectification(manager, ctx.principal, args)),
    returnRectification: (_: unknown, args: StepArgs & { reason: string }, ctx: SecurityContext) =>
      inTransaction(ctx.dataSource, (manager) => returnRectification(manager, ctx.principal, args)),
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
