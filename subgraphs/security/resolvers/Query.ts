import { findInScope } from '../../kit/lookup';
import type { SecurityContext } from '../loaders';
import { MlpsRecordService, type MlpsRecordListArgs } from '../services/mlps-record.service';
import { securityScopeOf } from '../services/scope';
import { SecurityAgreementService, type SecurityAgreementListArgs } from '../services/security-agreement.service';

const agreementsOf = (ctx: SecurityContext) => new SecurityAgreementService(ctx.dataSource, securityScopeOf(ctx.principal, ctx.scope));
const mlpsOf = (ctx: SecurityContext) => new MlpsRecordService(ctx.dataSource, securityScopeOf(ctx.principal, ctx.scope));

export const Query = {
  securityAgreements: (_: unknown, args: SecurityAgreementListArgs, ctx: SecurityContext) => agreementsOf(ctx).list(args),

  securityAgreement: (_: unknown, { id }: { id: string }, ctx: SecurityContext) =>
    findInScope(id, (key) => ctx.loaders.securityAgreementById.load(key)),

  mlpsRecords: (_: unknown, args: MlpsRecordListArgs, ctx: SecurityContext) => mlpsOf(ctx).list(args),

  mlpsRecord: (_: unknown, { id }: { id: string }, ctx: SecurityContext) => findInScope(id, (key) => ctx.loaders.mlpsRecordById.load(key)),
};
