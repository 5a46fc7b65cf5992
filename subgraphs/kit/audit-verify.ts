// Walks a subgraph's audit trail and names every entry that was edited, inserted or deleted. The
// hash is recomputed here, in TypeScript, so a changed function in the database cannot vouch for itself.
import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { AUDIT_GENESIS_HASH } from './audit-trail-migration';

export type AuditProblemKind = 'EDITED' | 'DELETED' | 'INSERTED' | 'BROKEN_LINK' | 'HEAD_MISMATCH';

export interface AuditProblem {
  kind: AuditProblemKind;
  /** The entry's number (for DELETED: the first missing one). */
  seq: number;
  message: string;
}

export interface AuditVerification {
  schema: string;
  entries: number;
  /** The chain head's number and hash when the walk began. */
  head: { seq: number; hash: string };
  problems: AuditProblem[];
}

interface EntryRow {
  seq: string;
  recorded_at: string;
  request_id: string;
  subject: string;
  role: string;
  scope: string;
  operation: string;
  target_ids: string[];
  outcome: string;
  error_code: string | null;
  rule: string | null;
  prev_hash: string;
  hash: string;
}

const BATCH = 5000;

/** `<bytes>:<text>`, or `-` for null: the same as the migration's audit_field(). */
function field(value: string | null): string {
  return value === null ? '-' : `${Buffer.byteLength(value, 'utf8')}:${value}`;
}

export function entryHash(row: EntryRow): string {
  const text = [
    field(row.prev_hash),
    field(row.seq),
    field(row.recorded_at),
    field(row.request_id),
    field(row.subject),
    field(row.role),
    field(row.scope),
    field(row.operation),
    field(String(row.target_ids.length)),
    ...row.target_ids.map(field),
    field(row.outcome),
    field(row.error_code),
    field(row.rule),
  ].join('');
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Checks the whole chain of `schema`, oldest first, in one read-only snapshot, so entries appended
 * while it runs are neither seen nor mistaken for tampering.
 */
export function verifyAuditTrail(dataSource: DataSource, schema: string): Promise<AuditVerification> {
  return dataSource.transaction('REPEATABLE READ', async (manager) => {
    await manager.query('SET TRANSACTION READ ONLY');
    const [headRow] = (await manager.query(`SELECT seq::text AS seq, hash FROM "${schema}"."audit_chain_head"`)) as Array<{
      seq: string;
      hash: string;
    }>;
    const head = { seq: Number(headRow?.seq ?? 0), hash: headRow?.hash ?? AUDIT_GENESIS_HASH };
    const walk = await walkChain(manager, schema, head.seq);
    const problems = walk.problems;
    if (walk.lastSeq < head.seq) {
      problems.push({
        kind: 'DELETED',
        seq: walk.lastSeq + 1,
        message: `链尾第 ${walk.lastSeq + 1}–${head.seq} 条审计记录缺失（被删除） (entries ${walk.lastSeq + 1}–${head.seq} deleted at the tail)`,
      });
    } else if (walk.lastHash !== head.hash) {
      problems.push({
        kind: 'HEAD_MISMATCH',
        seq: head.seq,
        message: `最后一条审计记录与链头哈希不符 (the last entry does not match the chain head)`,
      });
    }
    const [extra] = (await manager.query(
      `SELECT count(*)::int AS n, min(seq)::text AS first FROM "${schema}"."audit_entry" WHERE seq > $1`,
      [head.seq],
    )) as Array<{ n: number; first: string | null }>;
    if (extra && extra.n > 0) {
      problems.push({
        kind: 'INSERTED',
        seq: Number(extra.first),
        message: `链头之后多出 ${extra.n} 条审计记录（被插入），自第 ${extra.first} 条起 (${extra.n} entries inserted past the chain head)`,
      });
    }
    return { schema, entries: walk.entries, head, problems };
  });
}

/** Entries 1 … headSeq in order: gaps are deletions, bad hashes edits, unlinked entries broken links. */
async function walkChain(manager: EntityManager, schema: string, headSeq: number) {
  const problems: AuditProblem[] = [];
  let expectedSeq = 1;
  let lastHash = AUDIT_GENESIS_HASH;
  let entries = 0;
  for (;;) {
    const rows: EntryRow[] = await manager.query(
      `SELECT e.seq::text AS seq,
              to_char(e.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS recorded_at,
              e.request_id, e.subject, e.role, e.scope, e.operation, e.target_ids, e.outcome, e.error_code, e.rule, e.prev_hash, e.hash
         FROM "${schema}"."audit_entry" e WHERE e.seq >= $1 AND e.seq <= $2 ORDER BY e.seq LIMIT ${BATCH}`,
      [expectedSeq, headSeq],
    );
    for (const row of rows) {
      const seq = Number(row.seq);
      entries += 1;
      if (seq > expectedSeq) {
        problems.push({
          kind: 'DELETED',
          seq: expectedSeq,
          message: `第 ${expectedSeq}–${seq - 1} 条审计记录缺失（被删除） (entries ${expectedSeq}–${seq - 1} deleted)`,
        });
      }
      if (entryHash(row) !== row.hash) {
        problems.push({ kind: 'EDITED', seq, message: `第 ${seq} 条审计记录内容与其哈希不符（被修改） (entry ${seq} edited)` });
      } else if (seq === expectedSeq && row.prev_hash !== lastHash) {
        problems.push({
          kind: 'BROKEN_LINK',
          seq,
          message: `第 ${seq} 条审计记录未接续第 ${seq - 1} 条：其一被改写并重算了哈希，或被替换 (entry ${seq} does not follow entry ${seq - 1}: one was rewritten or replaced)`,
        });
      }
      lastHash = row.hash;
      expectedSeq = seq + 1;
    }
    if (rows.length < BATCH) break;
  }
  return { problems, entries, lastSeq: expectedSeq - 1, lastHash };
}
