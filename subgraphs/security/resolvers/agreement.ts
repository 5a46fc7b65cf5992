// Cloud security agreements (云安全协议, 第二十二条, SECURITY_AGREEMENT): the check the bureau's accept
// asks for, and signing and ending, each through the mutation pipeline (kit/mutation.ts).
import { todayInChina } from '../../kit/dates';
import { mutation } from '../../kit/mutation';
import { Role } from '../../kit/principal';
import { SecurityAgreementEntity } from '../entities/security-agreement.entity';
import type { SecurityContext } from '../loaders';
import { securityScopeOf, seesSecurityRow, systemLock } from '../services/scope';
import { SecurityAgreementService, type SignedAgreementArgs } from '../services/security-agreement.service';
import {
  parseSignInput,
  parseTerminateArgs,
  signSecurityAgreement,
  terminateSecurityAgreement,
  type SignSecurityAgreementInput,
  type TerminateSecurityAgreementArgs,
} from '../services/security-agreement-write.service';

export const agreementResolvers = {
  Query: {
    signedSecurityAgreement: (_: unknown, args: SignedAgreementArgs, ctx: SecurityContext) =>
      new SecurityAgreementService(ctx.dataSource, securityScopeOf(ctx.principal, ctx.scope)).signedFor(args),
  },
  Mutation: {
    /** By the unit owning the system (第二十二条: 使用单位申请云平台资源时，应同时签订云安全协议). */
    signSecurityAgreement: mutation({
      roles: [Role.USER_UNIT],
      input: (args: { input: SignSecurityAgreementInput }) => parseSignInput(args.input, todayInChina()),
      targets: (input) => [input.systemId, input.applicationId],
      lock: (input, ctx: SecurityContext) => systemLock(ctx.principal, ctx.scope, input.systemId),
      run: (tx, input, system) => signSecurityAgreement(tx.manager, tx.principal, input, system),
    }),
    /** By the unit (once its system has left the provider's platform) or by the bureau. */
    terminateSecurityAgreement: mutation({
      roles: [Role.USER_UNIT, Role.BUREAU],
      input: (args: TerminateSecurityAgreementArgs) => parseTerminateArgs(args, todayInChina()),
      lock: (input, ctx: SecurityContext) => ({
        entity: SecurityAgreementEntity,
        id: input.id,
        what: '云安全协议',
        visible: (agreement: SecurityAgreementEntity) => seesSecurityRow(ctx.principal, ctx.scope, agreement),
      }),
      run: (tx, input, agreement) => terminateSecurityAgreement(tx.manager, tx.principal, agreement, input),
    }),
  },
};
