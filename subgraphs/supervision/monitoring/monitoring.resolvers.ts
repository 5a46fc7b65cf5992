// Monitoring (第二十四条、第二十五条): the agency's submissions, the daily figures and a system's
// averages over them. Thin: the submission goes through the kit's pipeline (kit/mutation.ts) — role,
// the whole batch validated, then the service in one transaction with the audit entry.
import { todayInChina } from '../../kit/dates';
import { mutation } from '../../kit/mutation';
import { Role } from '../../kit/principal';
import { regionField } from '../../kit/shared-resolvers';
import type { MutationSubmitMonitoringSamplesArgs, Resolvers } from '../generated/graphql';
import type { SupervisionContext } from '../loaders';
import { MonitoringFiguresService } from './monitoring-figures.service';
import { parseSubmission, submitMonitoringSamples } from './monitoring-submission.service';
import { requireUtilisationDays } from './monitoring.rules';
import { MonitoringService } from './monitoring.service';

const figuresOf = (ctx: SupervisionContext) => new MonitoringFiguresService(ctx.dataSource, ctx.scope);

export const monitoringResolvers = {
  Query: {
    monitoringDaily: (_, args, ctx) => new MonitoringService(ctx.dataSource, ctx.scope).listDaily(args),
    monitoringDailyFigures: (_, args, ctx) => figuresOf(ctx).systemDays(args),
    providerMonitoringDaily: (_, args, ctx) => figuresOf(ctx).providerDays(args),
  },

  Mutation: {
    submitMonitoringSamples: mutation({
      roles: [Role.MONITOR],
      input: (args: MutationSubmitMonitoringSamplesArgs) => parseSubmission(args, todayInChina()),
      run: (tx, rows) => submitMonitoringSamples(tx.manager, rows),
    }),
  },

  MonitoringDaily: {
    system: (daily) => ({ id: daily.systemId }),
    date: (daily) => daily.day,
    // The column is NOT NULL and holds a known code (the replica's), so the region is always found.
    region: (daily) => regionField(daily.regionCode)!,
  },

  ProviderMonitoringDaily: {
    provider: (daily) => ({ id: daily.providerId }),
    date: (daily) => daily.day,
  },

  InformationSystem: {
    // A reference is only a key: `utilisation` is scoped by its loader, so an out-of-scope system shows none.
    utilisation: (system, { days }, ctx) => ctx.loaders.utilisationBySystemId(requireUtilisationDays(days)).load(system.id),
  },
} satisfies Resolvers;
