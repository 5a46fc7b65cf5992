// Designation agreements: lists and lookups inside the caller's visibility, the Agreement type, and
// the city's and counties' signings, each through the kit's pipeline (kit/mutation.ts).
import { connectionFromArray, type ConnectionArgs } from '../../kit/connection';
import { todayInChina } from '../../kit/dates';
import { ForbiddenError } from '../../kit/errors';
import { findInScope } from '../../kit/lookup';
import { mutation } from '../../kit/mutation';
import { Role } from '../../kit/principal';
import { regionByCode } from '../../kit/regions';
import { regionField } from '../../kit/shared-resolvers';
import { providerTarget } from '../directory/provider.service';
import type { ProviderEntity } from '../directory/provider.entity';
import { actorOf, type ProvidersContext } from '../loaders';
import type { AgreementEntity } from './agreement.entity';
import { agreementVisibility } from './agreement-visibility.service';
import {
  listAgreements,
  signCityAgreement,
  signCountyAgreement,
  type CityAgreementInput,
  type CountyAgreementInput,
} from './agreement.service';
import { parseCityAgreementInput, parseCountyAgreementInput } from './agreements.inputs';
import { effectiveAgreementStatus, isAgreementActive, type AgreementStatus } from './agreements.rules';

export const agreementsResolvers = {
  Query: {
    agreements: (
      _: unknown,
      args: ConnectionArgs & { regionCode?: string; providerId?: string; status?: AgreementStatus },
      context: ProvidersContext,
    ) => listAgreements(context.dataSource, agreementVisibility(context.principal), args, todayInChina()),

    agreement: (_: unknown, args: { id: string }, context: ProvidersContext) =>
      findInScope(args.id, (id) => context.loaders.agreementById.load(id)),
  },

  Mutation: {
    /** The provider is locked so that two signings with it serialise (overlap and number checks). */
    signCityAgreement: mutation({
      roles: [Role.BUREAU],
      input: (args: { input: CityAgreementInput }) => parseCityAgreementInput(args.input),
      lock: (input) => providerTarget(input.providerId),
      run: (tx, input, provider) => signCityAgreement(tx.manager, provider, input, actorOf(tx), tx.today),
    }),

    /** Only the county's own authority signs for the county (COUNTY_MATCHES_CITY does the rest). */
    signCountyAgreement: mutation({
      roles: [Role.COUNTY_AUTHORITY],
      input: (args: { input: CountyAgreementInput }) => parseCountyAgreementInput(args.input),
      authorize: (input, ctx: ProvidersContext) => {
        if (ctx.scope.kind !== 'REGION' || ctx.scope.regionCode !== input.regionCode) {
          throw new ForbiddenError(
            `县级主管部门只能为本县签订协议，不能为 ${input.regionCode} 签订 (a county signs for its own county only)`,
          );
        }
      },
      targets: (input) => [input.cityAgreementId],
      run: (tx, input) => signCountyAgreement(tx.manager, input, actorOf(tx), tx.today),
    }),
  },

  Provider: {
    agreements: async (provider: ProviderEntity, args: ConnectionArgs & { regionCode?: string }, context: ProvidersContext) => {
      const agreements = await context.loaders.agreementsByProviderId.load(provider.id);
      const filtered = args.regionCode ? agreements.filter((agreement) => agreement.regionCode === args.regionCode) : agreements;
      return connectionFromArray(filtered, args, (agreement) => agreement.signedOn);
    },
  },

  Agreement: {
    __resolveReference: (reference: { id: string }, context: ProvidersContext) => context.loaders.agreementById.load(reference.id),
    provider: (agreement: AgreementEntity, _: unknown, context: ProvidersContext) =>
      context.loaders.providerById.load(agreement.providerId),
    region: (agreement: AgreementEntity) => regionField(agreement.regionCode),
    level: (agreement: AgreementEntity) => regionByCode(agreement.regionCode)?.level ?? 'COUNTY',
    status: (agreement: AgreementEntity) => effectiveAgreementStatus(agreement.status, agreement.endsOn, todayInChina()),
    active: (agreement: AgreementEntity) => isAgreementActive(agreement.status, agreement.startsOn, agreement.endsOn, todayInChina()),
    cityAgreement: (agreement: AgreementEntity, _: unknown, context: ProvidersContext) =>
      agreement.cityAgreementId ? context.loaders.agreementById.load(agreement.cityAgreementId) : null,
  },
};
