import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { MlpsRecordEntity } from './mlps-record.entity';
import type { HarmDegree, HarmedObject } from './mlps.rules';

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

  @Column({ type: 'uuid', name: 'mlps_record_id' })
  mlpsRecordId: string;

  @ManyToOne(() => MlpsRecordEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'mlps_record_id', foreignKeyConstraintName: 'mlps_grading_mlps_record_id_fkey' })
  mlpsRecord?: MlpsRecordEntity;

  @Column({ type: 'uuid', name: 'system_id' })
  systemId: string;

  @Column({ type: 'uuid', name: 'unit_id' })
  unitId: string;

  @Column({ type: 'uuid', name: 'provider_id', nullable: true })
  providerId: string | null;

  @Column({ type: 'varchar', length: 6, name: 'region_code' })
  regionCode: string;

  @Column({ type: 'smallint' })
  level: number;

  @Column({ type: 'text', name: 'business_harmed_object' })
  businessHarmedObject: HarmedObject;

  @Column({ type: 'text', name: 'business_harm_degree' })
  businessHarmDegree: HarmDegree;

  @Column({ type: 'smallint', name: 'business_level' })
  businessLevel: number;

  @Column({ type: 'text', name: 'service_harmed_object' })
  serviceHarmedObject: HarmedObject;

  @Column({ type: 'text', name: 'service_harm_degree' })
  serviceHarmDegree: HarmDegree;

  @Column({ type: 'smallint', name: 'service_level' })
  serviceLevel: number;

  @Column({ type: 'date', name: 'expert_reviewed_on', nullable: true })
  expertReviewedOn: string | null;

  @Column({ type: 'text', name: 'expert_review_opinion', nullable: true })
  expertReviewOpinion: string | null;

  /** The hosting platform's MLPS level when graded; null for a system off the cloud. */
  @Column({ type: 'smallint', name: 'platform_mlps_level', nullable: true })
  platformMlpsLevel: number | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'text', name: 'graded_by' })
  gradedBy: string;

  @Column({ type: 'timestamptz', name: 'graded_at' })
  gradedAt: Date;
}
