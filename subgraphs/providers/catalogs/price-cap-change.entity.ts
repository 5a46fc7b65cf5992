import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { fenColumn } from '../../kit/money';
import { BasicCatalogEntryEntity } from './basic-catalog-entry.entity';

export type PriceCapSource = 'INITIAL_AGREEMENT' | 'PROCUREMENT' | 'BUREAU_ADJUSTMENT';

/** One change of a basic-catalog entry's cap and where it came from (CAP_LOWERS, 第八条). */
@Entity({ name: 'price_cap_change' })
@Index('price_cap_change_entry_id_idx', ['entryId', 'changedAt'])
@Check('price_cap_change_new_cap_yuan_check', `"new_cap_yuan" > 0`)
@Check('price_cap_change_source_check', `"source" IN ('INITIAL_AGREEMENT', 'PROCUREMENT', 'BUREAU_ADJUSTMENT')`)
export class PriceCapChangeEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'price_cap_change_pkey' })
  id: string;

  @Column({ type: 'uuid', name: 'entry_id' })
  entryId: string;

  @ManyToOne(() => BasicCatalogEntryEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'entry_id', foreignKeyConstraintName: 'price_cap_change_entry_id_fkey' })
  entry?: BasicCatalogEntryEntity;

  /** Null for the first cap, agreed at designation. */
  @Column({ type: 'numeric', precision: 12, scale: 2, name: 'previous_cap_yuan', nullable: true, transformer: fenColumn })
  previousCapFen: number | null;

  @Column({ type: 'numeric', precision: 12, scale: 2, name: 'new_cap_yuan', transformer: fenColumn })
  newCapFen: number;

  @Column({ type: 'varchar', length: 20 })
  source: PriceCapSource;

  @Column({ type: 'varchar', length: 100, name: 'source_reference', nullable: true })
  sourceReference: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reason: string | null;

  @Column({ type: 'timestamptz', name: 'changed_at' })
  changedAt: Date;

  @Column({ type: 'varchar', length: 100, name: 'changed_by' })
  changedBy: string;
}
