import { Check, Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import { numberColumn } from '../../kit/numeric-column';

export type EvaluationGrade = 'EXCELLENT' | 'GOOD' | 'FAIR' | 'POOR' | 'SEVERE';

/** A designated provider's annual evaluation on the five aspects of 第二十五条 (第二十六条). */
@Entity({ name: 'provider_evaluation' })
@Unique('provider_evaluation_provider_year_key', ['providerId', 'year'])
@Index('provider_evaluation_year_idx', ['year'])
@Check('provider_evaluation_grade_check', `"grade" IN ('EXCELLENT', 'GOOD', 'FAIR', 'POOR', 'SEVERE')`)
@Check(
  'provider_evaluation_score_check',
  `"platform_operation_score" BETWEEN 0 AND 100 AND "security_score" BETWEEN 0 AND 100 AND "operations_management_score" BETWEEN 0 AND 100 AND "service_level_score" BETWEEN 0 AND 100 AND "service_quality_score" BETWEEN 0 AND 100 AND "total_score" BETWEEN 0 AND 100`,
)
// 第二十六条: a poor result orders rectification by a deadline.
@Check('provider_evaluation_rectification_check', `"grade" <> 'POOR' OR "rectification_due_on" IS NOT NULL`)
export class ProviderEvaluationEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'provider_evaluation_pkey' })
  id: string;

  @Column({ type: 'uuid', name: 'provider_id' })
  providerId: string;

  @Column({ type: 'integer' })
  year: number;

  @Column({ type: 'numeric', precision: 5, scale: 2, name: 'platform_operation_score', transformer: numberColumn })
  platformOperationScore: number;

  @Column({ type: 'numeric', precision: 5, scale: 2, name: 'security_score', transformer: numberColumn })
  securityScore: number;

  @Column({ type: 'numeric', precision: 5, scale: 2, name: 'operations_management_score', transformer: numberColumn })
  operationsManagementScore: number;

  @Column({ type: 'numeric', precision: 5, scale: 2, name: 'service_level_score', transformer: numberColumn })
  serviceLevelScore: number;

  @Column({ type: 'numeric', precision: 5, scale: 2, name: 'service_quality_score', transformer: numberColumn })
  serviceQualityScore: number;

  /** Weighted sum of the five scores (evaluation.rules.ts), stored so lists sort and filter on it. */
  @Column({ type: 'numeric', precision: 5, scale: 2, name: 'total_score', transformer: numberColumn })
  totalScore: number;

  @Column({ type: 'text' })
  grade: EvaluationGrade;

  @Column({ type: 'date', name: 'evaluated_on' })
  evaluatedOn: string;

  @Column({ type: 'date', name: 'rectification_due_on', nullable: true })
  rectificationDueOn: string | null;

  @Column({ type: 'date', name: 'rectified_on', nullable: true })
  rectifiedOn: string | null;

  @Column({ type: 'text' })
  remarks: string;
}
