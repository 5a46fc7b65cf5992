import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { SecurityInspectionEntity } from './security-inspection.entity';
import { FindingSeverity, RectificationOwnerKind, RectificationStatus } from '../generated/graphql';
import { enumCheck } from '../../kit/enum-check';

/**
 * A finding of an inspection (发现问题) and the rectification (整改) it becomes (INSPECTION_RECTIFY,
 * 第十九条): owned by the inspected party, due by a deadline, OPEN → SUBMITTED by the owner →
 * CLOSED only by the inspecting side after verification (or back to OPEN with a reason). The
 * inspection's scope columns are copied so lists and the overdue list are one WHERE clause.
 */
@Entity({ name: 'inspection_finding' })
@Unique('inspection_finding_inspection_seq_key', ['inspectionId', 'seq'])
@Index('inspection_finding_unit_id_idx', ['unitId'])
@Index('inspection_finding_provider_id_idx', ['providerId'])
@Index('inspection_finding_system_id_idx', ['systemId'])
@Index('inspection_finding_region_code_idx', ['regionCode'])
@Index('inspection_finding_status_deadline_idx', ['status', 'deadline'])
// overdueRectifications(filter:) (rectification-list.ts): indexes the migration creates.
@Index('inspection_finding_open_deadline_idx', { synchronize: false })
@Index('inspection_finding_severity_idx', { synchronize: false })
@enumCheck('inspection_finding', 'severity', Object.values(FindingSeverity))
@enumCheck('inspection_finding', 'owner_kind', Object.values(RectificationOwnerKind))
@enumCheck('inspection_finding', 'status', Object.values(RectificationStatus))
@Check('inspection_finding_closed_check', `("status" = 'CLOSED') = ("closed_at" IS NOT NULL)`)
export class InspectionFindingEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'inspection_finding_pkey' })
  id: string;

  @Column({ type: 'uuid' })
  inspectionId: string;

  @ManyToOne(() => SecurityInspectionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'inspection_id', foreignKeyConstraintName: 'inspection_finding_inspection_id_fkey' })
  inspection?: SecurityInspectionEntity;

  /** Position within the inspection's findings (1, 2, …). */
  @Column({ type: 'smallint' })
  seq: number;

  @Column({ type: 'text' })
  severity: FindingSeverity;

  @Column({ type: 'text' })
  description: string;

  /** Who must rectify: the unit for a system, the provider for a platform. */
  @Column({ type: 'text' })
  ownerKind: RectificationOwnerKind;

  @Column({ type: 'uuid', nullable: true })
  systemId: string | null;

  @Column({ type: 'uuid', nullable: true })
  unitId: string | null;

  @Column({ type: 'uuid', nullable: true })
  providerId: string | null;

  @Column({ type: 'varchar', length: 6 })
  regionCode: string;

  @Column({ type: 'date' })
  deadline: string;

  @Column({ type: 'text' })
  status: RectificationStatus;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  submittedBy: string | null;

  @Column({ type: 'text', nullable: true })
  submissionNote: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  closedBy: string | null;

  @Column({ type: 'text', nullable: true })
  verificationNote: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  returnedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  returnedBy: string | null;

  @Column({ type: 'text', nullable: true })
  returnReason: string | null;

  /** Raised by every transition; a stale version is a CONFLICT. */
  @Column({ type: 'integer', default: 1 })
  version: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
