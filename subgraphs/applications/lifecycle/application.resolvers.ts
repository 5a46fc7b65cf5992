import { connectionFromArray, type ConnectionArgs } from '../../kit/connection';
import { todayInChina } from '../../kit/dates';
import { fenToYuan } from '../../kit/money';
import { RULES } from '../../kit/rules';
import { regionField } from '../../kit/shared-resolvers';
import type { ApplicationEventEntity } from './application-event.entity';
import type { ApplicationEntity } from './application.entity';
import type { ChangeRequestEntity } from '../changes/change-request.entity';
import type { MaterialEntity } from '../materials/material.entity';
import type { OverdueFlagEntity } from '../todo/overdue-flag.entity';
import type { ResourceLineEntity } from './resource-line.entity';
import type { ApplicationsContext } from '../loaders';
import { downloadPathOf } from '../materials/material-file.service';
import { isDecisionOverdue, isLegacyOverdue, legacyShutdownDue, testPeriod } from './deadlines.rules';
import { TERMINATION_STEP_ORDER } from './termination.rules';

type Parent = ApplicationEntity;

async function legacyDue(application: Parent, ctx: ApplicationsContext): Promise<{ due: string | null; shutdownOn: string | null }> {
  const due = legacyShutdownDue(application.kind, application.goLiveOn);
  if (!due) return { due: null, shutdownOn: null };
  const system = await ctx.loaders.systemById.load(application.systemId);
  return { due, shutdownOn: system?.legacyShutdownOn ?? null };
}

export const Application = {
  __resolveReference: (reference: { id: string }, ctx: ApplicationsContext) => ctx.loaders.applicationById.load(reference.id),
  unit: (application: Parent, _: unknown, ctx: ApplicationsContext) => ctx.loaders.unitById.load(application.unitId),
  system: (application: Parent, _: unknown, ctx: ApplicationsContext) => ctx.loaders.systemById.load(application.systemId),
  provider: (application: Parent) => ({ id: application.providerId }),
  region: (application: Parent) => regionField(application.regionCode),
  createdAt: (application: Parent) => application.createdAt.toISOString(),

  decisionDeadline: (application: Parent) =>
    application.decisionDueOn ? { date: application.decisionDueOn, estimated: application.decisionDueEstimated } : null,
  decisionOverdue: (application: Parent) =>
    application.decisionLate ??
    (application.decisionDueOn !== null && application.decidedOn === null
      ? isDecisionOverdue(application.decisionDueOn, null, todayInChina())
      : false),
  testPeriod: (application: Parent) =>
    application.testStartedOn
      ? testPeriod(application.testStartedOn, application.testEndedOn, application.testExtensionReason, todayInChina())
      : null,
  legacyShutdownDue: (application: Parent) => legacyShutdownDue(application.kind, application.goLiveOn),
  legacyOverdue: async (application: Parent, _: unknown, ctx: ApplicationsContext) => {
    const { due, shutdownOn } = await legacyDue(application, ctx);
    return isLegacyOverdue(due, shutdownOn, todayInChina());
  },

  resourceLines: async (application: Parent, args: ConnectionArgs, ctx: ApplicationsContext) =>
    connectionFromArray(await ctx.loaders.resourceLinesByApplicationId.load(application.id), args, (line) =>
      String(line.position).padStart(6, '0'),
    ),
  materials: async (application: Parent, _: unknown, ctx: ApplicationsContext) =>
    [...(await ctx.loaders.materialsByApplicationId.load(application.id))].sort((a, b) => a.kind.localeCompare(b.kind)),
  events: async (application: Parent, args: ConnectionArgs, ctx: ApplicationsContext) =>
    connectionFromArray(await ctx.loaders.eventsByApplicationId.load(application.id), args, (event) => event.occurredAt.toISOString()),
  changeRequests: async (application: Parent, args: ConnectionArgs, ctx: ApplicationsContext) =>
    connectionFromArray(await ctx.loaders.changeRequestsByApplicationId.load(application.id), args, (change) =>
      change.requestedAt.toISOString(),
    ),
  terminationSteps: async (application: Parent, _: unknown, ctx: ApplicationsContext) => {
    const confirmed = await ctx.loaders.terminationStepsByApplicationId.load(application.id);
    return TERMINATION_STEP_ORDER.map((step) => {
      const row = confirmed.find((each) => each.step === step);
      return {
        step,
        confirmed: Boolean(row),
        confirmedBy: row?.confirmedBy ?? null,
        confirmedByRole: row?.confirmedByRole ?? null,
        confirmedOn: row?.confirmedOn ?? null,
      };
    });
  },
  overdueFlags: async (application: Parent, args: ConnectionArgs, ctx: ApplicationsContext) =>
    connectionFromArray(await ctx.loaders.overdueFlagsByApplicationId.load(application.id), args, (flag) => flag.dueOn),
};

export const OverdueFlag = {
  article: (flag: OverdueFlagEntity) => RULES[flag.rule].article,
  flaggedAt: (flag: OverdueFlagEntity) => flag.flaggedAt.toISOString(),
};

export const ResourceLine = {
  catalogEntry: (line: ResourceLineEntity) => ({ id: line.catalogEntryId }),
  isRange: (line: ResourceLineEntity) => line.quantityMax > line.quantity,
  concludedPrice: (line: ResourceLineEntity) => (line.concludedPriceFen === null ? null : fenToYuan(line.concludedPriceFen)),
};

export const ApplicationMaterial = {
  uploadedAt: (material: MaterialEntity) => material.uploadedAt.toISOString(),
  sha256: (material: MaterialEntity) => material.contentHash,
  downloadUrl: (material: MaterialEntity) => (material.fileId ? downloadPathOf(material.fileId) : null),
};

export const ApplicationEvent = {
  occurredAt: (event: ApplicationEventEntity) => event.occurredAt.toISOString(),
};

export const ChangeRequest = {
  requestedAt: (change: ChangeRequestEntity) => change.requestedAt.toISOString(),
  decidedAt: (change: ChangeRequestEntity) => change.decidedAt?.toISOString() ?? null,
};
