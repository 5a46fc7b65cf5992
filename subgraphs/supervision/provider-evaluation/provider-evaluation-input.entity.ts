import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { enumCheck } from '../../kit/enum-check';
import { ProviderEvaluationInputKind } from '../generated/graphql';
import { nullableNumberColumn } from '../../kit/numeric-column';
import { ProviderEvaluationEntity } from './provider-evaluation.entity';

/**
 * Who feeds an annual evaluation (第二十六条: 网络安全主管部门、使用单位、监测机构, and the bureau itself):
 * MONITORING (platform operation and service level, with the figures they rest on), SECURITY,
 * OPERATIONS_MANAGEMENT, and one SERVICE_QUALITY rating per user unit.
 */
/** One input to an OPEN evaluation; resubmitting replaces it until the evaluation is finalized. */
@Entity({ name: 'provider_evaluation_input' })
@Index('provider_evaluation_input_kind_key', ['evaluationId', 'kind'], { unique: true, where: `"unit_id" IS NULL` })
@Index('provider_evaluation_input_unit_key', ['evaluationId', 'unitId'], { unique: true, where: `"unit_id" IS NOT NULL` })
@Index('provider_evaluation_input_provider_id_idx', ['providerId'])
@enumCheck('provider_evaluation_input', 'kind', Object.values(ProviderEvaluationInputKind))
@Check(
  'provider_evaluation_input_shape_check',
  `("kind" = 'MONITORING') = ("platform_operation_score" IS NOT NULL AND "service_level_score" IS NOT NULL)
          AND ("kind" = 'SECURITY') = ("security_score" IS NOT NULL)
          AND ("kind" = 'OPERATIONS_MANAGEMENT') = ("operations_management_score" IS NOT NULL)
          AND ("kind" = 'SERVICE_QUALITY') = ("service_quality_score" IS NOT NULL AND "unit_id" IS NOT NULL)`,
)
@Check(
  'provider_evaluation_input_score_check',
  `"platform_operation_score" BETWEEN 0 AND 100 AND "security_score" BETWEEN 0 AND 100 AND "operations_management_score" BETWEEN 0 AND 100 AND "service_level_score" BETWEEN 0 AND 100 AND "service_quality_score" BETWEEN 0 AND 100`,
)
@Check(
  'provider_evaluation_input_figures_check',
  `"availability_percent" BETWEEN 0 AND 100 AND "incident_count" >= 0 AND "avg_response_minutes" >= 0 AND "complaint_count" >= 0`,
)
export class ProviderEvaluationInputEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'provider_evaluation_input_pkey' })
  id: string;

  @Column({ type: 'uuid' })
  evaluationId: string;

  @ManyToOne(() => ProviderEvaluationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'evaluation_id', foreignKeyConstraintName: 'provider_evaluation_input_evaluation_id_fkey' })
  evaluation?: ProviderEvaluationEntity;

  /** Denormalised from the evaluation, so a provider's scope is a WHERE clause. */
  @Column({ type: 'uuid' })
  providerId: string;

  @Column({ type: 'varchar', length: 24 })
  kind: ProviderEvaluationInputKind;

  /** The rating unit, for SERVICE_QUALITY; null for the other kinds. */
  @Column({ type: 'uuid', nullable: true })
  unitId: string | null;

  @Column({ type: 'numeric', precision: 5, scale: 2, nullable: true, transformer: nullableNumberColumn })
  platformOperationScore: number | null;

  @Column({ type: 'numeric', precision: 5, scale: 2, nullable: true, transformer: nullableNumberColumn })
  securityScore: number | null;

  @Column({
    type: 'numeric',
    precision: 5,
    scale: 2,
    nullable: true,
    transformer: nullableNumberColumn,
  })
  operationsManagementScore: number | null;

  @Column({ type: 'numeric', precision: 5, scale: 2, nullable: true, transformer: nullableNumberColumn })
  serviceLevelScore: number | null;

  @Column({ type: 'numeric', precision: 5, scale: 2, nullable: true, transformer: nullableNumberColumn })
  serviceQualityScore: number | null;

  /** MONITORING's figures, as the monitoring agency states them (第二十四条). */
  @Column({ type: 'numeric', precision: 6, scale: 3, nullable: true, transformer: nullableNumberColumn })
  availabilityPercent: number | null;

  @Column({ type: 'integer', nullable: true })
  incidentCount: number | null;

  @Column({ type: 'numeric', precision: 10, scale: 2, nullable: true, transformer: nullableNumberColumn })
  avgResponseMinutes: number | null;

  @Column({ type: 'integer', nullable: true })
  complaintCount: number | null;

  @Column({ type: 'text', nullable: true })
  remarks: string | null;

  @Column({ type: 'varchar', length: 100 })
  submittedBy: string;

  @Column({ type: 'timestamptz' })
  submittedAt: Date;
}
