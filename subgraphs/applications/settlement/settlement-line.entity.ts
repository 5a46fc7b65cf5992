import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { numberColumn } from '../../kit/numeric-column';
import type { UtilisationFlag } from './settlement.rules';
import { SettlementEntity } from './settlement.entity';

export type PriceSource = 'CONCLUDED' | 'CATALOG_CAP' | 'MISSING';

/**
 * One line of a settlement (第十六条): a resource line of an application in service during the year,
 * with the provider, unit, system and catalog entry it bills, and the figures the amount comes from.
 * Unit and system names are copied: a settlement is a record of what was settled.
 */
@Entity({ name: 'settlement_line' })
@Index('settlement_line_settlement_id_idx', ['settlementId'])
@Index('settlement_line_unit_id_idx', ['unitId'])
@Index('settlement_line_provider_id_idx', ['providerId'])
@Index('settlement_line_region_code_idx', ['regionCode'])
@Check('settlement_line_price_source_check', `"price_source" IN ('CONCLUDED', 'CATALOG_CAP', 'MISSING')`)
@Check('settlement_line_flag_check', `"utilisation_flag" IN ('NORMAL', 'UNDER_USED', 'IDLE', 'EXCLUDED', 'NO_DATA')`)
@Check('settlement_line_figures_check', `"days_in_service" > 0 AND "amount_fen" >= 0 AND "unit_price_fen" >= 0`)
export class SettlementLineEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'settlement_line_pkey' })
  id: string;

  @Column({ type: 'uuid', name: 'settlement_id' })
  settlementId: string;

  @ManyToOne(() => SettlementEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'settlement_id', foreignKeyConstraintName: 'settlement_line_settlement_id_fkey' })
  settlement?: SettlementEntity;

  /** The settlement's level, copied so the county scope is a WHERE clause. */
  @Column({ type: 'varchar', length: 6, name: 'region_code' })
  regionCode: string;

  @Column({ type: 'uuid', name: 'provider_id' })
  providerId: string;

  @Column({ type: 'uuid', name: 'unit_id' })
  unitId: string;

  @Column({ type: 'text', name: 'unit_code' })
  unitCode: string;

  @Column({ type: 'text', name: 'unit_name' })
  unitName: string;

  @Column({ type: 'uuid', name: 'system_id' })
  systemId: string;

  @Column({ type: 'text', name: 'system_code' })
  systemCode: string;

  @Column({ type: 'text', name: 'system_name' })
  systemName: string;

  @Column({ type: 'uuid', name: 'application_id' })
  applicationId: string;

  @Column({ type: 'text', name: 'application_number' })
  applicationNumber: string;

  @Column({ type: 'uuid', name: 'resource_line_id' })
  resourceLineId: string;

  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'uuid', name: 'catalog_entry_id' })
  catalogEntryId: string;

  /** Agreed monthly unit price in fen. */
  @Column({ type: 'bigint', name: 'unit_price_fen', transformer: numberColumn })
  unitPriceFen: number;

  @Column({ type: 'text', name: 'price_source' })
  priceSource: PriceSource;

  @Column({ type: 'integer' })
  quantity: number;

  @Column({ type: 'integer', name: 'quantity_max' })
  quantityMax: number;

  @Column({ type: 'integer', name: 'billed_quantity' })
  billedQuantity: number;

  @Column({ type: 'date', name: 'service_from' })
  serviceFrom: string;

  /** Last billed day, inclusive. */
  @Column({ type: 'date', name: 'service_until' })
  serviceUntil: string;

  @Column({ type: 'integer', name: 'days_in_service' })
  daysInService: number;

  @Column({ type: 'integer', name: 'days_in_year' })
  daysInYear: number;

  @Column({ type: 'text', name: 'utilisation_flag' })
  utilisationFlag: UtilisationFlag;

  @Column({ type: 'integer', name: 'factor_permille' })
  factorPermille: number;

  @Column({ type: 'bigint', name: 'amount_fen', transformer: numberColumn })
  amountFen: number;
}
