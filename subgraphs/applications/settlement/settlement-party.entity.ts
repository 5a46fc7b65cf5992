import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { enumCheck } from '../../kit/enum-check';
import { SettlementParty } from '../generated/graphql';
import { SettlementEntity } from './settlement.entity';

/**
 * One confirmation a settlement needs (第十六条 "市大数据局会同市大数据应用中心、使用单位、项目服务商"):
 * the level's authority, the centre, each unit and each provider with lines in it.
 */
@Entity({ name: 'settlement_confirmation' })
@Unique('settlement_confirmation_party_key', ['settlementId', 'party', 'partyKey'])
@enumCheck('settlement_confirmation', 'party', Object.values(SettlementParty))
@Check('settlement_confirmation_confirmed_check', `("confirmed_at" IS NULL) = ("confirmed_by" IS NULL)`)
export class SettlementConfirmationEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'settlement_confirmation_pkey' })
  id: string;

  @Column({ type: 'uuid' })
  settlementId: string;

  @ManyToOne(() => SettlementEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'settlement_id', foreignKeyConstraintName: 'settlement_confirmation_settlement_id_fkey' })
  settlement?: SettlementEntity;

  @Column({ type: 'text' })
  party: SettlementParty;

  /** The region code (AUTHORITY), 'CENTER', the unit id (UNIT) or the provider id (PROVIDER). */
  @Column({ type: 'text' })
  partyKey: string;

  @Column({ type: 'text', nullable: true })
  confirmedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  confirmedAt: Date | null;
}
