// Access grants (授权, 第二十三条): a unit lets named staff of the provider hosting its system into
// that system's hosts, databases or storage for a purpose and a period, and may revoke it.
import { childConnectionLoader } from '../../kit/child-connection';
import type { DataSource, EntityManager, Repository } from 'typeorm';
import { randomUUID } from 'node:crypto';
import { paginateNewestFirst, type Connection } from '../../kit/connection';
import { BadUserInputError, ConflictError } from '../../kit/errors';
import { requireUuid } from '../../kit/ids';
import { fetchByIds } from '../../kit/loader-helpers';
import type { Principal, Scope } from '../../kit/principal';
import { AccessGrantEntity } from './access-grant.entity';
import { filterAccessGrants } from './access-grant-list';
import { formatInstant, requireInstant } from '../../kit/instants';
import { ACCESS_RESOURCE_KINDS, requireText, TEXT_LIMITS } from './access.rules';
import { requireSystemsInScope, scopeSecurityRows } from '../security-scope';
import { requireSystemFact } from '../../contracts/system-facts-replica';
import type { GrantAccessInput, QueryAccessGrantsArgs } from '../generated/graphql';

/** In force at `now`: recorded, started, not ended, not revoked. */
export function isGrantActive(grant: AccessGrantEntity, now: Date): boolean {
  const at = now.getTime();
  return grant.revokedAt === null && at >= grant.validFrom.getTime() && at >= grant.grantedAt.getTime() && at <= grant.validUntil.getTime();
}

/** Reads access grants within one principal's scope (unit: its systems; provider: its platform's). */
export class AccessGrantService {
  private readonly repository: Repository<AccessGrantEntity>;

  /** `scope` null: the principal may see no security records. */
  constructor(
    dataSource: DataSource,
    private readonly scope: Scope | null,
  ) {
    this.repository = dataSource.getRepository(AccessGrantEntity);
  }

  private scoped() {
    return scopeSecurityRows(this.repository.createQueryBuilder('access_grant'), this.scope, 'access_grant');
  }

  /** Newest grant first. */
  list(args: QueryAccessGrantsArgs, now: Date): Promise<Connection<AccessGrantEntity>> {
    const query = this.scoped();
    if (args.systemId != null) query.andWhere('access_grant.system_id = :systemId', { systemId: requireUuid(args.systemId, 'systemId') });
    if (args.unitId != null) query.andWhere('access_grant.unit_id = :unitId', { unitId: requireUuid(args.unitId, 'unitId') });
    if (args.activeOnly) {
      query.andWhere(
        'access_grant.revoked_at IS NULL AND access_grant.valid_from <= :now AND access_grant.granted_at <= :now AND access_grant.valid_until >= :now',
        { now },
      );
    }
    if (args.filter != null) filterAccessGrants(query, args.filter, now);
    return paginateNewestFirst(query, args, {
      alias: 'access_grant',
      sortColumn: 'granted_at',
      sortType: 'timestamptz',
      sortValueOf: (grant) => formatInstant(grant.grantedAt),
    });
  }

  byIds(ids: readonly string[]): Promise<AccessGrantEntity[]> {
    return fetchByIds(this.scoped(), 'access_grant.id', ids);
  }

  /** The grants on many systems in one query (for `InformationSystem.accessGrants`). */
  /** Pages of many systems' access grants by staff account: one statement a batch (kit/child-connection.ts). */
  pagesBySystem() {
    return childConnectionLoader({
      query: () => this.scoped(),
      alias: 'access_grant',
      parentColumn: 'system_id',
      parentOf: (grant) => grant.systemId,
      sortExpression: 'access_grant.staff_account::text',
      sortValueOf: (grant) => grant.staffAccount,
    });
  }
}

/**
 * AUTHORIZED_ACCESS (第二十三条): the longest one grant lets staff into a unit's resources (a local
 * choice). The policy asks for authorisation, not for how long; a grant that runs for decades is no
 * longer the unit's decision about this work, so a longer need is granted again when this one ends.
 */
export const MAX_GRANT_DAYS = 366;
const DAY_MS = 86_400_000;

export type ParsedGrant = Omit<GrantAccessInput, 'validFrom' | 'validUntil'> & { validFrom: Date; validUntil: Date; now: Date };

