import { findInScope } from '../../kit/lookup';
import type { SupervisionContext } from '../loaders';
import { MonitoringService, type MonitoringDailyListArgs } from '../services/monitoring.service';
import { ProviderEvaluationService, type ProviderEvaluationListArgs } from '../services/provider-evaluation.service';

export const Query = {
  providerEvaluations: (_: unknown, args: ProviderEvaluationListArgs, ctx: SupervisionContext) =>
    new ProviderEvaluationService(ctx.dataSource, ctx.scope).list(args),

  providerEvaluation: (_: unknown, { id }: { id: string }, ctx: SupervisionContext) =>
    findInScope(id, (key) => ctx.loaders.providerEvaluationById.load(key)),

  monitoringDaily: (_: unknown, args: MonitoringDailyListArgs, ctx: SupervisionContext) =>
    new MonitoringService(ctx.dataSource, ctx.scope).listDaily(args),
};
