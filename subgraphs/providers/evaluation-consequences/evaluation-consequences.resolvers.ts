// PROVIDER_EVALUATION's consequences on Provider and ProviderExit, and the bureau's confirmation of a
// rectification, which goes through the kit's pipeline (kit/mutation.ts) at the version the bureau saw.
import { todayInChina } from '../../kit/dates';
import { BadUserInputError } from '../../kit/errors';
import { mutation } from '../../kit/mutation';
import { Role } from '../../kit/principal';
import type { ProviderEntity } from '../directory/provider.entity';
import type { ProviderExitEntity } from '../exits/provider-exit.entity';
import { ProviderRectificationEntity } from './provider-rectification.entity';
import { isRectificationOverdue } from './evaluation-consequences.rules';
import { confirmRectification, PROVIDER_RECTIFICATION } from './evaluation-consequence.service';
import { actorOf, type ProvidersContext } from '../loaders';
import { connectionFromArray, type ConnectionArgs } from '../../kit/connection';

export const evaluationConsequencesResolvers = {
  Mutation: {
    confirmProviderRectification: mutation({
      roles: [Role.BUREAU],
      input: (args: { rectificationId: string; version: number; note: string }) => {
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
    rectifications: async (provider: ProviderEntity, args: ConnectionArgs, context: ProvidersContext) =>
      connectionFromArray(await context.loaders.rectificationsByProviderId.load(provider.id), args, (r) => r.orderedOn),
    currentRectification: async (provider: ProviderEntity, _: unknown, context: ProvidersContext) =>
      (await context.loaders.rectificationsByProviderId.load(provider.id)).find((r) => r.status === 'ORDERED') ?? null,
  },

  ProviderExit: {
    disqualifyingEvaluation: async (exit: ProviderExitEntity, _: unknown, context: ProvidersContext) => {
      const disqualification = await context.loaders.disqualificationByExitId.load(exit.id);
      return disqualification ? { id: disqualification.evaluationId } : null;
    },
  },

  ProviderRectification: {
    provider: (rectification: ProviderRectificationEntity, _: unknown, context: ProvidersContext) =>
      context.loaders.providerById.load(rectification.providerId),
    evaluation: (rectification: ProviderRectificationEntity) => ({ id: rectification.evaluationId }),
    overdue: (rectification: ProviderRectificationEntity) => isRectificationOverdue(rectification, todayInChina()),
  },
};
