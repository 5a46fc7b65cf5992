import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { numberColumn } from '../../kit/numeric-column';
import { SettlementEntity } from './settlement.entity';

/**
 * A settlement's amount and line count per provider (第十六条), written with its lines in the same
 * transaction (settlement-write.service.ts `writeLinesAndParties`). The analysts' fees by provider
 * and level (`settlementTotals`) sum these few rows instead of every line of the year, which grow
 * with the world; a unit, which sees only its own lines, still sums its lines.
 */
@Entity({ name: 'settlement_provider_total' })
@Check('settlement_provider_total_figures_check', `"amount_fen" >= 0 AND "line_count" > 0`)
export class SettlementProviderTotalEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'settlement_provider_total_pkey' })
  settlementId: string;

  @ManyToOne(() => SettlementEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'settlement_id', foreignKeyConstraintName: 'settlement_provider_total_settlement_id_fkey' })
  settlement?: SettlementEntity;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'settlement_provider_total_pkey' })
  providerId: string;

  @Column({ type: 'bigint', transformer: numberColumn })
  amountFen: number;

  @Column({ type: 'integer' })
  lineCount: number;
}
