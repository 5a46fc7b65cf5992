import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { UnitEntity } from '../units/unit.entity';

export type DeploymentMode = 'ON_CLOUD' | 'MIGRATING' | 'EXEMPT';
export const DEPLOYMENT_MODES: readonly DeploymentMode[] = ['ON_CLOUD', 'MIGRATING', 'EXEMPT'];

/** A government information system (政务信息系统, 第三条、第十四条) owned by a unit. */
@Entity({ name: 'information_system' })
@Unique('information_system_code_key', ['code'])
@Index('information_system_unit_id_idx', ['unitId'])
@Index('information_system_region_code_idx', ['regionCode'])
@Index('information_system_provider_id_idx', ['providerId'])
@Check('information_system_deployment_mode_check', `"deployment_mode" IN ('ON_CLOUD', 'MIGRATING', 'EXEMPT')`)
// ON_CLOUD (第三条): an exemption always names its legal basis, and only an exemption has one.
@Check('information_system_exemption_check', `("deployment_mode" = 'EXEMPT') = ("exemption_legal_basis" IS NOT NULL)`)
@Check('information_system_provider_check', `"deployment_mode" = 'EXEMPT' OR "provider_id" IS NOT NULL`)
export class InformationSystemEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'information_system_pkey' })
  id: string;

  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'uuid', name: 'unit_id' })
  unitId: string;

  @ManyToOne(() => UnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'information_system_unit_id_fkey' })
  unit?: UnitEntity;

  /** Denormalised from the unit so the county scope is a WHERE clause. */
  @Column({ type: 'varchar', length: 6, name: 'region_code' })
  regionCode: string;

  /** Hosting (or, while migrating, target) provider, owned by the providers subgraph; null when EXEMPT. */
  @Column({ type: 'uuid', name: 'provider_id', nullable: true })
  providerId: string | null;

  @Column({ type: 'text', name: 'deployment_mode' })
  deploymentMode: DeploymentMode;

  @Column({ type: 'text', name: 'exemption_legal_basis', nullable: true })
  exemptionLegalBasis: string | null;

  @Column({ type: 'boolean', name: 'load_varies_widely', default: false })
  loadVariesWidely: boolean;

  @Column({ type: 'text', name: 'legacy_system_name', nullable: true })
  legacySystemName: string | null;

  @Column({ type: 'date', name: 'legacy_shutdown_on', nullable: true })
  legacyShutdownOn: string | null;

  @Column({ type: 'date', name: 'go_live_on', nullable: true })
  goLiveOn: string | null;

  @Column({ type: 'date', name: 'retired_on', nullable: true })
  retiredOn: string | null;

  @Column({ type: 'boolean', name: 'is_disaster_recovery', default: false })
  isDisasterRecovery: boolean;

  @Column({ type: 'boolean', name: 'is_standby', default: false })
  isStandby: boolean;

  /** The production system a disaster-recovery or standby system backs up. */
  @Column({ type: 'uuid', name: 'primary_system_id', nullable: true })
  primarySystemId: string | null;

  @ManyToOne(() => InformationSystemEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'primary_system_id', foreignKeyConstraintName: 'information_system_primary_system_id_fkey' })
  primarySystem?: InformationSystemEntity | null;

  /** Raised with every change published to other subgraphs (contracts/system-facts.ts). */
  @Column({ type: 'integer', default: 1 })
  revision: number;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}
