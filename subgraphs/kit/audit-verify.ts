// Walks a subgraph's audit trail and names every entry that was edited, inserted or deleted. The
// hash is recomputed here, in TypeScript, so a changed function in the database cannot vouch for itself.
import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AUDIT_FIELD_SEPARATOR, AUDIT_GENESIS_HASH, AUDIT_LIST_SEPARATOR } from './audit-trail-migration';

export type AuditProblemKind = 'EDITED' | 'DELETED' | 'INSERTED' | 'HEAD_MISMATCH';

export interface AuditProblem {
  kind: AuditProblemKind;
  /** The entry's number (for DELETED: the first missing one). */
  seq: number;
  message: string;
}

export interface AuditVerification {
  schema: string;
  entries: number;
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

export function entryHash(row: EntryRow): string {
  const text = [
    row.prev_hash,
    row.seq,
    row.recorded_at,
    row.request_id,
    row.subject,
    row.role,
    row.scope,
    row.operation,
    row.target_ids.join(AUDIT_LIST_SEPARATOR),
    row.outcome,
    row.error_code ?? '',
    row.rule ?? '',
  ].join(AUDIT_FIELD_SEPARATOR);
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Checks the whole chain of `schema`, in batches, oldest first. */
export async function verifyAuditTrail(dataSource: DataSource, schema: string): Promise<AuditVerification> {
  const problems: AuditProblem[] = [];
  let expectedSeq = 1;
  let previousHash = AUDIT_GENESIS_HASH;
  let entries = 0;
  for (;;) {
    const rows: EntryRow[] = await dataSource.query(
      `SELECT seq::text AS seq,
              to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS recorded_at,
              request_id, subject, role, scope, operation, target_ids, outcome, error_code, rule, prev_hash, hash
         FROM "${schema}"."audit_entry" e WHERE e.seq >= $1 ORDER BY e.seq LIMIT ${BATCH}`,
      [expectedSeq],
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
      } else if (row.prev_hash !== previousHash && seq === expectedSeq) {
        problems.push({
          kind: 'INSERTED',
          seq,
          message: `第 ${seq} 条审计记录未接续第 ${seq - 1} 条：第 ${seq - 1} 条被改写，或第 ${seq} 条被插入 (entry ${seq} does not follow entry ${seq - 1}: one was rewritten or inserted)`,
        });
      }
      previousHash = row.hash;
      expectedSeq = seq + 1;
    }
    if (rows.length < BATCH) break;
  }
  const [head] = (await dataSource.query(`SELECT seq::text AS seq, hash FROM "${schema}"."audit_chain_head"`)) as Array<{
    seq: string;
    hash: string;
  }>;
  const lastSeq = expectedSeq - 1;
  if (!head || Number(head.seq) !== lastSeq || head.hash !== previousHash) {
    const headSeq = head ? Number(head.seq) : 0;
    problems.push(
      headSeq > lastSeq
        ? { kind: 'DELETED', seq: lastSeq + 1, message: `链尾第 ${lastSeq + 1}–${headSeq} 条审计记录缺失（被删除） (tail entries deleted)` }
        : headSeq < lastSeq
          ? {
              kind: 'INSERTED',
              seq: headSeq + 1,
              message: `链头之后多出第 ${headSeq + 1}–${lastSeq} 条（被插入） (entries inserted after the head)`,
            }
          : {
              kind: 'HEAD_MISMATCH',
              seq: lastSeq,
              message: `最后一条审计记录与链头哈希不符 (the last entry does not match the chain head)`,
            },
    );
  }
  return { schema, entries, problems };
}
