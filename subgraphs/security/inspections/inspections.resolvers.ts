// Security inspections and rectifications (第十九条, INSPECTION_RECTIFY): queries, the steps (each
// through the mutation pipeline, kit/mutation.ts), and Provider's and InformationSystem's open
// rectifications.
import { childPage } from '../../kit/child-connection';
import { todayInChina } from '../../kit/dates';
import { findInScope } from '../../kit/lookup';
import { mutation, type LockTarget } from '../../kit/mutation';
import { Role } from '../../kit/principal';
import { InspectionFindingEntity } from './inspection-finding.entity';
import type {
  MutationCloseRectificationArgs,
  MutationRecordSecurityInspectionArgs,
  MutationReturnRectificationArgs,
  MutationSubmitRectificationArgs,
  Resolvers,
} from '../generated/graphql';
import type { SecurityContext } from '../loaders';
import { regionOf } from '../references';
import { assertMayVerify, isRectificationOverdue, requireText } from './inspections.rules';
import { InspectionService, parseInspectionInput, recordInspection } from './inspection.service';
import { closeRectification, returnRectification, submitRectification } from './rectification.service';
import { securityScopeOf, seesSecurityRow } from '../security-scope';

const inspectionsOf = (ctx: SecurityContext) => new InspectionService(ctx.dataSource, securityScopeOf(ctx.principal, ctx.scope));

/** The finding a step acts on, locked at the caller's version; one outside the caller's scope is NOT_FOUND. */
const lockFinding = (
  args: Pick<MutationSubmitRectificationArgs, 'findingId' | 'version'>,
  ctx: SecurityContext,
): LockTarget<InspectionFindingEntity> => ({
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
    securityInspections: (_, args, ctx) => inspectionsOf(ctx).list(args),
    securityInspection: (_, { id }, ctx) => findInScope(id, (key) => ctx.loaders.securityInspectionById.load(key)),
    inspectionFinding: (_, { id }, ctx) => findInScope(id, (key) => ctx.loaders.inspectionFindingById.load(key)),
    overdueRectifications: (_, args, ctx) => inspectionsOf(ctx).overdue(args, todayInChina()),
  },

  Mutation: {
    /** The bureau or the centre with the cybersecurity authority (会同, 第十九条); either side records it. */
    recordSecurityInspection: mutation({
      roles: [Role.BUREAU, Role.CENTER, Role.CYBERSEC],
      input: (args: MutationRecordSecurityInspectionArgs) => parseInspectionInput(args.input, todayInChina()),
      targets: (input) => [input.target.targetKind === 'PLATFORM' ? input.target.providerId : input.target.systemId],
      run: (tx, input) => recordInspection(tx.manager, tx.principal, input),
    }),
    /** The owner of the rectification: the unit for its system, the provider for its platform. */
    submitRectification: mutation({
      roles: [Role.USER_UNIT, Role.PROVIDER],
      input: (args: MutationSubmitRectificationArgs) => ({ ...args, note: requireText(args.note, 'note', '整改情况说明') }),
      lock: lockFinding,
      run: (tx, input, finding) => submitRectification(tx.manager, tx.principal, finding, input.note),
    }),
    closeRectification: mutation({
      roles: VERIFY_STEP_ROLES,
      input: (args: MutationCloseRectificationArgs) => ({
        ...args,
        note: args.note == null ? null : requireText(args.note, 'note', '验证意见'),
      }),
      authorize: (_input, ctx: SecurityContext) => assertMayVerify(ctx.principal.role, 'CLOSE'),
      lock: lockFinding,
      run: (tx, input, finding) => closeRectification(tx.manager, tx.principal, finding, input.note),
    }),
    returnRectification: mutation({
      roles: VERIFY_STEP_ROLES,
      input: (args: MutationReturnRectificationArgs) => ({ ...args, reason: requireText(args.reason, 'reason', '退回原因') }),
      authorize: (_input, ctx: SecurityContext) => assertMayVerify(ctx.principal.role, 'RETURN'),
      lock: lockFinding,
      run: (tx, input, finding) => returnRectification(tx.manager, tx.principal, finding, input.reason),
    }),
  },

  SecurityInspection: {
    __resolveReference: (reference, ctx) => ctx.loaders.securityInspectionById.load(reference.id),
    provider: (inspection) => (inspection.providerId ? { id: inspection.providerId } : null),
    system: (inspection) => (inspection.systemId ? { id: inspection.systemId } : null),
    unit: (inspection) => (inspection.unitId ? { id: inspection.unitId } : null),
    region: (inspection) => regionOf(inspection.regionCode),
    recordedBy: (inspection) => inspection.recordedByRole,
    jointWith: (inspection) => inspection.jointRole,
    findings: async (inspection, args, ctx) => ctx.loaders.findingPagesByInspectionId.load(childPage(inspection.id, args)),
  },

  InspectionFinding: {
    __resolveReference: (reference, ctx) => ctx.loaders.inspectionFindingById.load(reference.id),
    // The finding was read in the caller's scope, and its inspection with it: never null.
    inspection: async (finding, _, ctx) => (await ctx.loaders.securityInspectionById.load(finding.inspectionId))!,
    // The rectification is the same row seen from the inspected party's duty.
    rectification: (finding) => finding,
  },

  Rectification: {
    ownerUnit: (finding) => (finding.ownerKind === 'UNIT' && finding.unitId ? { id: finding.unitId } : null),
    ownerProvider: (finding) => (finding.ownerKind === 'PROVIDER' && finding.providerId ? { id: finding.providerId } : null),
    overdue: (finding) => isRectificationOverdue(finding, todayInChina()),
  },

  Provider: {
    openRectifications: (provider, args, ctx) => ctx.loaders.openRectificationPagesByProviderId.load(childPage(provider.id, args)),
  },

  InformationSystem: {
    openRectifications: (system, args, ctx) => ctx.loaders.openRectificationPagesBySystemId.load(childPage(system.id, args)),
  },
} satisfies Resolvers;
