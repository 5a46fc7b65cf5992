import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** How a mutation ended, as the audit trail records it. */
export const AUDIT_OUTCOMES = ['SUCCEEDED', 'REFUSED', 'FAILED'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/**
 * One entry of a subgraph's audit trail: every mutation, who ran it and how it ended. Append-only
 * and hash-chained: a trigger (migration `AuditTrail`) numbers the entry, links it to the previous
 * entry's hash and refuses UPDATE, DELETE and TRUNCATE; `npm run audit:verify` walks the chain.
 * `seq`, `recordedAt`, `prevHash` and `hash` are set by the trigger, whatever the insert says.
 */
@Entity({ name: 'audit_entry' })
@Check('audit_entry_outcome_check', `"outcome" IN ('SUCCEEDED', 'REFUSED', 'FAILED')`)
@Check('audit_entry_target_ids_check', `array_position("target_ids", NULL) IS NULL AND coalesce(array_ndims("target_ids"), 1) = 1`)
// A GIN index over target_ids, which TypeORM cannot describe; the migration creates it.
@Index('audit_entry_target_ids_idx', { synchronize: false })
@Index('audit_entry_recorded_at_idx', ['recordedAt'])
@Index('audit_entry_operation_idx', ['operation', 'seq'])
@Index('audit_entry_subject_idx', ['subject', 'seq'])
export class AuditEntryEntity {
  /** 1, 2, 3 … with no gaps: a missing number is a deleted entry. */
  @PrimaryColumn({ type: 'bigint', primaryKeyConstraintName: 'audit_entry_pkey' })
  seq: string;

  @Column({ type: 'timestamptz' })
  recordedAt: Date;

  @Column({ type: 'text' })
  requestId: string;

  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'text' })
  role: string;

  /** `CITY`, `REGION:<code>`, `UNIT:<id>` or `PROVIDER:<id>`. */
  @Column({ type: 'text' })
  scope: string;

  /** The mutation's field name, e.g. `acceptApplication`. */
  @Column({ type: 'text' })
  operation: string;

  /** The records the mutation named or touched. */
  @Column({ type: 'text', array: true })
  targetIds: string[];

  @Column({ type: 'text' })
  outcome: AuditOutcome;

  /** `extensions.code` of a refusal or failure. */
  @Column({ type: 'text', nullable: true })
  errorCode: string | null;

  /** The rule id of a RULE_VIOLATION refusal. */
  @Column({ type: 'text', nullable: true })
  rule: string | null;

  @Column({ type: 'text' })
  prevHash: string;

  @Column({ type: 'text' })
  hash: string;
}
