import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { FilingStatus } from '../../contracts/supplementary-filing-events';

/**
 * This subgraph's replica of a supplementary-catalog entry's filing (补充目录备案, 第八条), owned by
 * the providers subgraph and fed by its `applications.supplementaryFilingChanged` events:
 * SUPPLEMENTARY_FILED is checked against it when a procurement is recorded.
 */
@Entity({ name: 'supplementary_entry' })
@Index('supplementary_entry_provider_id_idx', ['providerId'])
@Check('supplementary_entry_filing_status_check', `"filing_status" IN ('PENDING', 'FILED', 'PROMOTED', 'WITHDRAWN')`)
@Check('supplementary_entry_filing_rank_check', `"filing_rank" BETWEEN 1 AND 3`)
export class SupplementaryEntryEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'supplementary_entry_pkey' })
  entryId: string;

  @Column({ type: 'uuid' })
  providerId: string;

  @Column({ type: 'varchar', length: 40 })
  code: string;

  @Column({ type: 'varchar', length: 16 })
  filingStatus: FilingStatus;

  /** FILING_RANK of the status: an event of a lower or equal rank never overwrites it. */
  @Column({ type: 'smallint' })
  filingRank: number;

  /** Billed once per delivery, not per month (contracts/billing-cycle.ts). */
  @Column({ type: 'boolean', default: false })
  billedOnce: boolean;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}
