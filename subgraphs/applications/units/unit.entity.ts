import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/** A user unit (使用单位, 第四条): a government department at the city or a county level. */
@Entity({ name: 'unit' })
@Unique('unit_code_key', ['code'])
@Unique('unit_uscc_key', ['unifiedSocialCreditCode'])
@Index('unit_region_code_idx', ['regionCode'])
// filter.search (kit/name-search.ts): pg_trgm GIN indexes the migration creates.
@Index('unit_name_trgm_idx', { synchronize: false })
@Index('unit_code_trgm_idx', { synchronize: false })
// orderBy (unit-order.ts): (column, id) indexes the migration creates.
@Index('unit_code_order_idx', { synchronize: false })
@Index('unit_name_order_idx', { synchronize: false })
@Index('unit_region_order_idx', { synchronize: false })
export class UnitEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'unit_pkey' })
  id: string;

  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  /** GB/T 2260 code of the city (371600) or the county the unit belongs to. */
  @Column({ type: 'varchar', length: 6 })
  regionCode: string;

  @Column({ type: 'char', length: 18 })
  unifiedSocialCreditCode: string;

  @Column({ type: 'text' })
  contactName: string;

  @Column({ type: 'text' })
  contactPhone: string;

  /** False once the unit is dissolved or merged: its records stay, its tokens are refused. */
  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
