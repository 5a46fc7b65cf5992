// Designation agreements: lists and lookups inside the caller's visibility, the Agreement type, and
// the city's and counties' signings, each through the kit's pipeline (kit/mutation.ts).
import { childPage } from '../../kit/child-connection';
import { todayInChina } from '../../kit/dates';
import { ForbiddenError } from '../../kit/errors';
import { findInScope } from '../../kit/lookup';
import { mutation } from '../../kit/mutation';
import { Role } from '../../kit/principal';
import { CITY_REGION_CODE, regionByCode } from '../../kit/regions';
import { regionField } from '../../kit/shared-resolvers';
import { providerTarget } from '../directory/provider.service';
import type {
  MutationRenewAgreementArgs,
  MutationSignCityAgreementArgs,
  MutationSignCountyAgreementArgs,
  Resolvers,
} from '../generated/graphql';
import { actorOf, referenced } from '../loaders';
import { agreementVisibility } from './agreement-visibility.service';
import { AGREEMENT, listAgreements, renewAgreement, signCityAgreement, signCountyAgreement } from './agreement.service';
import { AgreementEntity } from './agreement.entity';
import { parseCityAgreementInput, parseCountyAgreementInput } from './agreements.inputs';
import { effectiveAgreementStatus, isAgreementActive } from './agreements.rules';

export const agreementsResolvers = {
  Query: {
    agreements: (_, args, context) => listAgreements(context.dataSource, agreementVisibility(context.principal), args, todayInChina()),

    agreement: (_, args, context) => findInScope(args.id, (id) => context.loaders.agreementById.load(id)),
  },

  Mutation: {
    /** The provider is locked so that two signings with it serialise (overlap and number checks). */
    signCityAgreement: mutation({
      roles: [Role.BUREAU],
      input: (args: MutationSignCityAgreementArgs) => parseCityAgreementInput(args.input),
      lock: (input) => providerTarget(input.providerId),
      run: (tx, input, provider) => signCityAgreement(tx.manager, provider, input, actorOf(tx), tx.today),
    }),

    /** Only the county's own authority signs for the county (COUNTY_MATCHES_CITY does the rest). */
    signCountyAgreement: mutation({
      roles: [Role.COUNTY_AUTHORITY],
      input: (args: MutationSignCountyAgreementArgs) => parseCountyAgreementInput(args.input),
      authorize: (input, ctx) => {
        if (ctx.scope.kind !== 'REGION' || ctx.scope.regionCode !== input.regionCode) {
          throw new ForbiddenError(
            `县级主管部门只能为本县签订协议，不能为 ${input.regionCode} 签订 (a county signs for its own county only)`,
          );
        }
      },
      targets: (input) => [input.cityAgreementId],
      run: (tx, input) => signCountyAgreement(tx.manager, input, actorOf(tx), tx.today),
    }),

    /**
     * TERM_MAX_3Y (第九条): the bureau renews the city's agreements, a county's authority its county's;
     * any other agreement answers NOT_FOUND, like a missing one.
     */
    renewAgreement: mutation({
      roles: [Role.BUREAU, Role.COUNTY_AUTHORITY],
      input: (args: MutationRenewAgreementArgs) => args.input,
      lock: (input, ctx) => ({
        entity: AgreementEntity,
        id: input.agreementId,
        what: AGREEMENT,
        field: 'agreementId',
        // The bureau reads every county's agreements: one it may not renew is FORBIDDEN, not NOT_FOUND.
        visible: (agreement: AgreementEntity) =>
          ctx.principal.role === Role.BUREAU || (ctx.scope.kind === 'REGION' && agreement.regionCode === ctx.scope.regionCode),
      }),
      run: (tx, input, agreement, ctx) => {
        if (ctx.principal.role === Role.BUREAU && agreement.regionCode !== CITY_REGION_CODE) {
          throw new ForbiddenError('市大数据局只续签市级定点服务协议；县级协议的延续由该县电子政务主管部门决定（第九条）');
        }
        return renewAgreement(tx.manager, agreement, input, actorOf(tx), tx.today);
      },
    }),
  },

  Provider: {
    agreements: (provider, args, context) =>
      context.loaders.agreementPagesByProviderId(args.regionCode || null).load(childPage(provider.id, args)),
  },

  Agreement: {
    __resolveReference: (reference, context) => context.loaders.agreementById.load(reference.id),
    provider: (agreement, _, context) => referenced(context.loaders.providerById.load(agreement.providerId)),
    region: (agreement) => regionField(agreement.regionCode)!,
    level: (agreement) => regionByCode(agreement.regionCode)?.level ?? 'COUNTY',
    status: (agreement) => effectiveAgreementStatus(agreement.status, agreement.endsOn, todayInChina()),
    active: (agreement) => isAgreementActive(agreement.status, agreement.startsOn, agreement.endsOn, todayInChina()),
    cityAgreement: (agreement, _, context) =>
      agreement.cityAgreementId ? context.loaders.agreementById.load(agreement.cityAgreementId) : null,
  },
} satisfies Resolvers;
