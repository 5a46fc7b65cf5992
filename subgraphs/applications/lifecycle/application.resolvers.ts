import { childPage } from '../../kit/child-connection';
import { todayInChina } from '../../kit/dates';
import { fieldReaders } from '../../kit/field-readers';
import { findInScope } from '../../kit/lookup';
import { fenToYuan } from '../../kit/money';
import { Role } from '../../kit/principal';
import { regionField } from '../../kit/shared-resolvers';
import type { ApplicationResolvers, QueryResolvers, Resolvers, ResourceLineResolvers } from '../generated/graphql';
import { alwaysVisible, type ApplicationsContext } from '../loaders';
import type { ApplicationEntity } from './application.entity';
import { ApplicationService } from './application.service';
import { applicationNodeProperties, systemOf, unitOf } from './application-fields';
import { isDecisionOverdue, isLegacyOverdue, legacyShutdownDaysLate, legacyShutdownDue, testPeriod } from './deadlines.rules';
import { TERMINATION_STEP_ORDER } from './termination.rules';

type Parent = ApplicationEntity;

/** The providers subgraph owns BasicCatalogEntry; a resource line only names it. */
export interface CatalogEntryReference {
  id: string;
}

/** DECISION_5WD's list of late decisions is the bureau's own to-do (第十二条). */
const OVERDUE_READERS = fieldReaders('Query.overdueApplications', [Role.BUREAU]);

const Query = {
  applications: (_, args, ctx, info) => new ApplicationService(ctx.dataSource, ctx.scope).list(args, applicationNodeProperties(info)),

  // By id: what the scope sees, else null — missing and someone else's answer alike (kit/lookup.ts).
  application: (_, { id }, ctx) => findInScope(id, (key) => ctx.loaders.applicationById.load(key)),

  /** DECISION_5WD: the bureau's to-do list of late decisions. */
  overdueApplications: (_, args, ctx) => {
    OVERDUE_READERS.check(ctx.principal);
    return new ApplicationService(ctx.dataSource, ctx.scope).overdue(args, todayInChina());
  },
} satisfies QueryResolvers;

async function legacyDue(application: Parent, ctx: ApplicationsContext): Promise<{ due: string | null; shutdownOn: string | null }> {
  const due = legacyShutdownDue(application.kind, application.goLiveOn);
  if (!due) return { due: null, shutdownOn: null };
  const system = await ctx.loaders.systemById.load(application.systemId);
  return { due, shutdownOn: system?.legacyShutdownOn ?? null };
}

const Application = {
  __resolveReference: (reference, ctx) => ctx.loaders.applicationById.load(reference.id),
  // Joined by the page that read the application (application-fields.ts), else loaded by id.
  unit: (application, _, ctx) => alwaysVisible(unitOf(application, ctx)),
  system: (application, _, ctx) => alwaysVisible(systemOf(application, ctx)),
  provider: (application) => ({ id: application.providerId }),
  region: (application) => regionField(application.regionCode)!,

  decisionDeadline: (application) =>
    application.decisionDueOn ? { date: application.decisionDueOn, estimated: application.decisionDueEstimated } : null,
  decisionOverdue: (application) =>
    application.decisionLate ??
    (application.decisionDueOn !== null && application.decidedOn === null
      ? isDecisionOverdue(application.decisionDueOn, null, todayInChina())
      : false),
  testPeriod: (application) =>
    application.testStartedOn
      ? testPeriod(application.testStartedOn, application.testEndedOn, application.testExtensionReason, todayInChina())
      : null,
  legacyShutdownDue: (application) => legacyShutdownDue(application.kind, application.goLiveOn),
  // Open only: once the shutdown is recorded the flag goes, and its lateness is legacyShutdownLate.
  legacyOverdue: async (application, _, ctx) => {
    const { due, shutdownOn } = await legacyDue(application, ctx);
    return shutdownOn === null && isLegacyOverdue(due, null, todayInChina());
  },
  legacyShutdownLate: async (application, _, ctx) => {
    const { due, shutdownOn } = await legacyDue(application, ctx);
    const daysLate = legacyShutdownDaysLate(due, shutdownOn);
    return daysLate === null ? null : daysLate > 0;
  },

  resourceLines: (application, args, ctx) => ctx.loaders.resourceLinePagesByApplicationId.load(childPage(application.id, args)),
  events: (application, args, ctx) => ctx.loaders.eventPagesByApplicationId.load(childPage(application.id, args)),
  terminationSteps: async (application, _, ctx) => {
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
} satisfies ApplicationResolvers;

const ResourceLine = {
  catalogEntry: (line) => ({ id: line.catalogEntryId }),
  isRange: (line) => line.quantityMax > line.quantity,
  concludedPrice: (line) => (line.concludedPriceFen === null ? null : fenToYuan(line.concludedPriceFen)),
  priceCapInForce: (line) => (line.refusedCapFen === null ? null : fenToYuan(line.refusedCapFen)),
} satisfies ResourceLineResolvers;

/** Applications, their resource lines and events; the lifecycle's mutations are in mutation.resolvers.ts. */
export const applicationResolvers = { Query, Application, ResourceLine } satisfies Resolvers;
