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
  @PrimaryColumn({ type: 'uuid', name: 'system_id', primaryKeyConstraintName: 'system_fact_pkey' })
  systemId: string;

  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'uuid', name: 'unit_id' })
  unitId: string;

  @Column({ type: 'varchar', length: 6, name: 'region_code' })
  regionCode: string;

  /** The hosting provider; null for a system exempt from the cloud. */
  @Column({ type: 'uuid', name: 'provider_id', nullable: true })
  providerId: string | null;

  @Column({ type: 'text', name: 'deployment_mode' })
  deploymentMode: 'ON_CLOUD' | 'MIGRATING' | 'EXEMPT';

  @Column({ type: 'date', name: 'go_live_on', nullable: true })
  goLiveOn: string | null;

  @Column({ type: 'date', name: 'retired_on', nullable: true })
  retiredOn: string | null;

  @Column({ type: 'boolean', name: 'is_disaster_recovery' })
  isDisasterRecovery: boolean;

  @Column({ type: 'boolean', name: 'is_standby' })
  isStandby: boolean;

  @Column({ type: 'integer' })
  revision: number;

  @Column({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
