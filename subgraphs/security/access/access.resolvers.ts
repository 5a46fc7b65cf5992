// AUTHORIZED_ACCESS (第二十三条): grants, access records and violations. Thin: each mutation goes
// through the pipeline (kit/mutation.ts); the services hold the rules and the writes.
import { connectionFromArray, type ConnectionArgs } from '../../kit/connection';
import { requireUuid } from '../../kit/ids';
import { findInScope } from '../../kit/lookup';
import { mutation } from '../../kit/mutation';
import { Role } from '../../kit/principal';
import { regionField } from '../../kit/shared-resolvers';
import { AccessGrantEntity } from './access-grant.entity';
import type { AccessRecordEntity } from './access-record.entity';
import type { SecurityContext } from '../loaders';
import { validateAccessRecords, type AccessRecordInput } from './access.rules';
import {
  AccessGrantService,
  grantAccess,
  isGrantActive,
  parseGrantInput,
  revokeAccessGrant,
  type AccessGrantListArgs,
  type GrantAccessInput,
} from './access-grant.service';
import { AccessRecordService, submitAccessRecords, type AccessRecordListArgs } from './access-record.service';
import { securityScopeOf, seesSecurityRow } from '../security-scope';

const grantsOf = (ctx: SecurityContext) => new AccessGrantService(ctx.dataSource, securityScopeOf(ctx.principal, ctx.scope));
const recordsOf = (ctx: SecurityContext) => new AccessRecordService(ctx.dataSource, securityScopeOf(ctx.principal, ctx.scope));

const iso = (instant: Date | null) => instant?.toISOString() ?? null;

const batchAt = (records: readonly AccessRecordInput[], now: Date) => ({ rows: validateAccessRecords(records, now), now });

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
    /** The unit owning the system lets the hosting provider's named staff in. */
    grantAccess: mutation({
      roles: [Role.USER_UNIT],
      input: (args: { input: GrantAccessInput }) => parseGrantInput(args.input, new Date()),
      targets: (input) => [input.systemId],
      run: (tx, input) => grantAccess(tx.manager, tx.principal, tx.scope, input),
    }),
    revokeAccessGrant: mutation({
      roles: [Role.USER_UNIT],
      input: (args: { id: string }) => ({ id: requireUuid(args.id, 'id') }),
      lock: (input, ctx: SecurityContext) => ({
        entity: AccessGrantEntity,
        id: input.id,
        what: '访问授权',
        visible: (grant: AccessGrantEntity) => seesSecurityRow(ctx.principal, ctx.scope, grant),
      }),
      run: (tx, _input, grant) => revokeAccessGrant(tx.manager, tx.principal, grant, new Date()),
    }),
    /** A provider's records from its logs; the provider is the caller's, never an argument. */
    submitAccessRecords: mutation({
      roles: [Role.PROVIDER],
      // One instant for the whole batch: the records are checked against it and stamped with it.
      input: (args: { records: AccessRecordInput[] }) => batchAt(args.records, new Date()),
      run: async (tx, input) => {
        const summary = await submitAccessRecords(tx.manager, tx.principal, input.rows, input.now);
        tx.touched(summary.submissionId);
        return summary;
      },
    }),
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
