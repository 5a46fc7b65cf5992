import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { nullableNumberColumn, numberColumn } from '../../kit/numeric-column';
import { UnitPerformanceEvaluationEntity } from './unit-performance-evaluation.entity';
import type { UnitPerformanceGrade } from '../generated/graphql';

/**
 * One unit's result in a year's evaluation (UNIT_PERFORMANCE, 第二十五条、第二十六条): the figures it
 * was scored on (kept, so a published result explains itself), the computed scores and grade,
 * and the final total and grade (the computed ones unless the bureau adjusted them, with a reason,
 * before publication). `publishedAt` is copied from the evaluation so visibility is a WHERE clause.
 */
@Entity({ name: 'unit_performance_result' })
@Unique('unit_performance_result_year_unit_key', ['year', 'unitId'])
@Index('unit_performance_result_evaluation_id_idx', ['evaluationId'])
@Index('unit_performance_result_unit_id_idx', ['unitId'])
@Index('unit_performance_result_region_code_idx', ['regionCode'])
// unitPerformanceResults(filter: { grade }) (unit-performance-list.ts): the index the migration creates.
@Index('unit_performance_result_year_grade_idx', { synchronize: false })
@Check(
  'unit_performance_result_grade_check',
  `"grade" IN ('EXCELLENT', 'GOOD', 'FAIR', 'POOR') AND "computed_grade" IN ('EXCELLENT', 'GOOD', 'FAIR', 'POOR')`,
)
@Check('unit_performance_result_adjustment_check', `("adjustment_reason" IS NULL) = ("adjusted_at" IS NULL)`)
export class UnitPerformanceResultEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'unit_performance_result_pkey' })
  id: string;

  @Column({ type: 'uuid' })
  evaluationId: string;

  @ManyToOne(() => UnitPerformanceEvaluationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'evaluation_id', foreignKeyConstraintName: 'unit_performance_result_evaluation_id_fkey' })
  evaluation?: UnitPerformanceEvaluationEntity;

  @Column({ type: 'integer' })
  year: number;

  @Column({ type: 'uuid' })
  unitId: string;

  /** The unit's code and name as published (from the applications subgraph at the run). */
  @Column({ type: 'text' })
  unitCode: string;

  @Column({ type: 'text' })
  unitName: string;

  @Column({ type: 'varchar', length: 6 })
  regionCode: string;

  /** Systems of the unit in service at some time in the year. */
  @Column({ type: 'integer' })
  systems: number;

  /** Of those, the ones whose resource use counts (disaster-recovery and standby excluded). */
  @Column({ type: 'integer' })
  evaluatedSystems: number;

  @Column({ type: 'integer' })
  systemDays: number;

  @Column({ type: 'integer' })
  idleDays: number;

  @Column({ type: 'integer' })
  underUsedDays: number;

  @Column({ type: 'integer' })
  liveSystems: number;

  @Column({ type: 'integer' })
  mlpsOverdueSystems: number;

  @Column({ type: 'integer' })
  openRectifications: number;

  @Column({ type: 'integer' })
  overdueRectifications: number;

  @Column({ type: 'integer' })
  accessViolations: number;

  @Column({ type: 'integer' })
  incidents: number;

  @Column({ type: 'integer' })
  seriousIncidents: number;

  /** Existing systems still off the cloud without exemption at the reference day, and of those the overdue (ON_CLOUD, 第三条). */
  @Column({ type: 'integer', default: 0 })
  offCloudSystems: number;

  @Column({ type: 'integer', default: 0 })
  overdueOffCloudSystems: number;

  @Column({ type: 'numeric', precision: 5, scale: 2, nullable: true, transformer: nullableNumberColumn })
  resourceUseScore: number | null;

  /** Points taken off the weighted total for them (OFF_CLOUD_DEDUCTIONS, a local choice). */
  @Column({ type: 'numeric', precision: 5, scale: 2, default: 0, transformer: numberColumn })
  offCloudDeduction: number;

  @Column({ type: 'numeric', precision: 5, scale: 2, transformer: numberColumn })
  securityScore: number;

  @Column({ type: 'numeric', precision: 5, scale: 2, transformer: numberColumn })
  mlpsScore: number;

  @Column({ type: 'numeric', precision: 5, scale: 2, transformer: numberColumn })
  computedTotalScore: number;

  @Column({ type: 'text' })
  computedGrade: UnitPerformanceGrade;

  @Column({ type: 'numeric', precision: 5, scale: 2, transformer: numberColumn })
  totalScore: number;

  @Column({ type: 'text' })
  grade: UnitPerformanceGrade;

  @Column({ type: 'text', nullable: true })
  adjustmentReason: string | null;

  @Column({ type: 'text', nullable: true })
  adjustedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  adjustedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;
}
