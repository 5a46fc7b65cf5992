import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { nullableNumberColumn } from '../../kit/numeric-column';
import type { UtilisationEvaluation } from './utilisation-evaluation.service';

/**
 * A period whose per-system utilisation summary is kept (第十六条; issue 14): written when
 * leastUsedSystems first asks for the period, deleted (with its rows) in the same transaction as
 * any write to the daily roll-ups or the system facts (migration 1796301700001's triggers), so a
 * kept summary always equals the aggregate it stands for.
 */
@Entity({ name: 'utilisation_summary_period' })
export class UtilisationSummaryPeriodEntity {
  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'utilisation_summary_period_pkey' })
  periodFrom: string;

  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'utilisation_summary_period_pkey' })
  periodTo: string;
}

/**
 * One system's evaluation over a kept period, with its usage score on an index, so "the least-used
 * systems" is an index walk that stops at the page (issue 14) instead of aggregating every day of
 * every system per request. `listed`: not a backup (EXCLUDED) and with CPU, memory and network
 * figures; the days-with-data threshold is applied when read, as the configuration stands then.
 */
@Entity({ name: 'utilisation_summary' })
@Index('utilisation_summary_listed_idx', ['periodFrom', 'periodTo', 'usageScore', 'systemId'], { where: '"listed"' })
@Index('utilisation_summary_region_code_idx', ['periodFrom', 'periodTo', 'regionCode', 'usageScore', 'systemId'], { where: '"listed"' })
@Index('utilisation_summary_provider_id_idx', ['periodFrom', 'periodTo', 'providerId', 'usageScore', 'systemId'], { where: '"listed"' })
@Index('utilisation_summary_unit_id_idx', ['periodFrom', 'periodTo', 'unitId', 'usageScore', 'systemId'], { where: '"listed"' })
export class UtilisationSummaryEntity {
  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'utilisation_summary_pkey' })
  periodFrom: string;

  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'utilisation_summary_pkey' })
  periodTo: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'utilisation_summary_pkey' })
  systemId: string;

  @ManyToOne(() => UtilisationSummaryPeriodEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'period_from', referencedColumnName: 'periodFrom', foreignKeyConstraintName: 'utilisation_summary_period_fkey' },
    { name: 'period_to', referencedColumnName: 'periodTo', foreignKeyConstraintName: 'utilisation_summary_period_fkey' },
  ])
  period?: UtilisationSummaryPeriodEntity;

  @Column({ type: 'numeric', precision: 5, scale: 2, nullable: true, transformer: nullableNumberColumn })
  usageScore: number | null;

  @Column({ type: 'boolean' })
  listed: boolean;

  @Column({ type: 'integer' })
  daysWithData: number;

  @Column({ type: 'varchar', length: 6 })
  regionCode: string;

  @Column({ type: 'uuid' })
  unitId: string;

  @Column({ type: 'uuid', nullable: true })
  providerId: string | null;

  /** The evaluation as computed from the roll-ups (utilisation-evaluation.service.ts). */
  @Column({ type: 'jsonb' })
  evaluation: UtilisationEvaluation;
}