/** A grant's input, read and checked (BAD_USER_INPUT naming the field) at the server's time `now`. */
export function parseGrantInput(input: GrantAccessInput, now: Date): ParsedGrant {
  const systemId = requireUuid(input.systemId, 'systemId');
  if (!ACCESS_RESOURCE_KINDS.includes(input.resourceKind)) {
    throw new BadUserInputError('资源类型（resourceKind）须为 HOST、DATABASE 或 STORAGE', 'resourceKind');
  }
  const staffName = requireText(input.staffName, 'staffName', '人员姓名', TEXT_LIMITS.staffName);
  const staffAccount = requireText(input.staffAccount, 'staffAccount', '人员账号', TEXT_LIMITS.staffAccount);
  const purpose = requireText(input.purpose, 'purpose', '访问目的', TEXT_LIMITS.purpose);
  const validFrom = requireInstant(input.validFrom, 'validFrom', '授权开始时间');
  const validUntil = requireInstant(input.validUntil, 'validUntil', '授权结束时间');
  if (validUntil.getTime() <= validFrom.getTime()) {
    throw new BadUserInputError('授权结束时间（validUntil）须晚于开始时间（validFrom）', 'validUntil');
  }
  if (validUntil.getTime() <= now.getTime()) {
    throw new BadUserInputError('授权结束时间（validUntil）须晚于当前时间：授权不溯及既往', 'validUntil');
  }
  if (validUntil.getTime() - validFrom.getTime() > MAX_GRANT_DAYS * DAY_MS) {
    throw new BadUserInputError(
      `一次授权最长 ${MAX_GRANT_DAYS} 天（本地选择）：授权结束时间（validUntil）须在开始时间后 ${MAX_GRANT_DAYS} 天内，期满可再次授权`,
      'validUntil',
    );
  }
  return { systemId, resourceKind: input.resourceKind, staffName, staffAccount, purpose, validFrom, validUntil, now };
}

/**
 * Records a unit's grant. The system must be one the unit sees, its own (otherwise NOT_FOUND, like a
 * missing one), and on a provider's platform; provider, unit and region come from the system facts,
 * never the client.
 */
export async function grantAccess(
  manager: EntityManager,
  principal: Principal,
  scope: Scope,
  input: ParsedGrant,
): Promise<AccessGrantEntity> {
  const fact = await requireSystemFact(manager, input.systemId);
  requireSystemsInScope(principal, scope, [fact]);
  if (!fact.providerId) {
    throw new BadUserInputError('该系统依法豁免上云，不在服务商云平台上，无云资源可授权', 'systemId');
  }
  // A retired system's resources were recovered (第十五条): nothing is left to enter.
  if (fact.retiredOn) {
    throw new BadUserInputError(`该系统已于 ${fact.retiredOn} 停止使用、云资源已回收，无云资源可授权`, 'systemId');
  }
  const grant: AccessGrantEntity = {
    id: randomUUID(),
    systemId: fact.systemId,
    unitId: fact.unitId,
    providerId: fact.providerId,
    regionCode: fact.regionCode,
    resourceKind: input.resourceKind,
    staffName: input.staffName,
    staffAccount: input.staffAccount,
    purpose: input.purpose,
    validFrom: input.validFrom,
    validUntil: input.validUntil,
    grantedAt: input.now,
    grantedBy: principal.subject,
    revokedAt: null,
    revokedBy: null,
  };
  await manager.getRepository(AccessGrantEntity).insert(grant);
  return grant;
}

/**
 * The unit revokes its grant, which the pipeline has locked: accesses from this instant on are
 * violations. Revoking twice is a CONFLICT.
 */
export async function revokeAccessGrant(
  manager: EntityManager,
  principal: Principal,
  grant: AccessGrantEntity,
  now: Date,
): Promise<AccessGrantEntity> {
  if (grant.revokedAt) throw new ConflictError(`该访问授权已于 ${formatInstant(grant.revokedAt)} 撤销`);
  grant.revokedAt = now;
  grant.revokedBy = principal.subject;
  await manager.getRepository(AccessGrantEntity).update({ id: grant.id }, { revokedAt: now, revokedBy: principal.subject });
  return grant;
}
