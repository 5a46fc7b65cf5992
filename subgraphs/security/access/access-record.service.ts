// Providers' access records (访问记录, 第二十三条): submitted in bulk from their logs, each checked
// against the units' grants as it is written; one without a matching grant is a violation
// (违规访问, AUTHORIZED_ACCESS). Set-based: a submission of any size is a constant few statements.
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager, Repository } from 'typeorm';
import type { Connection } from '../../kit/connection';
import { pageWithinDays } from '../../kit/dated-list';
import { requireUuid, wellFormedIds } from '../../kit/ids';
import type { Principal, Scope } from '../../kit/principal';
import { formatInstant } from '../../kit/instants';
import { AccessRecordEntity } from './access-record.entity';
import { rowError, type ValidAccessRecord } from './access.rules';
import { scopeSecurityRows } from '../security-scope';
import type { QueryAccessRecordsArgs } from '../generated/graphql';

export interface SubmissionSummary {
  submissionId: string;
  received: number;
  accepted: number;
  duplicates: number;
  violations: number;
}

/** Reads access records within one principal's scope (a provider: those it submitted). */
export class AccessRecordService {
  private readonly repository: Repository<AccessRecordEntity>;

  /** `scope` null: the principal may see no security records. */
  constructor(
    dataSource: DataSource,
    private readonly scope: Scope | null,
  ) {
    this.repository = dataSource.getRepository(AccessRecordEntity);
  }

  private scoped() {
    return scopeSecurityRows(this.repository.createQueryBuilder('access_record'), this.scope, 'access_record');
  }

  /** Latest access first unless asked otherwise, filtered; the deprecated arguments still work. */
  list(args: QueryAccessRecordsArgs): Promise<Connection<AccessRecordEntity>> {
    const query = this.scoped();
    const filter = args.filter ?? {};
    for (const [scope, values] of [
      ['', args],
      ['filter.', filter],
    ] as const) {
      const tag = scope ? 'filter' : 'arg';
      if (values.systemId != null) {
        query.andWhere(`access_record.system_id = :${tag}SystemId`, {
          [`${tag}SystemId`]: requireUuid(values.systemId, `${scope}systemId`),
        });
      }
      if (values.unitId != null) {
        query.andWhere(`access_record.unit_id = :${tag}UnitId`, { [`${tag}UnitId`]: requireUuid(values.unitId, `${scope}unitId`) });
      }
      if (values.submissionId != null) {
        const submissionId = requireUuid(values.submissionId, `${scope}submissionId`);
        query.andWhere(`access_record.submission_id = :${tag}SubmissionId`, { [`${tag}SubmissionId`]: submissionId });
      }
      if (values.violationsOnly) query.andWhere('access_record.violation');
    }
    return pageWithinDays(query, args, {
      alias: 'access_record',
      column: 'accessed_at',
      type: 'timestamptz',
      range: { from: filter.accessedFrom, to: filter.accessedTo },
      name: 'accessed',
      direction: args.orderBy === 'ACCESSED_AT_ASC' ? 'ASC' : 'DESC',
      sortValueOf: (record) => formatInstant(record.accessedAt),
    });
  }

  /** Violations per system, for many systems in one grouped query; systems with none are absent. */
  async violationCountsBySystemIds(systemIds: readonly string[]): Promise<Array<{ systemId: string; count: number }>> {
    const ids = wellFormedIds(systemIds);
    if (ids.length === 0) return [];
    return this.scoped()
      .select('access_record.system_id', 'systemId')
      .addSelect('COUNT(*)::int', 'count')
      .andWhere('access_record.violation')
      .andWhere('access_record.system_id = ANY(:systemIds)', { systemIds: ids })
      .groupBy('access_record.system_id')
      .getRawMany<{ systemId: string; count: number }>();
  }
}

/**
 * Writes a provider's batch of access records, or nothing: every row has been validated
 * (validateAccessRecords: the first bad one fails the batch, naming its index); here each system is
 * checked to be on this provider's platform, the same way. Then one INSERT … SELECT over the whole batch copies unit and region from the system
 * facts, finds each record's grant in the same statement, marks the rest as violations and skips
 * records whose (provider, externalId) is already known — a resubmission counts nothing twice.
 */
export async function submitAccessRecords(
  manager: EntityManager,
  principal: Principal,
  rows: readonly ValidAccessRecord[],
  now: Date,
): Promise<SubmissionSummary> {
  const providerId = principal.providerId!;

  // FOR SHARE: a system cannot move to another platform between this check and the insert.
  const systemIds = [...new Set(rows.map((row) => row.systemId))];
  const hosted: Array<{ system_id: string }> = await manager.query(
    `SELECT system_id FROM "security"."system_fact" WHERE system_id = ANY($1::uuid[]) AND provider_id = $2 FOR SHARE`,
    [systemIds, providerId],
  );
  const onPlatform = new Set(hosted.map((row) => row.system_id));
  const stranger = rows.findIndex((row) => !onPlatform.has(row.systemId));
  if (stranger >= 0) throw rowError(stranger, 'systemId', '不是本服务商云平台上的政务信息系统');

  const submissionId = randomUUID();
  const batch = JSON.stringify(
    rows.map((row, ord) => ({
      ord,
      system_id: row.systemId,
      resource_kind: row.resourceKind,
      staff_account: row.staffAccount,
      accessed_at: formatInstant(row.accessedAt),
      action: row.action,
      external_id: row.externalId,
    })),
  );
  const [summary]: Array<{ accepted: number; violations: number }> = await manager.query(
    `WITH batch AS (
       SELECT * FROM json_to_recordset($1::json) AS r(
         ord int, system_id uuid, resource_kind text, staff_account text, accessed_at timestamptz, action text, external_id text)
     ), inserted AS (
       INSERT INTO "security"."access_record"
         (id, submission_id, provider_id, system_id, unit_id, region_code, resource_kind, staff_account, accessed_at,
          action, external_id, grant_id, violation, submitted_at, submitted_by)
       SELECT gen_random_uuid(), $2, $3, b.system_id, fact.unit_id, fact.region_code, b.resource_kind, b.staff_account,
              b.accessed_at, b.action, b.external_id, matched.id, matched.id IS NULL, $4, $5
         FROM batch b
         JOIN "security"."system_fact" fact ON fact.system_id = b.system_id AND fact.provider_id = $3
         -- AUTHORIZED_ACCESS, as access.rules.ts grantCovers: the earliest recorded grant covering the access.
         LEFT JOIN LATERAL (
           SELECT g.id FROM "security"."access_grant" g
            WHERE g.system_id = b.system_id AND g.provider_id = $3 AND g.resource_kind = b.resource_kind
              AND g.staff_account = b.staff_account
              AND b.accessed_at >= g.valid_from AND b.accessed_at >= g.granted_at AND b.accessed_at <= g.valid_until
              AND (g.revoked_at IS NULL OR b.accessed_at < g.revoked_at)
            ORDER BY g.granted_at, g.id
            LIMIT 1
         ) matched ON TRUE
        ORDER BY b.ord
       ON CONFLICT ON CONSTRAINT "access_record_provider_external_key" DO NOTHING
       RETURNING violation
     )
     SELECT COUNT(*)::int AS accepted, (COUNT(*) FILTER (WHERE violation))::int AS violations FROM inserted`,
    [batch, submissionId, providerId, now, principal.subject],
  );
  const accepted = summary?.accepted ?? 0;
  return { submissionId, received: rows.length, accepted, duplicates: rows.length - accepted, violations: summary?.violations ?? 0 };
}
