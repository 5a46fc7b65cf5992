// Utilisation evaluation (第十六条、第二十五条) and the bureau's downsize and reclaim orders (第十五条):
// thin resolvers over utilisation-*.service.ts. Lists are one aggregate statement over the
// systems in scope; per-system fields go through the per-request loaders.
import { todayInChina } from '../../kit/dates';
import { mutation } from '../../kit/mutation';
import { Role } from '../../kit/principal';
import { regionField } from '../../kit/shared-resolvers';
import type { MutationOrderUtilisationChangeArgs, Resolvers } from '../generated/graphql';
import type { SupervisionContext } from '../loaders';
import { utilisationThresholds } from './utilisation.config';
import { flaggedSystemsQuery } from './flagged-system-list';
import { UtilisationEvaluationService, type UtilisationEvaluation } from './utilisation-evaluation.service';
import { pageUtilisation } from './utilisation-page';
import { UtilisationSummaryService } from './utilisation-summary.service';
import { requirePeriod, requireYear } from './utilisation.rules';
import { orderUtilisationChange, parseOrderInput, UtilisationOrderService } from './utilisation-order.service';

function evaluations(ctx: SupervisionContext): UtilisationEvaluationService {
  return UtilisationEvaluationService.of(ctx.dataSource, ctx.scope, utilisationThresholds());
}

// The figures' fields: the schema's `bandwidth` is the evaluation's Mbps figures.
const figures = {
  bandwidth: (evaluation: UtilisationEvaluation) =>
    evaluation.bandwidthMbps && { p95Mbps: evaluation.bandwidthMbps.p95, peakMbps: evaluation.bandwidthMbps.peak },
};

export const utilisationResolvers = {
  Query: {
    flaggedSystems: (_, args, ctx) => {
      const period = requirePeriod(args.from, args.to, todayInChina());
      const { where, flags } = flaggedSystemsQuery(args);
      return pageUtilisation(evaluations(ctx), period, where, flags, args, utilisationThresholds());
    },

    // A kept summary of the period, walked on its usage-score index (issue 14).
    leastUsedSystems: (_, args, ctx) =>
      new UtilisationSummaryService(ctx.dataSource, ctx.scope, utilisationThresholds()).leastUsed(
        requirePeriod(args.from, args.to, todayInChina()),
        args,
      ),

    utilisationOrders: (_, args, ctx) => new UtilisationOrderService(ctx.dataSource, ctx.scope).list(args),
  },

  Mutation: {
    /** The bureau only (第十五条: it approves changes; 第十六条: it settles on the utilisation evaluation). */
    orderUtilisationChange: mutation({
      roles: [Role.BUREAU],
      input: (args: MutationOrderUtilisationChangeArgs) => parseOrderInput(args.input, todayInChina()),
      // The system's fact row (keyed by system id) is locked by the service, so two orders serialise.
      targets: (input) => [input.systemId],
      run: (tx, input) => orderUtilisationChange(tx.manager, tx.principal, input, { thresholds: utilisationThresholds(), scope: tx.scope }),
    }),
  },

  InformationSystem: {
    yearUtilisation: async (system, { year }, ctx) => ({
      ...(await ctx.loaders.yearUtilisationBySystemId(requireYear(year)).load(system.id)),
      year,
    }),
    utilisationEvaluation: (system, args, ctx) =>
      ctx.loaders.utilisationEvaluationBySystemId(requirePeriod(args.from, args.to, todayInChina())).load(system.id),
  },

  UtilisationEvaluation: {
    system: (evaluation) => ({ id: evaluation.systemId }),
    ...figures,
  },

  YearUtilisation: figures,

  UtilisationOrder: {
    system: (order) => ({ id: order.systemId }),
    // An order's region is NOT NULL and one of the known codes, so it is always found.
    region: (order) => regionField(order.regionCode)!,
  },
} satisfies Resolvers;
