// PROVIDER_EVALUATION's consequences on Provider and ProviderExit, and the bureau's confirmation of a
// rectification, which goes through the kit's pipeline (kit/mutation.ts) at the version the bureau saw.
import { todayInChina } from '../../kit/dates';
import { BadUserInputError } from '../../kit/errors';
import { mutation } from '../../kit/mutation';
import { Role } from '../../kit/principal';
import { ProviderRectificationEntity } from './provider-rectification.entity';
import { isRectificationOverdue } from './evaluation-consequences.rules';
import { confirmRectification, PROVIDER_RECTIFICATION } from './evaluation-consequence.service';
import type { MutationConfirmProviderRectificationArgs, Resolvers } from '../generated/graphql';
import { actorOf, referenced } from '../loaders';
import { connectionFromArray } from '../../kit/connection';

export const evaluationConsequencesResolvers = {
  Mutation: {
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
    rectifications: async (provider, args, context) =>
      connectionFromArray(await context.loaders.rectificationsByProviderId.load(provider.id), args, (r) => r.orderedOn),
    currentRectification: async (provider, _, context) =>
      (await context.loaders.rectificationsByProviderId.load(provider.id)).find((r) => r.status === 'ORDERED') ?? null,
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
