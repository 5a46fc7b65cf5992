import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { enumCheck } from '../../kit/enum-check';
import {
  SettlementPriceSource,
  type SettlementUtilisationFlag as UtilisationFlag,
  type SettlementPriceSource as PriceSource,
} from '../generated/graphql';
import { numberColumn } from '../../kit/numeric-column';
import { SettlementEntity } from './settlement.entity';

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
@enumCheck('settlement_line', 'price_source', Object.values(SettlementPriceSource))
@Check('settlement_line_flag_check', `"utilisation_flag" IN ('NORMAL', 'UNDER_USED', 'IDLE', 'EXCLUDED', 'NO_DATA')`)
@Check('settlement_line_figures_check', `"days_in_service" > 0 AND "amount_fen" >= 0 AND "unit_price_fen" >= 0`)
export class SettlementLineEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'settlement_line_pkey' })
  id: string;

  @Column({ type: 'uuid' })
  settlementId: string;

  @ManyToOne(() => SettlementEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'settlement_id', foreignKeyConstraintName: 'settlement_line_settlement_id_fkey' })
  settlement?: SettlementEntity;

  /** The settlement's level, copied so the county scope is a WHERE clause. */
  @Column({ type: 'varchar', length: 6 })
  regionCode: string;

  @Column({ type: 'uuid' })
  providerId: string;

  @Column({ type: 'uuid' })
  unitId: string;

  @Column({ type: 'text' })
  unitCode: string;

  @Column({ type: 'text' })
  unitName: string;

  @Column({ type: 'uuid' })
  systemId: string;

  @Column({ type: 'text' })
  systemCode: string;

  @Column({ type: 'text' })
  systemName: string;

  @Column({ type: 'uuid' })
  applicationId: string;

  @Column({ type: 'text' })
  applicationNumber: string;

  @Column({ type: 'uuid' })
  resourceLineId: string;

  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'uuid' })
  catalogEntryId: string;

  /** Agreed monthly unit price in fen. */
  @Column({ type: 'bigint', transformer: numberColumn })
  unitPriceFen: number;

  @Column({ type: 'text' })
  priceSource: PriceSource;

  @Column({ type: 'integer' })
  quantity: number;

  @Column({ type: 'integer' })
  quantityMax: number;

  @Column({ type: 'integer' })
  billedQuantity: number;

  @Column({ type: 'date' })
  serviceFrom: string;

  /** Last billed day, inclusive. */
  @Column({ type: 'date' })
  serviceUntil: string;

  @Column({ type: 'integer' })
  daysInService: number;

  @Column({ type: 'integer' })
  daysInYear: number;

  @Column({ type: 'text' })
  utilisationFlag: UtilisationFlag;

  @Column({ type: 'integer' })
  factorPermille: number;

  /** Billed once, in the year it was delivered, rather than per month in service (contracts/billing-cycle.ts). */
  @Column({ type: 'boolean', default: false })
  billedOnce: boolean;

  @Column({ type: 'bigint', transformer: numberColumn })
  amountFen: number;
}
