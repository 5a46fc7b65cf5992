// Cloud security agreements (云安全协议, 第二十二条, SECURITY_AGREEMENT): the check the bureau's accept
// asks for, and signing and ending. Each mutation: role first (FORBIDDEN), then input
// (BAD_USER_INPUT), then facts, rules and the write in one transaction.
import { inTransaction } from '../../kit/data-source';
import { todayInChina } from '../../kit/dates';
import { ForbiddenError } from '../../kit/errors';
import { Role, type Principal } from '../../kit/principal';
import type { SecurityContext } from '../loaders';
import { securityScopeOf } from '../services/scope';
import { SecurityAgreementService, type SignedAgreementArgs } from '../services/security-agreement.service';
import {
  parseSignInput,
  parseTerminateArgs,
  signSecurityAgreement,
  terminateSecurityAgreement,
  type SignSecurityAgreementInput,
  type TerminateSecurityAgreementArgs,
} from '../services/security-agreement-write.service';

function requireRole(principal: Principal, ...roles: Role[]): void {
  if (!roles.includes(principal.role)) throw new ForbiddenError();
}

export const agreementResolvers = {
  Query: {
    signedSecurityAgreement: (_: unknown, args: SignedAgreementArgs, ctx: SecurityContext) =>
      new SecurityAgreementService(ctx.dataSource, securityScopeOf(ctx.principal, ctx.scope)).signedFor(args),
  },
  Mutation: {
    /** By the unit owning the system (第二十二条: 使用单位申请云平台资源时，应同时签订云安全协议). */
    signSecurityAgreement: (_: unknown, args: { input: SignSecurityAgreementInput }, ctx: SecurityContext) => {
      requireRole(ctx.principal, Role.USER_UNIT);
      const input = parseSignInput(args.input, todayInChina());
      return inTransaction(ctx.dataSource, (manager) => signSecurityAgreement(manager, ctx.principal, input));
    },
    /** By the unit (once its system has left the provider's platform) or by the bureau. */
    terminateSecurityAgreement: (_: unknown, args: TerminateSecurityAgreementArgs, ctx: SecurityContext) => {
      requireRole(ctx.principal, Role.USER_UNIT, Role.BUREAU);
      const parsed = parseTerminateArgs(args, todayInChina());
      return inTransaction(ctx.dataSource, (manager) => terminateSecurityAgreement(manager, ctx.principal, parsed));
    },
  },
};
