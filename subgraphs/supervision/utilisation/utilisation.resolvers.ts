// Utilisation evaluation (第十六条、第二十五条) and the bureau's downsize and reclaim orders (第十五条):
// thin resolvers over utilisation-*.service.ts. Lists are one aggregate statement over the
// systems in scope; per-system fields go through the per-request loaders.
import { connectionFromArray, type ConnectionArgs } from '../../kit/connection';
import { todayInChina } from '../../kit/dates';
import { requireRegionCode, requireUuid } from '../../kit/ids';
import { mutation } from '../../kit/mutation';
import { Role } from '../../kit/principal';
import { regionField } from '../../kit/shared-resolvers';
import type { UtilisationOrderEntity } from './utilisation-order.entity';
import type { SupervisionContext } from '../loaders';
import { utilisationThresholds } from './utilisation.config';
import { UtilisationEvaluationService, type UtilisationEvaluation } from './utilisation-evaluation.service';
import { requirePeriod, requireYear, type UtilisationFlag } from './utilisation.rules';
import {
  orderUtilisationChange,
  parseOrderInput,
  UtilisationOrderService,
  type OrderUtilisationChangeInput,
  type UtilisationOrderListArgs,
} from './utilisation-order.service';

interface PeriodArgs {
  from?: string | null;
  to?: string | null;
}

interface FlaggedSystemsArgs extends PeriodArgs, ConnectionArgs {
  flag?: UtilisationFlag | null;
  regionCode?: string | null;
  providerId?: string | null;
}

const FLAGGED: readonly UtilisationFlag[] = ['IDLE', 'UNDER_USED'];

/** Usage score ascending, as text that sorts like the number ("012.50" < "100.00"); no score sorts last. */
function byUsageScore(evaluation: UtilisationEvaluation): string {
  return evaluation.usageScore === null ? '~' : evaluation.usageScore.toFixed(2).padStart(6, '0');
}

function evaluations(ctx: SupervisionContext): UtilisationEvaluationService {
  return UtilisationEvaluationService.of(ctx.dataSource, ctx.scope, utilisationThresholds());
}

interface SystemReference {
  id: string;
}

// The figures' fields: the schema's `bandwidth` is the evaluation's Mbps figures.
const figures = {
  bandwidth: (evaluation: UtilisationEvaluation) =>
    evaluation.bandwidthMbps && { p95Mbps: evaluation.bandwidthMbps.p95, peakMbps: evaluation.bandwidthMbps.peak },
};

export const utilisationResolvers = {
  Query: {
    flaggedSystems: async (_: unknown, args: FlaggedSystemsArgs, ctx: SupervisionContext) => {
      const period = requirePeriod(args.from, args.to, todayInChina());
      const regionCode = args.regionCode != null ? requireRegionCode(args.regionCode) : null;
      const providerId = args.providerId != null ? requireUuid(args.providerId, 'providerId') : null;
      const wanted = args.flag ? [args.flag] : FLAGGED;
      const all = await evaluations(ctx).all(period, { regionCode, providerId });
      return connectionFromArray(
        all.filter((evaluation) => wanted.includes(evaluation.flag)),
        args,
        byUsageScore,
      );
    },

    leastUsedSystems: async (_: unknown, args: PeriodArgs & ConnectionArgs, ctx: SupervisionContext) => {
      const period = requirePeriod(args.from, args.to, todayInChina());
      const all = await evaluations(ctx).all(period);
      return connectionFromArray(
        all.filter((evaluation) => evaluation.flag !== 'EXCLUDED' && evaluation.flag !== 'NO_DATA'),
        args,
        byUsageScore,
      );
    },

    utilisationOrders: (_: unknown, args: UtilisationOrderListArgs, ctx: SupervisionContext) =>
      new UtilisationOrderService(ctx.dataSource, ctx.scope).list(args),
  },

  Mutation: {
    /** The bureau only (第十五条: it approves changes; 第十六条: it settles on the utilisation evaluation). */
    orderUtilisationChange: mutation({
      roles: [Role.BUREAU],
      input: (args: { input: OrderUtilisationChangeInput }) => parseOrderInput(args.input, todayInChina()),
      // The system's fact row (keyed by system id) is locked by the service, so two orders serialise.
      targets: (input) => [input.systemId],
      run: (tx, input) => orderUtilisationChange(tx.manager, tx.principal, input, { thresholds: utilisationThresholds(), scope: tx.scope }),
    }),
  },

  InformationSystem: {
    yearUtilisation: async (system: SystemReference, { year }: { year: number }, ctx: SupervisionContext) => ({
      ...(await ctx.loaders.yearUtilisationBySystemId(requireYear(year)).load(system.id)),
      year,
    }),
    utilisationEvaluation: (system: SystemReference, args: PeriodArgs, ctx: SupervisionContext) =>
      ctx.loaders.utilisationEvaluationBySystemId(requirePeriod(args.from, args.to, todayInChina())).load(system.id),
  },

  UtilisationEvaluation: {
    system: (evaluation: UtilisationEvaluation) => ({ id: evaluation.systemId }),
    ...figures,
  },

  YearUtilisation: figures,

  UtilisationOrder: {
    system: (order: UtilisationOrderEntity) => ({ id: order.systemId }),
    orderedAt: (order: UtilisationOrderEntity) => order.orderedAt.toISOString(),
    answeredAt: (order: UtilisationOrderEntity) => order.answeredAt?.toISOString() ?? null,
    region: (order: UtilisationOrderEntity) => regionField(order.regionCode),
  },
};
