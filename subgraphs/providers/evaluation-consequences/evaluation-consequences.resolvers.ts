// PROVIDER_EVALUATION's consequences on Provider and ProviderExit, the disqualification proposals of
// SEVERE grades, and the bureau's confirmation of a rectification and decision on a proposal, which go
// through the kit's pipeline (kit/mutation.ts) at the version the bureau saw.
import { todayInChina } from '../../kit/dates';
import { BadUserInputError } from '../../kit/errors';
import { mutation } from '../../kit/mutation';
import { Role } from '../../kit/principal';
import { ProviderRectificationEntity } from './provider-rectification.entity';
import { isRectificationOverdue } from './evaluation-consequences.rules';
import { confirmRectification, PROVIDER_RECTIFICATION } from './evaluation-consequence.service';
import type { MutationConfirmProviderRectificationArgs, MutationDecideDisqualificationArgs, Resolvers } from '../generated/graphql';
import { DisqualificationProposalEntity } from './disqualification-proposal.entity';
import { requireAgreementClause, requireDecisionReason } from './disqualification-proposal.rules';
import { DISQUALIFICATION_PROPOSAL, decideDisqualification, listPendingProposals } from './disqualification-proposal.service';
import { actorOf, referenced } from '../loaders';
import { childPage } from '../../kit/child-connection';

export const evaluationConsequencesResolvers = {
  Query: {
    pendingDisqualificationProposals: (_, args, context) => listPendingProposals(context.dataSource, context.scope, args),
  },

  Mutation: {
    decideDisqualification: mutation({
      roles: [Role.BUREAU],
      input: (args: MutationDecideDisqualificationArgs) => ({
        proposalId: args.proposalId,
        version: args.version,
        decision: args.decision,
        agreementClause: requireAgreementClause(args.agreementClause),
        reason: requireDecisionReason(args.reason),
      }),
      lock: (input) => ({
        entity: DisqualificationProposalEntity,
        id: input.proposalId,
        what: DISQUALIFICATION_PROPOSAL,
        version: input.version,
        field: 'proposalId',
      }),
      run: (tx, input, proposal) => decideDisqualification(tx.manager, proposal, input, actorOf(tx), tx.today),
    }),

    confirmProviderRectification: mutation({
      roles: [Role.BUREAU],
      input: (args: MutationConfirmProviderRectificationArgs) => {
        const note = typeof args.note === 'string' ? args.note.trim() : '';
        if (!note || note.length > 2000) throw new BadUserInputError('核实意见（note）必填，最多 2000 个字符', 'note');
        return { ...args, note };
      },
      lock: (input) => ({
        entity: ProviderRectificationEntity,
        id: input.rectificationId,
        what: PROVIDER_RECTIFICATION,
        version: input.version,
      }),
      run: (tx, input, rectification) => confirmRectification(tx.manager, rectification, input.note, actorOf(tx), tx.today),
    }),
  },

  Provider: {
    rectifications: (provider, args, context) => context.loaders.rectificationPagesByProviderId.load(childPage(provider.id, args)),
    currentRectification: async (provider, _, context) =>
      (await context.loaders.rectificationsByProviderId.load(provider.id)).find((r) => r.status === 'ORDERED') ?? null,
    disqualificationProposals: (provider, args, context) =>
      context.loaders.disqualificationProposalPagesByProviderId.load(childPage(provider.id, args)),
  },

  DisqualificationProposal: {
    // Referenced by the applications subgraph's to-do list (DECIDE_DISQUALIFICATION); out of scope is null.
    __resolveReference: (reference, context) => context.loaders.disqualificationProposalById.load(reference.id),
    provider: (proposal, _, context) => referenced(context.loaders.providerById.load(proposal.providerId)),
    evaluation: (proposal) => ({ id: proposal.evaluationId }),
    agreement: (proposal, _, context) => (proposal.agreementId ? context.loaders.agreementById.load(proposal.agreementId) : null),
    exit: (proposal, _, context) => (proposal.exitId ? context.loaders.exitById.load(proposal.exitId) : null),
  },

  ProviderExit: {
    disqualifyingEvaluation: async (exit, _, context) => {
      const disqualification = await context.loaders.disqualificationByExitId.load(exit.id);
      return disqualification ? { id: disqualification.evaluationId } : null;
    },
  },

  ProviderRectification: {
    provider: (rectification, _, context) => referenced(context.loaders.providerById.load(rectification.providerId)),
    evaluation: (rectification) => ({ id: rectification.evaluationId }),
    overdue: (rectification) => isRectificationOverdue(rectification, todayInChina()),
  },
} satisfies Resolvers;
