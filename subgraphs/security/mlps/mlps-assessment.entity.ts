import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { numberColumn } from '../../kit/numeric-column';
import { MlpsRecordEntity } from './mlps-record.entity';
import { MlpsConclusion } from '../generated/graphql';
import { enumCheck } from '../../kit/enum-check';

/**
 * One MLPS assessment (等级测评) of a system by a licensed agency (第二十二条): its score,
 * conclusion and findings by severity. Every assessment is kept; the latest drives the next due
 * date (MLPS_6M). One agency reports once a day on a system, so a resubmission is a CONFLICT.
 */
@Index('mlps_assessment_record_assessed_idx', ['mlpsRecordId', 'assessedOn', 'id'])
@Entity({ name: 'mlps_assessment' })
@Unique('mlps_assessment_system_day_agency_key', ['systemId', 'assessedOn', 'agencyLicenceNo'])
@Index('mlps_assessment_mlps_record_id_idx', ['mlpsRecordId'])
@Index('mlps_assessment_unit_id_idx', ['unitId'])
@Index('mlps_assessment_provider_id_idx', ['providerId'])
@Index('mlps_assessment_region_code_idx', ['regionCode'])
@Check('mlps_assessment_score_check', `"score" BETWEEN 0 AND 100`)
@enumCheck('mlps_assessment', 'conclusion', Object.values(MlpsConclusion))
@Check('mlps_assessment_findings_check', `"high_risk_findings" >= 0 AND "medium_risk_findings" >= 0 AND "low_risk_findings" >= 0`)
export class MlpsAssessmentEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'mlps_assessment_pkey' })
  id: string;

  @Column({ type: 'uuid' })
  mlpsRecordId: string;

  @ManyToOne(() => MlpsRecordEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'mlps_record_id', foreignKeyConstraintName: 'mlps_assessment_mlps_record_id_fkey' })
  mlpsRecord?: MlpsRecordEntity;

  @Column({ type: 'uuid' })
  systemId: string;

  @Column({ type: 'uuid' })
  unitId: string;

  @Column({ type: 'uuid', nullable: true })
  providerId: string | null;

  @Column({ type: 'varchar', length: 6 })
  regionCode: string;

  /** The system's level when assessed. */
  @Column({ type: 'smallint' })
  level: number;

  @Column({ type: 'text' })
  agencyName: string;

  /** The agency's recommendation certificate number (测评机构推荐证书编号). */
  @Column({ type: 'text' })
  agencyLicenceNo: string;

  @Column({ type: 'date' })
  assessedOn: string;

  @Column({ type: 'numeric', precision: 5, scale: 2, transformer: numberColumn })
  score: number;

  @Column({ type: 'text' })
  conclusion: MlpsConclusion;

  @Column({ type: 'integer' })
  highRiskFindings: number;

  @Column({ type: 'integer' })
  mediumRiskFindings: number;

  @Column({ type: 'integer' })
  lowRiskFindings: number;

  @Column({ type: 'text' })
  recordedBy: string;

  @Column({ type: 'timestamptz' })
  recordedAt: Date;
}
