import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A subgraph's replica of an information system's facts (contracts/system-facts.ts), owned by the
 * applications subgraph: who owns it, where, on which provider's platform, since when. Written
 * only by the seed and the subgraph's `<subgraph>.systemChanged` effect; the newest revision wins.
 */
@Entity({ name: 'system_fact' })
@Index('system_fact_unit_id_idx', ['unitId'])
@Index('system_fact_region_code_idx', ['regionCode'])
@Index('system_fact_provider_id_idx', ['providerId'])
export class SystemFactEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'system_fact_pkey' })
  systemId: string;

  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'uuid' })
  unitId: string;

  @Column({ type: 'varchar', length: 6 })
  regionCode: string;

  /** The hosting provider; null for a system exempt from the cloud. */
  @Column({ type: 'uuid', nullable: true })
  providerId: string | null;

  @Column({ type: 'text' })
  deploymentMode: 'ON_CLOUD' | 'MIGRATING' | 'EXEMPT';

  @Column({ type: 'date', nullable: true })
  goLiveOn: string | null;

  @Column({ type: 'date', nullable: true })
  retiredOn: string | null;

  @Column({ type: 'boolean' })
  isDisasterRecovery: boolean;

  @Column({ type: 'boolean' })
  isStandby: boolean;

  @Column({ type: 'integer' })
  revision: number;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}
