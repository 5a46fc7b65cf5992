import { Check, Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import { enumCheck } from '../../kit/enum-check';
import { EvaluationGrade, ProviderEvaluationStatus } from '../generated/graphql';
import { nullableNumberColumn } from '../../kit/numeric-column';

/**
 * A designated provider's annual evaluation on the five aspects of 第二十五条 (第二十六条). OPEN while
 * the inputs come in (provider_evaluation_input); scores, total, grade, date and remarks are set
 * together when the bureau finalizes it, and a finalized evaluation never changes (a trigger
 * refuses any update, migration 1795651200006).
 */
@Entity({ name: 'provider_evaluation' })
@Unique('provider_evaluation_provider_year_key', ['providerId', 'year'])
@Index('provider_evaluation_year_idx', ['year'])
@Index('provider_evaluation_provider_id_idx', ['providerId'])
// providerEvaluations(filter:) (provider-evaluation-list.ts): indexes the migration creates.
@Index('provider_evaluation_status_idx', { synchronize: false })
@Index('provider_evaluation_grade_idx', { synchronize: false })
@enumCheck('provider_evaluation', 'status', Object.values(ProviderEvaluationStatus))
@Check(
  'provider_evaluation_finalized_check',
  `("status" = 'FINALIZED') = ("platform_operation_score" IS NOT NULL AND "security_score" IS NOT NULL AND "operations_management_score" IS NOT NULL AND "service_level_score" IS NOT NULL AND "service_quality_score" IS NOT NULL AND "total_score" IS NOT NULL AND "grade" IS NOT NULL AND "evaluated_on" IS NOT NULL AND "remarks" IS NOT NULL)`,
)
@enumCheck('provider_evaluation', 'grade', Object.values(EvaluationGrade))
@Check(
  'provider_evaluation_score_check',
  `"platform_operation_score" BETWEEN 0 AND 100 AND "security_score" BETWEEN 0 AND 100 AND "operations_management_score" BETWEEN 0 AND 100 AND "service_level_score" BETWEEN 0 AND 100 AND "service_quality_score" BETWEEN 0 AND 100 AND "total_score" BETWEEN 0 AND 100`,
)
// 第二十六条: a poor result orders rectification by a deadline.
@Check('provider_evaluation_rectification_check', `"grade" <> 'POOR' OR "rectification_due_on" IS NOT NULL`)
export class ProviderEvaluationEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'provider_evaluation_pkey' })
  id: string;

  @Column({ type: 'uuid' })
  providerId: string;

  @Column({ type: 'integer' })
  year: number;

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

  /** Weighted sum of the five scores (provider-evaluation.rules.ts), stored so lists sort and filter on it. */
  @Column({ type: 'numeric', precision: 5, scale: 2, nullable: true, transformer: nullableNumberColumn })
  totalScore: number | null;

  @Column({ type: 'text', nullable: true })
  grade: EvaluationGrade | null;

  /** The day it was finalized; null while OPEN. */
  @Column({ type: 'date', nullable: true })
  evaluatedOn: string | null;

  @Column({ type: 'date', nullable: true })
  rectificationDueOn: string | null;

  @Column({ type: 'date', nullable: true })
  rectifiedOn: string | null;

  @Column({ type: 'text', nullable: true })
  remarks: string | null;

  @Column({ type: 'varchar', length: 16 })
  status: ProviderEvaluationStatus;

  /** Raised by every input and by finalization; a stale version is a CONFLICT. */
  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'date' })
  openedOn: string;

  /** Who opened and who finalized it (principal subjects); null for evaluations recorded before this system. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  openedBy: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  finalizedBy: string | null;
}
