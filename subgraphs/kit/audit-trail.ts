// Appends entries to a subgraph's audit trail. The trigger of audit-trail-migration.ts numbers,
// times and chains each entry; this module only says what happened.
import type { EntityManager } from 'typeorm';
import { AuditEntryEntity, type AuditOutcome } from './audit-entry.entity';
import { GraphQLError } from 'graphql';
import { databaseErrorToClient } from './database-errors';
import { ErrorCode, RuleViolationError } from './errors';
import { isUuid } from './ids';
import { type Principal, type Scope } from './principal';

/** What one mutation did, as its audit entry records it. */
export interface AuditRecord {
  requestId: string;
  principal: Principal;
  scope: Scope;
  operation: string;
  targetIds: readonly string[];
  outcome: AuditOutcome;
  errorCode?: string | null;
  rule?: string | null;
}

export function scopeLabel(scope: Scope): string {
  switch (scope.kind) {
    case 'CITY':
      return 'CITY';
    case 'REGION':
      return `REGION:${scope.regionCode}`;
    case 'UNIT':
      return `UNIT:${scope.unitId}`;
    case 'PROVIDER':
      return `PROVIDER:${scope.providerId}`;
  }
}

/** Adds one entry in the caller's transaction: it commits, or rolls back, with the mutation's work. */
export async function appendAuditEntry(manager: EntityManager, record: AuditRecord): Promise<void> {
  await manager
    .createQueryBuilder()
    .insert()
    .into(AuditEntryEntity)
    .values({
      // The trigger sets seq, recorded_at, prev_hash and hash; these placeholders satisfy NOT NULL.
      seq: '0',
      recordedAt: new Date(),
      prevHash: '',
      hash: '',
      requestId: record.requestId,
      subject: record.principal.subject,
      role: record.principal.role,
      scope: scopeLabel(record.scope),
      operation: record.operation,
      targetIds: [...new Set(record.targetIds.map(storableTargetId))],
      outcome: record.outcome,
      errorCode: record.errorCode ?? null,
      rule: record.rule ?? null,
    })
    .updateEntity(false)
    .execute();
}

const MAX_TARGET_ID_LENGTH = 64;

/**
 * A target id as the trail can always store it: ids come from the request, and a refusal must be
 * recorded whatever the caller sent (a NUL byte would fail the insert), so anything but a uuid
 * loses its control characters and is cut to a bounded length.
 */
function storableTargetId(id: unknown): string {
  if (isUuid(id)) return id.toLowerCase();
  // eslint-disable-next-line no-control-regex
  const printable = String(id).replace(/[\u0000-\u001f\u007f]/g, '?');
  return printable.length > MAX_TARGET_ID_LENGTH ? `${printable.slice(0, MAX_TARGET_ID_LENGTH)}…` : printable;
}

/** How an error ends a mutation: an error with a client code is a refusal; unavailability or anything else a failure. */
export function outcomeOfError(error: unknown): Pick<AuditRecord, 'outcome' | 'errorCode' | 'rule'> {
  // A database error is answered as format-error.ts will answer it (a refused value, an outage).
  const client = error instanceof GraphQLError ? error : databaseErrorToClient(error);
  const code = client?.extensions.code;
  if (typeof code === 'string') {
    const failed = code === ErrorCode.SERVICE_UNAVAILABLE || code === ErrorCode.INTERNAL_SERVER_ERROR;
    return { outcome: failed ? 'FAILED' : 'REFUSED', errorCode: code, rule: error instanceof RuleViolationError ? error.rule : null };
  }
  return { outcome: 'FAILED', errorCode: ErrorCode.INTERNAL_SERVER_ERROR, rule: null };
}
