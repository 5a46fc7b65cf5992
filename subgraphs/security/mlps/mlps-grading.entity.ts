import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { MlpsRecordEntity } from './mlps-record.entity';
import type { MlpsHarmDegree, MlpsHarmedObject } from '../generated/graphql';

/**
 * One grading (定级) of a system, kept for the record's history (第二十一条; GB/T 22240-2020): the
 * two harm dimensions and their levels, the expert review, the hosting platform's level at the
 * time, who graded and when. Scope columns are copied from the system's facts.
 */
@Entity({ name: 'mlps_grading' })
@Index('mlps_grading_mlps_record_id_idx', ['mlpsRecordId'])
@Index('mlps_grading_unit_id_idx', ['unitId'])
@Index('mlps_grading_provider_id_idx', ['providerId'])
@Index('mlps_grading_region_code_idx', ['regionCode'])
@Check('mlps_grading_level_check', `"level" BETWEEN 1 AND 5 AND "level" = GREATEST("business_level", "service_level")`)
export class MlpsGradingEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'mlps_grading_pkey' })
  id: string;

  @Column({ type: 'uuid' })
  mlpsRecordId: string;

  @ManyToOne(() => MlpsRecordEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'mlps_record_id', foreignKeyConstraintName: 'mlps_grading_mlps_record_id_fkey' })
  mlpsRecord?: MlpsRecordEntity;

  @Column({ type: 'uuid' })
  systemId: string;

  @Column({ type: 'uuid' })
  unitId: string;

  @Column({ type: 'uuid', nullable: true })
  providerId: string | null;

  @Column({ type: 'varchar', length: 6 })
  regionCode: string;

  @Column({ type: 'smallint' })
  level: number;

  @Column({ type: 'text' })
  businessHarmedObject: MlpsHarmedObject;

  @Column({ type: 'text' })
  businessHarmDegree: MlpsHarmDegree;

  @Column({ type: 'smallint' })
  businessLevel: number;

  @Column({ type: 'text' })
  serviceHarmedObject: MlpsHarmedObject;

  @Column({ type: 'text' })
  serviceHarmDegree: MlpsHarmDegree;

  @Column({ type: 'smallint' })
  serviceLevel: number;

  @Column({ type: 'date', nullable: true })
  expertReviewedOn: string | null;

  @Column({ type: 'text', nullable: true })
  expertReviewOpinion: string | null;

  /** The hosting platform's MLPS level when graded; null for a system off the cloud. */
  @Column({ type: 'smallint', nullable: true })
  platformMlpsLevel: number | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'text' })
  gradedBy: string;

  @Column({ type: 'timestamptz' })
  gradedAt: Date;
}
