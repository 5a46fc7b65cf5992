// AUTHORIZED_ACCESS (第二十三条): grants, access records and violations. Thin: each mutation goes
// through the pipeline (kit/mutation.ts); the services hold the rules and the writes.
import { childPage } from '../../kit/child-connection';
import { requireUuid } from '../../kit/ids';
import { findInScope } from '../../kit/lookup';
import { mutation } from '../../kit/mutation';
import { Role } from '../../kit/principal';
import { AccessGrantEntity } from './access-grant.entity';
import type {
  AccessRecordInput,
  MutationGrantAccessArgs,
  MutationRevokeAccessGrantArgs,
  MutationSubmitAccessRecordsArgs,
  Resolvers,
} from '../generated/graphql';
import type { SecurityContext } from '../loaders';
import { regionOf } from '../references';
import { validateAccessRecords } from './access.rules';
import { AccessGrantService, grantAccess, isGrantActive, parseGrantInput, revokeAccessGrant } from './access-grant.service';
import { AccessRecordService, submitAccessRecords } from './access-record.service';
import { securityScopeOf, seesSecurityRow } from '../security-scope';

const grantsOf = (ctx: SecurityContext) => new AccessGrantService(ctx.dataSource, securityScopeOf(ctx.principal, ctx.scope));
const recordsOf = (ctx: SecurityContext) => new AccessRecordService(ctx.dataSource, securityScopeOf(ctx.principal, ctx.scope));

const batchAt = (records: readonly AccessRecordInput[], now: Date) => ({ rows: validateAccessRecords(records, now), now });

export const accessResolvers = {
  Query: {
    accessGrants: (_, args, ctx) => grantsOf(ctx).list(args, new Date()),
    accessGrant: (_, { id }, ctx) => findInScope(id, (key) => ctx.loaders.accessGrantById.load(key)),
    accessRecords: (_, args, ctx) => recordsOf(ctx).list(args),
    accessViolations: (_, args, ctx) => recordsOf(ctx).list({ ...args, violationsOnly: true }),
  },

  Mutation: {
    /** The unit owning the system lets the hosting provider's named staff in. */
    grantAccess: mutation({
      roles: [Role.USER_UNIT],
      input: (args: MutationGrantAccessArgs) => parseGrantInput(args.input, new Date()),
      targets: (input) => [input.systemId],
      run: (tx, input) => grantAccess(tx.manager, tx.principal, tx.scope, input),
    }),
    revokeAccessGrant: mutation({
      roles: [Role.USER_UNIT],
      input: (args: MutationRevokeAccessGrantArgs) => ({ id: requireUuid(args.id, 'id') }),
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
      input: (args: MutationSubmitAccessRecordsArgs) => batchAt(args.records, new Date()),
      run: async (tx, input) => {
        const summary = await submitAccessRecords(tx.manager, tx.principal, input.rows, input.now);
        tx.touched(summary.submissionId);
        return summary;
      },
    }),
  },

  // Unit, provider and system live in other subgraphs: references by id.
  AccessGrant: {
    system: (grant) => ({ id: grant.systemId }),
    unit: (grant) => ({ id: grant.unitId }),
    provider: (grant) => ({ id: grant.providerId }),
    region: (grant) => regionOf(grant.regionCode),
    active: (grant) => isGrantActive(grant, new Date()),
  },

  AccessRecord: {
    system: (record) => ({ id: record.systemId }),
    unit: (record) => ({ id: record.unitId }),
    provider: (record) => ({ id: record.providerId }),
    region: (record) => regionOf(record.regionCode),
    grant: (record, _, ctx) => (record.grantId ? ctx.loaders.accessGrantById.load(record.grantId) : null),
  },

  InformationSystem: {
    accessGrants: async (system, args, ctx) => ctx.loaders.accessGrantPagesBySystemId.load(childPage(system.id, args)),
    accessViolationCount: (system, _, ctx) => ctx.loaders.accessViolationCountBySystemId.load(system.id),
  },
} satisfies Resolvers;
