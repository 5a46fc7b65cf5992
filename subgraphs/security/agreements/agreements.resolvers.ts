// Cloud security agreements (云安全协议, 第二十二条, SECURITY_AGREEMENT): the lists, the check the
// bureau's accept asks for, signing and ending (each through the mutation pipeline, kit/mutation.ts),
// and InformationSystem's agreements.
import { childPage } from '../../kit/child-connection';
import { todayInChina } from '../../kit/dates';
import { findInScope } from '../../kit/lookup';
import { mutation } from '../../kit/mutation';
import { Role } from '../../kit/principal';
import type { MutationSignSecurityAgreementArgs, MutationTerminateSecurityAgreementArgs, Resolvers } from '../generated/graphql';
import type { SecurityContext } from '../loaders';
import { regionOf } from '../references';
import { securityScopeOf, seesSecurityRow, systemLock } from '../security-scope';
import { SecurityAgreementEntity } from './security-agreement.entity';
import { SecurityAgreementService } from './security-agreement.service';
import { parseSignInput, parseTerminateArgs, signSecurityAgreement, terminateSecurityAgreement } from './security-agreement-write.service';

const agreementsOf = (ctx: SecurityContext) => new SecurityAgreementService(ctx.dataSource, securityScopeOf(ctx.principal, ctx.scope));

export const agreementsResolvers = {
  Query: {
    securityAgreements: (_, args, ctx) => agreementsOf(ctx).list(args),
    securityAgreement: (_, { id }, ctx) => findInScope(id, (key) => ctx.loaders.securityAgreementById.load(key)),
    signedSecurityAgreement: (_, args, ctx) => agreementsOf(ctx).signedFor(args),
  },

  Mutation: {
    /** By the unit owning the system (第二十二条: 使用单位申请云平台资源时，应同时签订云安全协议). */
    signSecurityAgreement: mutation({
      roles: [Role.USER_UNIT],
      input: (args: MutationSignSecurityAgreementArgs) => parseSignInput(args.input, todayInChina()),
      targets: (input) => [input.systemId, input.applicationId],
      lock: (input, ctx: SecurityContext) => systemLock(ctx.principal, ctx.scope, input.systemId),
      run: (tx, input, system) => signSecurityAgreement(tx.manager, tx.principal, input, system),
    }),
    /** By the unit (once its system has left the provider's platform) or by the bureau. */
    terminateSecurityAgreement: mutation({
      roles: [Role.USER_UNIT, Role.BUREAU],
      input: (args: MutationTerminateSecurityAgreementArgs) => parseTerminateArgs(args, todayInChina()),
      lock: (input, ctx: SecurityContext) => ({
        entity: SecurityAgreementEntity,
        id: input.id,
        what: '云安全协议',
        visible: (agreement: SecurityAgreementEntity) => seesSecurityRow(ctx.principal, ctx.scope, agreement),
      }),
      run: (tx, input, agreement) => terminateSecurityAgreement(tx.manager, tx.principal, agreement, input),
    }),
  },

  // Unit, provider, system and application live in other subgraphs: this one returns references.
  SecurityAgreement: {
    __resolveReference: (reference, ctx) => ctx.loaders.securityAgreementById.load(reference.id),
    unit: (agreement) => ({ id: agreement.unitId }),
    provider: (agreement) => ({ id: agreement.providerId }),
    system: (agreement) => ({ id: agreement.systemId }),
    application: (agreement) => (agreement.applicationId ? { id: agreement.applicationId } : null),
    region: (agreement) => regionOf(agreement.regionCode),
    terminatedBy: (agreement) => agreement.terminatedByRole,
  },

  InformationSystem: {
    securityAgreements: async (system, args, ctx) => ctx.loaders.securityAgreementPagesBySystemId.load(childPage(system.id, args)),
  },
} satisfies Resolvers;
