import { connectionFromArray, type ConnectionArgs } from '../../kit/connection';
import { todayInChina } from '../../kit/dates';
import { ForbiddenError } from '../../kit/errors';
import { findInScope } from '../../kit/lookup';
import { Role } from '../../kit/principal';
import { fenToYuan } from '../../kit/money';
import { regionField } from '../../kit/shared-resolvers';
import type { ApplicationEventEntity } from './application-event.entity';
import type { ApplicationEntity } from './application.entity';
import { ApplicationService, type ApplicationListArgs } from './application.service';
import type { ResourceLineEntity } from './resource-line.entity';
import type { ApplicationsContext } from '../loaders';
import { isDecisionOverdue, isLegacyOverdue, legacyShutdownDue, testPeriod } from './deadlines.rules';
import { TERMINATION_STEP_ORDER } from './termination.rules';

type Parent = ApplicationEntity;

const Query = {
  applications: (_: unknown, args: ApplicationListArgs, ctx: ApplicationsContext) =>
    new ApplicationService(ctx.dataSource, ctx.scope).list(args),

  // By id: what the scope sees, else null — missing and someone else's answer alike (kit/lookup.ts).
  application: (_: unknown, { id }: { id: string }, ctx: ApplicationsContext) =>
    findInScope(id, (key) => ctx.loaders.applicationById.load(key)),

  /** DECISION_5WD: the bureau's to-do list of late decisions. */
  overdueApplications: (_: unknown, args: ConnectionArgs, ctx: ApplicationsContext) => {
    if (ctx.principal.role !== Role.BUREAU) throw new ForbiddenError();
    return new ApplicationService(ctx.dataSource, ctx.scope).overdue(args, todayInChina());
  },
};

async function legacyDue(application: Parent, ctx: ApplicationsContext): Promise<{ due: string | null; shutdownOn: string | null }> {
  const due = legacyShutdownDue(application.kind, application.goLiveOn);
  if (!due) return { due: null, shutdownOn: null };
  const system = await ctx.loaders.systemById.load(application.systemId);
  return { due, shutdownOn: system?.legacyShutdownOn ?? null };
}

const Application = {
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
  events: async (application: Parent, args: ConnectionArgs, ctx: ApplicationsContext) =>
    connectionFromArray(await ctx.loaders.eventsByApplicationId.load(application.id), args, (event) => event.occurredAt.toISOString()),
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
};

const ResourceLine = {
  catalogEntry: (line: ResourceLineEntity) => ({ id: line.catalogEntryId }),
  isRange: (line: ResourceLineEntity) => line.quantityMax > line.quantity,
  concludedPrice: (line: ResourceLineEntity) => (line.concludedPriceFen === null ? null : fenToYuan(line.concludedPriceFen)),
};

const ApplicationEvent = {
  occurredAt: (event: ApplicationEventEntity) => event.occurredAt.toISOString(),
};

/** Applications, their resource lines and events; the lifecycle's mutations are in mutation.resolvers.ts. */
export const applicationResolvers = { Query, Application, ResourceLine, ApplicationEvent };
