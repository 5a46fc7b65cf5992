// Change requests (第十五条, CHANGE_APPROVAL): the unit asks, the bureau approves or rejects; each
// through the kit's pipeline, at the application's version.
import { connectionFromArray } from '../../kit/connection';
import { formatInstant } from '../../kit/instants';
import { mutation } from '../../kit/mutation';
import { inScope } from '../../kit/scope-filter';
import type { MutationApproveChangeArgs, Resolvers } from '../generated/graphql';
import type { ApplicationEntity } from '../lifecycle/application.entity';
import { optionalReason, requireReason } from '../lifecycle/lifecycle.inputs';
import { rolesOf } from '../lifecycle/lifecycle.rules';
import { reasonedStep } from '../lifecycle/mutation.resolvers';
import type { ApplicationsContext } from '../loaders';
import { decideChange, requestChange } from './change-request.service';
import { ChangeRequestTargetEntity } from './change-request-target.entity';

/** The bureau's decision on a change request: locked with its application, at the application's version. */
function changeDecision(action: 'APPROVE_CHANGE' | 'REJECT_CHANGE') {
  const approve = action === 'APPROVE_CHANGE';
  // A rejection's arguments are an approval's with the reason required.
  type Args = MutationApproveChangeArgs;
  type Input = { changeRequestId: string; version: number; reason: string | null };
  return mutation<ApplicationsContext, Args, Input, ChangeRequestTargetEntity, ApplicationEntity>({
    roles: rolesOf(action),
    input: (args) => ({
      changeRequestId: args.changeRequestId,
      version: args.version,
      reason: approve ? optionalReason(args.reason, 'reason', '核准意见') : requireReason(args.reason, 'reason', '驳回理由'),
    }),
    targets: (input) => [input.changeRequestId],
    lock: (input, ctx) => ({
      entity: ChangeRequestTargetEntity,
      id: input.changeRequestId,
      what: '变更申请',
      version: input.version,
      visible: (change) => inScope(ctx.scope, change),
    }),
    run: (tx, input, change) => decideChange(tx, change, { approve, reason: input.reason }),
  });
}

export const changesResolvers = {
  Mutation: {
    requestChange: reasonedStep('REQUEST_CHANGE', 'description', '变更内容', requestChange),
    approveChange: changeDecision('APPROVE_CHANGE'),
    rejectChange: changeDecision('REJECT_CHANGE'),
  },
  Application: {
    changeRequests: async (application, args, ctx) =>
      connectionFromArray(await ctx.loaders.changeRequestsByApplicationId.load(application.id), args, (change) =>
        formatInstant(change.requestedAt),
      ),
  },
} satisfies Resolvers;
