import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { numberColumn } from '../../kit/numeric-column';
import { MlpsRecordEntity, type MlpsConclusion } from './mlps-record.entity';

/**
 * One MLPS assessment (等级测评) of a system by a licensed agency (第二十二条): its score,
 * conclusion and findings by severity. Every assessment is kept; the latest drives the next due
 * date (MLPS_6M). One agency reports once a day on a system, so a resubmission is a CONFLICT.
 */
@Entity({ name: 'mlps_assessment' })
@Unique('mlps_assessment_system_day_agency_key', ['systemId', 'assessedOn', 'agencyLicenceNo'])
@Index('mlps_assessment_mlps_record_id_idx', ['mlpsRecordId'])
@Index('mlps_assessment_unit_id_idx', ['unitId'])
@Index('mlps_assessment_provider_id_idx', ['providerId'])
@Index('mlps_assessment_region_code_idx', ['regionCode'])
@Check('mlps_assessment_score_check', `"score" BETWEEN 0 AND 100`)
@Check('mlps_assessment_conclusion_check', `"conclusion" IN ('EXCELLENT', 'GOOD', 'FAIR', 'POOR')`)
@Check('mlps_assessment_findings_check', `"high_risk_findings" >= 0 AND "medium_risk_findings" >= 0 AND "low_risk_findings" >= 0`)
export class MlpsAssessmentEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'mlps_assessment_pkey' })
  id: string;

  @Column({ type: 'uuid', name: 'mlps_record_id' })
  mlpsRecordId: string;

  @ManyToOne(() => MlpsRecordEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'mlps_record_id', foreignKeyConstraintName: 'mlps_assessment_mlps_record_id_fkey' })
  mlpsRecord?: MlpsRecordEntity;

  @Column({ type: 'uuid', name: 'system_id' })
  systemId: string;

  @Column({ type: 'uuid', name: 'unit_id' })
  unitId: string;

  @Column({ type: 'uuid', name: 'provider_id', nullable: true })
  providerId: string | null;

  @Column({ type: 'varchar', length: 6, name: 'region_code' })
  regionCode: string;

  /** The system's level when assessed. */
  @Column({ type: 'smallint' })
  level: number;

  @Column({ type: 'text', name: 'agency_name' })
  agencyName: string;

  /** The agency's recommendation certificate number (测评机构推荐证书编号). */
  @Column({ type: 'text', name: 'agency_licence_no' })
  agencyLicenceNo: string;

  @Column({ type: 'date', name: 'assessed_on' })
  assessedOn: string;

  @Column({ type: 'numeric', precision: 5, scale: 2, transformer: numberColumn })
  score: number;

  @Column({ type: 'text' })
  conclusion: MlpsConclusion;

  @Column({ type: 'integer', name: 'high_risk_findings' })
  highRiskFindings: number;

  @Column({ type: 'integer', name: 'medium_risk_findings' })
  mediumRiskFindings: number;

  @Column({ type: 'integer', name: 'low_risk_findings' })
  lowRiskFindings: number;

  @Column({ type: 'text', name: 'recorded_by' })
  recordedBy: string;

  @Column({ type: 'timestamptz', name: 'recorded_at' })
  recordedAt: Date;
}
