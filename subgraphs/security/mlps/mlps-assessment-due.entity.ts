import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * MLPS_6M (第二十二条): each system's next assessment due date, stored so the overdue worklist is an
 * index walk rather than a CASE over a join evaluated for every system (issue 14). One row per
 * system fact, kept by triggers in the same statement as every write that changes its inputs
 * (the system's replica row: go-live, retirement and scope; its mlps_record: level and last
 * assessment), as mlps-overdue.service.ts NEXT_DUE_SQL computes it; null when nothing is due.
 * Migration 1796301700000-MlpsAssessmentDue holds the triggers and the backfill.
 */
@Entity({ name: 'mlps_assessment_due' })
@Index('mlps_assessment_due_due_on_idx', ['dueOn', 'systemId'])
@Index('mlps_assessment_due_region_code_idx', ['regionCode', 'dueOn', 'systemId'])
@Index('mlps_assessment_due_unit_id_idx', ['unitId', 'dueOn', 'systemId'])
@Index('mlps_assessment_due_provider_id_idx', ['providerId', 'dueOn', 'systemId'])
export class MlpsAssessmentDueEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'mlps_assessment_due_pkey' })
  systemId: string;

  @Column({ type: 'date', nullable: true })
  dueOn: string | null;

  @Column({ type: 'uuid' })
  unitId: string;

  @Column({ type: 'varchar', length: 6 })
  regionCode: string;

  @Column({ type: 'uuid', nullable: true })
  providerId: string | null;
}
