import { todayInChina } from '../../kit/dates';
import { lookupInScope } from '../../kit/lookup';
import type { ServiceCategory } from '../entities/service-item.entity';
import type { ExitStatus } from '../entities/provider-exit.entity';
import type { AgreementStatus } from '../rules/agreement-terms';
import type { ProviderStatus } from '../rules/provider-qualified';
import { agreementVisibility } from '../services/agreement-visibility';
import { agreementExists, listAgreements } from '../services/agreement.service';
import { listProviderExits } from '../services/provider-exit.service';
import { listProviders } from '../services/provider.service';
import { listServiceItems } from '../services/service-item.service';
import type { PageArgs, ProvidersContext } from './context';

export const Query = {
  providers: (_: unknown, args: PageArgs & { status?: ProviderStatus }, context: ProvidersContext) =>
    listProviders(context.dataSource, args),

  provider: (_: unknown, args: { id: string }, context: ProvidersContext) => context.loaders.providerById.load(args.id),

  serviceItems: (_: unknown, args: PageArgs & { category?: ServiceCategory }, context: ProvidersContext) =>
    listServiceItems(context.dataSource, args),

  serviceItem: (_: unknown, args: { code: string }, context: ProvidersContext) => context.loaders.serviceItemByCode.load(args.code),

  agreements: (
    _: unknown,
    args: PageArgs & { regionCode?: string; providerId?: string; status?: AgreementStatus },
    context: ProvidersContext,
  ) => listAgreements(context.dataSource, agreementVisibility(context.principal), args, todayInChina()),

  /** Missing: null. There but not the caller's to see: FORBIDDEN, saying nothing more. Malformed id: BAD_USER_INPUT. */
  agreement: (_: unknown, args: { id: string }, context: ProvidersContext) =>
    lookupInScope(
      args.id,
      (id) => context.loaders.agreementById.load(id),
      (id) => agreementExists(context.dataSource, id),
    ),

  catalogEntry: async (_: unknown, args: { id: string }, context: ProvidersContext) =>
    (await context.loaders.catalogEntryById.load(args.id)) ?? (await context.loaders.supplementaryEntryById.load(args.id)),

  providerExits: (_: unknown, args: PageArgs & { status?: ExitStatus }, context: ProvidersContext) =>
    listProviderExits(context.dataSource, args),

  providerExit: (_: unknown, args: { id: string }, context: ProvidersContext) => context.loaders.exitById.load(args.id),
};
