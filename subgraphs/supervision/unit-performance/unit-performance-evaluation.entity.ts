import { Check, Column, Entity, PrimaryColumn, Unique } from 'typeorm';

export type UnitPerformanceStatus = 'DRAFT' | 'PUBLISHED';

/**
 * One year's evaluation of every user unit (UNIT_PERFORMANCE, 第二十六条): run by the bureau as a
 * draft (run again while a draft), then published (按年度予以通报). Once published it never changes;
 * a trigger refuses any update or delete of a published evaluation and its results.
 */
@Entity({ name: 'unit_performance_evaluation' })
@Unique('unit_performance_evaluation_year_key', ['year'])
@Check('unit_performance_evaluation_status_check', `"status" IN ('DRAFT', 'PUBLISHED')`)
@Check('unit_performance_evaluation_published_check', `("status" = 'PUBLISHED') = ("published_at" IS NOT NULL)`)
export class UnitPerformanceEvaluationEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'unit_performance_evaluation_pkey' })
  id: string;

  @Column({ type: 'integer' })
  year: number;

  @Column({ type: 'text' })
  status: UnitPerformanceStatus;

  /** 31 December of the year, or the day of the run while the year ran. */
  @Column({ type: 'date', name: 'reference_date' })
  referenceDate: string;

  @Column({ type: 'integer', name: 'unit_count' })
  unitCount: number;

  @Column({ type: 'timestamptz', name: 'evaluated_at' })
  evaluatedAt: Date;

  @Column({ type: 'text', name: 'evaluated_by' })
  evaluatedBy: string;

  @Column({ type: 'timestamptz', name: 'published_at', nullable: true })
  publishedAt: Date | null;

  @Column({ type: 'text', name: 'published_by', nullable: true })
  publishedBy: string | null;
}
