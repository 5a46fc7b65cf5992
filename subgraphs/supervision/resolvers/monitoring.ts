// Monitoring ingest (第二十四条、第二十五条): the agency's submissions and the daily figures. Thin:
// role first (FORBIDDEN), then the service in one transaction, which validates before it writes.
import { inTransaction } from '../../kit/data-source';
import { todayInChina } from '../../kit/dates';
import { ForbiddenError } from '../../kit/errors';
import { hasRole, Role } from '../../kit/principal';
import type { ProviderMonitoringDailyEntity } from '../entities/provider-monitoring-daily.entity';
import type { SupervisionContext } from '../loaders';
import { MonitoringFiguresService, type ProviderFiguresArgs, type SystemFiguresArgs } from '../services/monitoring-figures.service';
import { submitMonitoringSamples } from '../services/monitoring-submission.service';

type SubmissionArgs = {
  systemSamples?: Array<Record<string, unknown>> | null;
  providerSamples?: Array<Record<string, unknown>> | null;
};

const figuresOf = (ctx: SupervisionContext) => new MonitoringFiguresService(ctx.dataSource, ctx.scope);

export const monitoringResolvers = {
  Query: {
    monitoringDailyFigures: (_: unknown, args: SystemFiguresArgs, ctx: SupervisionContext) => figuresOf(ctx).systemDays(args),
    providerMonitoringDaily: (_: unknown, args: ProviderFiguresArgs, ctx: SupervisionContext) => figuresOf(ctx).providerDays(args),
  },

  Mutation: {
    submitMonitoringSamples: (_: unknown, args: SubmissionArgs, ctx: SupervisionContext) => {
      if (!hasRole(ctx.principal, Role.MONITOR)) throw new ForbiddenError();
      return inTransaction(ctx.dataSource, (manager) => submitMonitoringSamples(manager, args, todayInChina()));
    },
  },

  ProviderMonitoringDaily: {
    provider: (daily: ProviderMonitoringDailyEntity) => ({ id: daily.providerId }),
    date: (daily: ProviderMonitoringDailyEntity) => daily.day,
  },
};
