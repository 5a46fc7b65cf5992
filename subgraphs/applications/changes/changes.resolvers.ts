// Change requests (第十五条, CHANGE_APPROVAL): the unit asks (with resource lines or a description
// only), the bureau approves or rejects, the provider or the centre carries out an approved change on
// a date; each through the kit's pipeline, at the application's version.
import { childPage } from '../../kit/child-connection';
import { mutation } from '../../kit/mutation';
import { inScope } from '../../kit/scope-filter';
import { fenToYuan } from '../../kit/money';
import type { Principal } from '../../kit/principal';
import type {
  MutationApproveChangeArgs,
  MutationCarryOutChangeArgs,
  MutationRequestChangeArgs,
  MutationWithdrawChangeArgs,
  Resolvers,
} from '../generated/graphql';
import type { ProviderCatalogPort } from '../lifecycle/catalog-port';
import type { ApplicationEntity } from '../lifecycle/application.entity';
import { optionalReason, requireReason } from '../lifecycle/lifecycle.inputs';
import { rolesOf } from '../lifecycle/lifecycle.rules';
import { step, type Target } from '../lifecycle/mutation.resolvers';
import type { ApplicationsContext } from '../loaders';
import { approvalDay, carryOutChange, decideChange, requestChange, withdrawChange } from './change-request.service';
import { parseChangeLines } from './change-lines.inputs';
import type { ParsedChangeLine } from './change-lines.rules';
import { ChangeRequestTargetEntity } from './change-request-target.entity';

/** A change request locked with its application, at the application's version, if the caller's scope sees it. */
function lockChange(input: { changeRequestId: string; version: number }, ctx: ApplicationsContext) {
  return {
    entity: ChangeRequestTargetEntity,
    id: input.changeRequestId,
    what: '变更申请',
    version: input.version,
    visible: (change: ChangeRequestTargetEntity) => inScope(ctx.scope, change),
  };
}

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
    lock: lockChange,
    run: (tx, input, change) => decideChange(tx, change, { approve, reason: input.reason }),
  });
}

/** The application's provider or the centre carries out an approved change, locked like a decision. */
function carryOut(catalogPortFor: (principal: Principal) => ProviderCatalogPort) {
  type Input = { changeRequestId: string; version: number; effectiveOn: string };
  return mutation<ApplicationsContext, MutationCarryOutChangeArgs, Input, ChangeRequestTargetEntity, ApplicationEntity>({
    roles: rolesOf('CARRY_OUT_CHANGE'),
    input: (args) => ({ changeRequestId: args.changeRequestId, version: args.version, effectiveOn: args.effectiveOn }),
    targets: (input) => [input.changeRequestId],
    lock: lockChange,
    run: (tx, input, change) => carryOutChange(tx, change, input.effectiveOn, catalogPortFor(tx.principal)),
  });
}

/** The change requests' mutations and fields; prices are checked on the catalog replica (第八条). */
export function createChangesResolvers(catalogPortFor: (principal: Principal) => ProviderCatalogPort) {
  return {
    Mutation: {
      requestChange: step<MutationRequestChangeArgs, Target & { text: string; lines: ParsedChangeLine[] }>('REQUEST_CHANGE', {
        input: (args) => ({
          id: args.id,
          version: args.version,
          text: requireReason(args.description, 'description', '变更内容'),
          lines: parseChangeLines(args.lines),
        }),
        run: (tx, input, application) => requestChange(tx, application, input.text, input.lines, catalogPortFor(tx.principal)),
      }),
      approveChange: changeDecision('APPROVE_CHANGE'),
      rejectChange: changeDecision('REJECT_CHANGE'),
      carryOutChange: carryOut(catalogPortFor),
      withdrawChange: mutation<
        ApplicationsContext,
        MutationWithdrawChangeArgs,
        { changeRequestId: string; version: number; reason: string },
        ChangeRequestTargetEntity,
        ApplicationEntity
      >({
        roles: rolesOf('WITHDRAW_CHANGE'),
        input: (args) => ({
          changeRequestId: args.changeRequestId,
          version: args.version,
          reason: requireReason(args.reason, 'reason', '撤回理由'),
        }),
        targets: (input) => [input.changeRequestId],
        lock: lockChange,
        run: (tx, input, change) => withdrawChange(tx, change, input.reason),
      }),
    },
    Application: {
      changeRequests: (application, args, ctx) => ctx.loaders.changeRequestPagesByApplicationId.load(childPage(application.id, args)),
    },
    ChangeRequest: {
      lines: (change, args, ctx) => ctx.loaders.changeLinePagesByChangeRequestId.load(childPage(change.id, args)),
      decidedOn: (change) => approvalDay(change),
      carriedOutOn: (change) => change.carriedOutOn ?? null,
      carriedOutBy: (change) => change.carriedOutBy ?? null,
    },
    ChangeRequestLine: {
      resourceLine: (line, _, ctx) => (line.resourceLineId === null ? null : ctx.loaders.resourceLineById.load(line.resourceLineId)),
      catalogEntry: (line) => (line.catalogEntryId === null ? null : { id: line.catalogEntryId }),
      concludedPrice: (line) => (line.concludedPriceFen === null ? null : fenToYuan(line.concludedPriceFen)),
    },
  } satisfies Resolvers;
}
