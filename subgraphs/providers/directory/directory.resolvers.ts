// The directory of providers: lists and lookups (public to every role), their qualifications, and
// the bureau's designation and corrections, each through the kit's pipeline (kit/mutation.ts).
import type { ConnectionArgs } from '../../kit/connection';
import { todayInChina } from '../../kit/dates';
import { findInScope } from '../../kit/lookup';
import { mutation } from '../../kit/mutation';
import { Role } from '../../kit/principal';
import type { ProvidersContext } from '../loaders';
import { parseQualificationInput, type QualificationInput } from './directory.inputs';
import { isQualified, qualificationStatusOf, type ProviderStatus } from './directory.rules';
import type { ProviderEntity } from './provider.entity';
import { designateProvider, listProviders, providerByCode, providerTarget, updateProviderQualification } from './provider.service';

export const directoryResolvers = {
  Query: {
    providers: (_: unknown, args: ConnectionArgs & { status?: ProviderStatus }, context: ProvidersContext) =>
      listProviders(context.dataSource, args),

    // By id: what the caller sees, else null — missing and out of sight answer alike (kit/lookup.ts).
    provider: (_: unknown, args: { id: string }, context: ProvidersContext) =>
      findInScope(args.id, (id) => context.loaders.providerById.load(id), { byCode: 'providerByCode(code)' }),

    providerByCode: (_: unknown, args: { code: string }, context: ProvidersContext) => providerByCode(context.dataSource, args.code.trim()),
  },

  Mutation: {
    designateProvider: mutation({
      roles: [Role.BUREAU],
      lock: (args: { id: string }) => providerTarget(args.id),
      run: (tx, _args, provider) => designateProvider(tx.manager, provider, tx.today),
    }),

    updateProviderQualification: mutation({
      roles: [Role.BUREAU],
      input: (args: { id: string; input: QualificationInput }) => ({ id: args.id, patch: parseQualificationInput(args.input) }),
      lock: (input) => providerTarget(input.id),
      run: (tx, input, provider) => updateProviderQualification(tx.manager, provider, input.patch),
    }),
  },

  Provider: {
    __resolveReference: (reference: { id: string }, context: ProvidersContext) => context.loaders.providerById.load(reference.id),
    qualificationStatus: (provider: ProviderEntity) => qualificationStatusOf(provider, todayInChina()),
    qualified: (provider: ProviderEntity) => isQualified(provider, todayInChina()),
  },
};
