import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { enumCheck } from '../../kit/enum-check';
import { DeploymentMode } from '../generated/graphql';
import { UnitEntity } from '../units/unit.entity';

/** A government information system (政务信息系统, 第三条、第十四条) owned by a unit. */
@Entity({ name: 'information_system' })
@Unique('information_system_code_key', ['code'])
// A unit's and a provider's systems in code order (migration 1796301500002).
@Index('information_system_unit_code_idx', ['unitId', 'code'])
@Index('information_system_region_code_idx', ['regionCode'])
@Index('information_system_provider_code_idx', ['providerId', 'code'])
// filter.search (kit/name-search.ts): pg_trgm GIN indexes the migration creates.
@Index('information_system_name_trgm_idx', { synchronize: false })
@Index('information_system_code_trgm_idx', { synchronize: false })
// orderBy (system-list.ts): (column, id) indexes the migration creates.
@Index('information_system_code_order_idx', { synchronize: false })
@Index('information_system_name_order_idx', { synchronize: false })
@Index('information_system_region_order_idx', { synchronize: false })
@Index('information_system_go_live_on_idx', { synchronize: false })
@Index('information_system_go_live_on_desc_idx', { synchronize: false })
@enumCheck('information_system', 'deployment_mode', Object.values(DeploymentMode))
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

  @Column({ type: 'uuid' })
  unitId: string;

  @ManyToOne(() => UnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'information_system_unit_id_fkey' })
  unit?: UnitEntity;

  /** Denormalised from the unit so the county scope is a WHERE clause. */
  @Column({ type: 'varchar', length: 6 })
  regionCode: string;

  /** Hosting (or, while migrating, target) provider, owned by the providers subgraph; null when EXEMPT. */
  @Column({ type: 'uuid', nullable: true })
  providerId: string | null;

  @Column({ type: 'text' })
  deploymentMode: DeploymentMode;

  @Column({ type: 'text', nullable: true })
  exemptionLegalBasis: string | null;

  @Column({ type: 'boolean', default: false })
  loadVariesWidely: boolean;

  @Column({ type: 'text', nullable: true })
  legacySystemName: string | null;

  @Column({ type: 'date', nullable: true })
  legacyShutdownOn: string | null;

  @Column({ type: 'date', nullable: true })
  goLiveOn: string | null;

  @Column({ type: 'date', nullable: true })
  retiredOn: string | null;

  @Column({ type: 'boolean', default: false })
  isDisasterRecovery: boolean;

  @Column({ type: 'boolean', default: false })
  isStandby: boolean;

  /** The production system a disaster-recovery or standby system backs up. */
  @Column({ type: 'uuid', nullable: true })
  primarySystemId: string | null;

  @ManyToOne(() => InformationSystemEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'primary_system_id', foreignKeyConstraintName: 'information_system_primary_system_id_fkey' })
  primarySystem?: InformationSystemEntity | null;

  /** Raised with every change published to other subgraphs (contracts/system-facts.ts). */
  @Column({ type: 'integer', default: 1 })
  revision: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
