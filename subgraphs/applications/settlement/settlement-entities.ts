import { SettlementConfirmationEntity } from './settlement-party.entity';
import { SettlementLineEntity } from './settlement-line.entity';
import { SettlementProviderTotalEntity } from './settlement-provider-total.entity';
import { SettlementEntity } from './settlement.entity';

/** The settlement feature's entities, spread into data-source.ts. */
export const SETTLEMENT_ENTITIES = [SettlementEntity, SettlementLineEntity, SettlementConfirmationEntity, SettlementProviderTotalEntity];
