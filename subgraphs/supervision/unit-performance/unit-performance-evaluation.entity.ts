import { Check, Column, Entity, PrimaryColumn, Unique } from 'typeorm';
import { enumCheck } from '../../kit/enum-check';
import { UnitPerformanceStatus } from '../generated/graphql';

/**
 * One year's evaluation of every user unit (UNIT_PERFORMANCE, 第二十六条): run by the bureau as a
 * draft (run again while a draft), then published (按年度予以通报). Once published it never changes;
 * a trigger refuses any update or delete of a published evaluation and its results.
 */
@Entity({ name: 'unit_performance_evaluation' })
@Unique('unit_performance_evaluation_year_key', ['year'])
@enumCheck('unit_performance_evaluation', 'status', Object.values(UnitPerformanceStatus))
@Check('unit_performance_evaluation_published_check', `("status" = 'PUBLISHED') = ("published_at" IS NOT NULL)`)
export class UnitPerformanceEvaluationEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'unit_performance_evaluation_pkey' })
  id: string;

  @Column({ type: 'integer' })
  year: number;

  @Column({ type: 'text' })
  status: UnitPerformanceStatus;

  /** 31 December of the year, or the day of the run while the year ran. */
  @Column({ type: 'date' })
  referenceDate: string;

  @Column({ type: 'integer' })
  unitCount: number;

  @Column({ type: 'timestamptz' })
  evaluatedAt: Date;

  @Column({ type: 'text' })
  evaluatedBy: string;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  publishedBy: string | null;
}
