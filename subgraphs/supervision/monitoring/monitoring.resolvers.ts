// Monitoring (第二十四条、第二十五条): the agency's submissions, the daily figures and a system's
// averages over them. Thin: the submission goes through the kit's pipeline (kit/mutation.ts) — role,
// the whole batch validated, then the service in one transaction with the audit entry.
import { todayInChina } from '../../kit/dates';
import { mutation } from '../../kit/mutation';
import { Role } from '../../kit/principal';
import { regionField } from '../../kit/shared-resolvers';
import type { SupervisionContext } from '../loaders';
import type { MonitoringDailyEntity } from './monitoring-daily.entity';
import { MonitoringFiguresService, type ProviderFiguresArgs, type SystemFiguresArgs } from './monitoring-figures.service';
import { parseSubmission, submitMonitoringSamples, type MonitoringSubmissionArgs } from './monitoring-submission.service';
import { requireUtilisationDays } from './monitoring.rules';
import { MonitoringService, type MonitoringDailyListArgs } from './monitoring.service';
import type { ProviderMonitoringDailyEntity } from './provider-monitoring-daily.entity';

const figuresOf = (ctx: SupervisionContext) => new MonitoringFiguresService(ctx.dataSource, ctx.scope);

interface SystemReference {
  id: string;
}

export const monitoringResolvers = {
  Query: {
    monitoringDaily: (_: unknown, args: MonitoringDailyListArgs, ctx: SupervisionContext) =>
      new MonitoringService(ctx.dataSource, ctx.scope).listDaily(args),
    monitoringDailyFigures: (_: unknown, args: SystemFiguresArgs, ctx: SupervisionContext) => figuresOf(ctx).systemDays(args),
    providerMonitoringDaily: (_: unknown, args: ProviderFiguresArgs, ctx: SupervisionContext) => figuresOf(ctx).providerDays(args),
  },

  Mutation: {
    submitMonitoringSamples: mutation({
      roles: [Role.MONITOR],
      input: (args: MonitoringSubmissionArgs) => parseSubmission(args, todayInChina()),
      run: (tx, rows) => submitMonitoringSamples(tx.manager, rows),
    }),
  },

  MonitoringDaily: {
    system: (daily: MonitoringDailyEntity) => ({ id: daily.systemId }),
    date: (daily: MonitoringDailyEntity) => daily.day,
    region: (daily: MonitoringDailyEntity) => regionField(daily.regionCode),
  },

  ProviderMonitoringDaily: {
    provider: (daily: ProviderMonitoringDailyEntity) => ({ id: daily.providerId }),
    date: (daily: ProviderMonitoringDailyEntity) => daily.day,
  },

  InformationSystem: {
    // A reference is only a key: `utilisation` is scoped by its loader, so an out-of-scope system shows none.
    utilisation: (system: SystemReference, { days }: { days: number }, ctx: SupervisionContext) =>
      ctx.loaders.utilisationBySystemId(requireUtilisationDays(days)).load(system.id),
  },
};
