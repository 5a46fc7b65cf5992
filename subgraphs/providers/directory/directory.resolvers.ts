// The directory of providers: lists and lookups (public to every role), their qualifications, and
// the bureau's designation and corrections, each through the kit's pipeline (kit/mutation.ts).
import { todayInChina } from '../../kit/dates';
import { findInScope } from '../../kit/lookup';
import { mutation } from '../../kit/mutation';
import { Role } from '../../kit/principal';
import type { MutationDesignateProviderArgs, MutationUpdateProviderQualificationArgs, Resolvers } from '../generated/graphql';
import { parseQualificationInput } from './directory.inputs';
import { isQualified, qualificationStatusOf } from './directory.rules';
import { listProvidersFiltered } from './provider-list.service';
import { designateProvider, providerByCode, providerTarget, updateProviderQualification } from './provider.service';

export const directoryResolvers = {
  Query: {
    providers: (_, args, context) => listProvidersFiltered(context.dataSource, args),

    // By id: what the caller sees, else null — missing and out of sight answer alike (kit/lookup.ts).
    provider: (_, args, context) => findInScope(args.id, (id) => context.loaders.providerById.load(id), { byCode: 'providerByCode(code)' }),

    providerByCode: (_, args, context) => providerByCode(context.dataSource, args.code.trim()),
  },

  Mutation: {
    designateProvider: mutation({
      roles: [Role.BUREAU],
      lock: (args: MutationDesignateProviderArgs) => providerTarget(args.id),
      run: (tx, _args, provider) => designateProvider(tx.manager, provider, tx.today),
    }),

    updateProviderQualification: mutation({
      roles: [Role.BUREAU],
      input: (args: MutationUpdateProviderQualificationArgs) => ({ id: args.id, patch: parseQualificationInput(args.input) }),
      lock: (input) => providerTarget(input.id),
      run: (tx, input, provider) => updateProviderQualification(tx.manager, provider, input.patch),
    }),
  },

  Provider: {
    __resolveReference: (reference, context) => context.loaders.providerById.load(reference.id),
    qualificationStatus: (provider) => qualificationStatusOf(provider, todayInChina()),
    qualified: (provider) => isQualified(provider, todayInChina()),
  },
} satisfies Resolvers;
