// The audit trail through the graph: each subgraph answers its own chain under AuditTrail.<name>,
// newest first, filtered and paged in SQL; only BUREAU and AUDITOR may read it.
import type { DataSource } from 'typeorm';
import { AuditEntryEntity, AUDIT_OUTCOMES, type AuditOutcome } from './audit-entry.entity';
import { cursorList, decodeCursor, encodeCursor, pageConnection, pageSize, readPage, type ConnectionArgs } from './connection';
import type { SubgraphContext } from './context';
import { BadUserInputError } from './errors';
import { fieldReaders, type FieldReaders } from './field-readers';
import { formatInstant } from './instants';
import { Role } from './principal';
import { SUBGRAPH_NAMES, type SubgraphName } from './schema-files';

/** The audit trail's cursors: newest first by sequence number. */
const AUDIT_TRAIL_LIST = cursorList('audit-trail|seq|DESC');

/** Who reads the trail: the bureau that runs the cloud and the city's auditor (docs/domain.md). */
export const AUDIT_TRAIL_READERS: readonly Role[] = [Role.BUREAU, Role.AUDITOR];

/** Each subgraph's chain under `AuditTrail`, refused field by field to any other role. */
const AUDIT_TRAIL_FIELDS = Object.fromEntries(
  SUBGRAPH_NAMES.map((name) => [name, fieldReaders(`AuditTrail.${name}`, AUDIT_TRAIL_READERS)]),
) as Record<SubgraphName, FieldReaders>;

const AUDIT_TRAIL_ID = 'CITY';

export interface AuditEntryFilter {
  operation?: string | null;
  subject?: string | null;
  role?: string | null;
  outcome?: AuditOutcome | null;
  targetId?: string | null;
  requestId?: string | null;
  since?: string | null;
  until?: string | null;
}

type AuditTrailArgs = ConnectionArgs & { filter?: AuditEntryFilter | null };

export function auditTrailResolvers(name: SubgraphName) {
  return {
    Query: { auditTrail: () => ({ id: AUDIT_TRAIL_ID }) },
    AuditTrail: {
      __resolveReference: (reference: { id: string }) => (reference.id === AUDIT_TRAIL_ID ? { id: AUDIT_TRAIL_ID } : null),
      [name]: (_: unknown, args: AuditTrailArgs, ctx: SubgraphContext<unknown>) => {
        AUDIT_TRAIL_FIELDS[name].check(ctx.principal);
        return auditEntryPage(ctx.dataSource, name, args);
      },
    },
    AuditEntry: {
      id: (entry: AuditEntryEntity) => `${name}:${entry.seq}`,
      subgraph: () => name,
      recordedAt: (entry: AuditEntryEntity) => formatInstant(entry.recordedAt),
    },
  };
}

async function auditEntryPage(dataSource: DataSource, name: SubgraphName, args: AuditTrailArgs) {
  const size = pageSize(args);
  const filter = args.filter ?? {};
  const query = dataSource.getRepository(AuditEntryEntity).createQueryBuilder('entry');
  for (const column of ['operation', 'subject', 'role', 'requestId'] as const) {
    const value = filter[column];
    if (value) query.andWhere(`entry.${column} = :${column}`, { [column]: value });
  }
  if (filter.outcome) {
    if (!AUDIT_OUTCOMES.includes(filter.outcome)) throw new BadUserInputError('outcome 无效', 'outcome');
    query.andWhere('entry.outcome = :outcome', { outcome: filter.outcome });
  }
  if (filter.targetId) query.andWhere('entry.targetIds @> ARRAY[:targetId]::text[]', { targetId: filter.targetId });
  if (filter.since) query.andWhere('entry.recordedAt >= :since', { since: instant(filter.since, 'since') });
  if (filter.until) query.andWhere('entry.recordedAt < :until', { until: instant(filter.until, 'until') });
  const countQuery = query.clone();
  if (args.after) query.andWhere('entry.seq < :afterSeq', { afterSeq: cursorSeq(args.after, name) });
  const { rows, rowFollows } = await readPage(size, () =>
    query
      .orderBy('entry.seq', 'DESC')
      .limit(size + 1)
      .getMany(),
  );
  const edges = rows.slice(0, size).map((node) => ({ cursor: encodeCursor([node.seq, name], AUDIT_TRAIL_LIST), node }));
  return pageConnection(edges, rows.length, size, Boolean(args.after), () => countQuery.getCount(), rowFollows);
}

function cursorSeq(after: string, name: SubgraphName): string {
  const [seq, subgraph] = decodeCursor(after, AUDIT_TRAIL_LIST);
  if (subgraph !== name || !/^[1-9][0-9]{0,17}$/.test(seq)) {
    throw new BadUserInputError('分页游标 after 无效，请使用上一页返回的 endCursor', 'after');
  }
  return seq;
}

function instant(value: string, field: string): Date {
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime())) {
    throw new BadUserInputError(`${field} 须为 ISO 8601 时刻，如 2026-11-26T00:00:00+08:00`, field);
  }
  return date;
}
