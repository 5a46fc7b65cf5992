// AUTHORIZED_ACCESS (第二十三条): grants, access records and violations. Thin: role first
// (FORBIDDEN), then the service in one transaction, which validates before it writes.
import { connectionFromArray, type ConnectionArgs } from '../../kit/connection';
import { inTransaction } from '../../kit/data-source';
import { ForbiddenError } from '../../kit/errors';
import { findInScope } from '../../kit/lookup';
import { hasRole, Role } from '../../kit/principal';
import { regionField } from '../../kit/shared-resolvers';
import type { AccessGrantEntity } from '../entities/access-grant.entity';
import type { AccessRecordEntity } from '../entities/access-record.entity';
import type { SecurityContext } from '../loaders';
import type { AccessRecordInput } from '../rules/authorized-access';
import {
  AccessGrantService,
  grantAccess,
  isGrantActive,
  revokeAccessGrant,
  type AccessGrantListArgs,
  type GrantAccessInput,
} from '../services/access-grant.service';
import { AccessRecordService, submitAccessRecords, type AccessRecordListArgs } from '../services/access-record.service';
import { securityScopeOf } from '../services/scope';

const grantsOf = (ctx: SecurityContext) => new AccessGrantService(ctx.dataSource, securityScopeOf(ctx.principal, ctx.scope));
const recordsOf = (ctx: SecurityContext) => new AccessRecordService(ctx.dataSource, securityScopeOf(ctx.principal, ctx.scope));

function requireRole(ctx: SecurityContext, role: Role): void {
  if (!hasRole(ctx.principal, role)) throw new ForbiddenError();
}

const iso = (instant: Date | null) => instant?.toISOString() ?? null;

export const accessResolvers = {
  Query: {
    accessGrants: (_: unknown, args: AccessGrantListArgs, ctx: SecurityContext) => grantsOf(ctx).list(args, new Date()),
    accessGrant: (_: unknown, { id }: { id: string }, ctx: SecurityContext) =>
      findInScope(id, (key) => ctx.loaders.accessGrantById.load(key)),
    accessRecords: (_: unknown, args: AccessRecordListArgs, ctx: SecurityContext) => recordsOf(ctx).list(args),
    accessViolations: (_: unknown, args: Omit<AccessRecordListArgs, 'violationsOnly'>, ctx: SecurityContext) =>
      recordsOf(ctx).list({ ...args, violationsOnly: true }),
  },

  Mutation: {
    grantAccess: (_: unknown, { input }: { input: GrantAccessInput }, ctx: SecurityContext) => {
      requireRole(ctx, Role.USER_UNIT);
      return inTransaction(ctx.dataSource, (manager) => grantAccess(manager, ctx.principal, input, new Date()));
    },
    revokeAccessGrant: (_: unknown, { id }: { id: string }, ctx: SecurityContext) => {
      requireRole(ctx, Role.USER_UNIT);
      return inTransaction(ctx.dataSource, (manager) => revokeAccessGrant(manager, ctx.principal, id, new Date()));
    },
    submitAccessRecords: (_: unknown, { records }: { records: AccessRecordInput[] }, ctx: SecurityContext) => {
      requireRole(ctx, Role.PROVIDER);
      return inTransaction(ctx.dataSource, (manager) => submitAccessRecords(manager, ctx.principal, records, new Date()));
    },
  },

  // Unit, provider and system live in other subgraphs: references by id.
  AccessGrant: {
    system: (grant: AccessGrantEntity) => ({ id: grant.systemId }),
    unit: (grant: AccessGrantEntity) => ({ id: grant.unitId }),
    provider: (grant: AccessGrantEntity) => ({ id: grant.providerId }),
    region: (grant: AccessGrantEntity) => regionField(grant.regionCode),
    validFrom: (grant: AccessGrantEntity) => iso(grant.validFrom),
    validUntil: (grant: AccessGrantEntity) => iso(grant.validUntil),
    grantedAt: (grant: AccessGrantEntity) => iso(grant.grantedAt),
    revokedAt: (grant: AccessGrantEntity) => iso(grant.revokedAt),
    active: (grant: AccessGrantEntity) => isGrantActive(grant, new Date()),
  },

  AccessRecord: {
    system: (record: AccessRecordEntity) => ({ id: record.systemId }),
    unit: (record: AccessRecordEntity) => ({ id: record.unitId }),
    provider: (record: AccessRecordEntity) => ({ id: record.providerId }),
    region: (record: AccessRecordEntity) => regionField(record.regionCode),
    accessedAt: (record: AccessRecordEntity) => iso(record.accessedAt),
    submittedAt: (record: AccessRecordEntity) => iso(record.submittedAt),
    grant: (record: AccessRecordEntity, _: unknown, ctx: SecurityContext) =>
      record.grantId ? ctx.loaders.accessGrantById.load(record.grantId) : null,
  },

  InformationSystem: {
    accessGrants: async (system: { id: string }, args: ConnectionArgs, ctx: SecurityContext) =>
      connectionFromArray(await ctx.loaders.accessGrantsBySystemId.load(system.id), args, (grant) => grant.staffAccount),
    accessViolationCount: (system: { id: string }, _: unknown, ctx: SecurityContext) =>
      ctx.loaders.accessViolationCountBySystemId.load(system.id),
  },
};
