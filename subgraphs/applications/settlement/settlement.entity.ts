import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { enumCheck } from '../../kit/enum-check';
import { SettlementStatus } from '../generated/graphql';

/**
 * A yearly fee settlement of one level (第十六条, SETTLEMENT_JAN5): the city (371600) or one county.
 * Revision 1 is the settlement; each correction of a confirmed one is the next revision and names
 * the one it corrects. Once CONFIRMED the row, its lines and confirmations never change (the
 * migration's trigger refuses it, besides the services).
 */
@Entity({ name: 'settlement' })
@Unique('settlement_number_key', ['number'])
@Unique('settlement_year_region_revision_key', ['year', 'regionCode', 'revision'])
@Unique('settlement_corrects_id_key', ['correctsId'])
@Index('settlement_region_code_idx', ['regionCode'])
// orderBy (settlement-order.ts): (column, id) indexes the migration creates.
@Index('settlement_number_order_idx', { synchronize: false })
@Index('settlement_year_order_idx', { synchronize: false })
@Index('settlement_region_order_idx', { synchronize: false })
@Index('settlement_confirmed_on_idx', { synchronize: false })
@Index('settlement_confirmed_on_desc_idx', { synchronize: false })
@enumCheck('settlement', 'status', Object.values(SettlementStatus))
@Check('settlement_confirmed_check', `("status" = 'CONFIRMED') = ("confirmed_at" IS NOT NULL AND "confirmed_on" IS NOT NULL)`)
@Check('settlement_revision_check', `("revision" = 1) = ("corrects_id" IS NULL)`)
@Check('settlement_version_check', `"version" > 0`)
export class SettlementEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'settlement_pkey' })
  id: string;

  /** JS-<year>-<region>-<revision>, e.g. JS-2025-371602-1. */
  @Column({ type: 'text' })
  number: string;

  @Column({ type: 'integer' })
  year: number;

  /** The level settled: 371600 for the city, or a county's code. */
  @Column({ type: 'varchar', length: 6 })
  regionCode: string;

  @Column({ type: 'integer' })
  revision: number;

  @Column({ type: 'uuid', nullable: true })
  correctsId: string | null;

  @ManyToOne(() => SettlementEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'corrects_id', foreignKeyConstraintName: 'settlement_corrects_id_fkey' })
  corrects?: SettlementEntity | null;

  @Column({ type: 'text', nullable: true })
  correctionReason: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'text' })
  status: SettlementStatus;

  /** Optimistic concurrency: each confirmation or recalculation names the version it saw. */
  @Column({ type: 'integer', default: 1 })
  version: number;

  @Column({ type: 'text' })
  createdBy: string;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  /** When the last party confirmed. */
  @Column({ type: 'timestamptz', nullable: true })
  confirmedAt: Date | null;

  /** The day (in Binzhou) the last party confirmed: on or after 5 January is late. */
  @Column({ type: 'date', nullable: true })
  confirmedOn: string | null;
}
