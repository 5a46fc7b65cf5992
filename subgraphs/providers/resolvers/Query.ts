import { todayInChina } from '../../kit/dates';
import { findInScope } from '../../kit/lookup';
import type { ServiceCategory } from '../entities/service-item.entity';
import type { ExitStatus } from '../entities/provider-exit.entity';
import type { AgreementStatus } from '../rules/agreement-terms';
import type { ProviderStatus } from '../rules/provider-qualified';
import { agreementVisibility } from '../services/agreement-visibility';
import { listAgreements } from '../services/agreement.service';
import { listProviderExits } from '../services/provider-exit.service';
import { listProviders, providerByCode } from '../services/provider.service';
import { listServiceItems } from '../services/service-item.service';
import type { PageArgs, ProvidersContext } from './context';

export const Query = {
  providers: (_: unknown, args: PageArgs & { status?: ProviderStatus }, context: ProvidersContext) =>
    listProviders(context.dataSource, args),

  // By id: what the caller sees, else null — missing and out of sight answer alike (kit/lookup.ts).
  provider: (_: unknown, args: { id: string }, context: ProvidersContext) =>
    findInScope(args.id, (id) => context.loaders.providerById.load(id), { byCode: 'providerByCode(code)' }),

  providerByCode: (_: unknown, args: { code: string }, context: ProvidersContext) => providerByCode(context.dataSource, args.code.trim()),

  serviceItems: (_: unknown, args: PageArgs & { category?: ServiceCategory }, context: ProvidersContext) =>
    listServiceItems(context.dataSource, args),

  serviceItem: (_: unknown, args: { code: string }, context: ProvidersContext) => context.loaders.serviceItemByCode.load(args.code),

  agreements: (
    _: unknown,
    args: PageArgs & { regionCode?: string; providerId?: string; status?: AgreementStatus },
    context: ProvidersContext,
  ) => listAgreements(context.dataSource, agreementVisibility(context.principal), args, todayInChina()),

  agreement: (_: unknown, args: { id: string }, context: ProvidersContext) =>
    findInScope(args.id, (id) => context.loaders.agreementById.load(id)),

  catalogEntry: (_: unknown, args: { id: string }, context: ProvidersContext) =>
    findInScope(
      args.id,
      async (id) => (await context.loaders.catalogEntryById.load(id)) ?? (await context.loaders.supplementaryEntryById.load(id)),
    ),

  providerExits: (_: unknown, args: PageArgs & { status?: ExitStatus }, context: ProvidersContext) =>
    listProviderExits(context.dataSource, args),

  providerExit: (_: unknown, args: { id: string }, context: ProvidersContext) =>
    findInScope(args.id, (id) => context.loaders.exitById.load(id)),
};
