// Monitoring ingest (第二十四条、第二十五条): the agency's submissions and the daily figures. Thin:
// the submission goes through the kit's pipeline (kit/mutation.ts) — role, the whole batch
// validated, then the service in one transaction with the audit entry.
import { todayInChina } from '../../kit/dates';
import { mutation } from '../../kit/mutation';
import { Role } from '../../kit/principal';
import type { ProviderMonitoringDailyEntity } from '../entities/provider-monitoring-daily.entity';
import type { SupervisionContext } from '../loaders';
import { MonitoringFiguresService, type ProviderFiguresArgs, type SystemFiguresArgs } from '../services/monitoring-figures.service';
import { parseSubmission, submitMonitoringSamples, type MonitoringSubmissionArgs } from '../services/monitoring-submission.service';

const figuresOf = (ctx: SupervisionContext) => new MonitoringFiguresService(ctx.dataSource, ctx.scope);

export const monitoringResolvers = {
  Query: {
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

  ProviderMonitoringDaily: {
    provider: (daily: ProviderMonitoringDailyEntity) => ({ id: daily.providerId }),
    date: (daily: ProviderMonitoringDailyEntity) => daily.day,
  },
};
