import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { AccessResourceKind } from '../generated/graphql';
import { enumCheck } from '../../kit/enum-check';

/**
 * A unit's grant (授权, 第二十三条) letting one named member of the hosting provider's staff into
 * one kind of resource (hosts, databases or storage) of one of its systems, for a purpose, from
 * `validFrom` to `validUntil`, until the unit revokes it. System, unit, region and provider are
 * copied from the system facts: the provider is always the system's hosting provider.
 */
@Index('access_grant_system_staff_idx', ['systemId', 'staffAccount', 'id'])
@Entity({ name: 'access_grant' })
@Index('access_grant_match_idx', ['systemId', 'resourceKind', 'staffAccount'])
@Index('access_grant_unit_id_idx', ['unitId'])
@Index('access_grant_provider_id_idx', ['providerId'])
@Index('access_grant_region_code_idx', ['regionCode'])
@Index('access_grant_granted_at_idx', ['grantedAt'])
// accessGrants(filter: { status }) (access-grant-list.ts): the index the migration creates.
@Index('access_grant_valid_until_idx', { synchronize: false })
@enumCheck('access_grant', 'resource_kind', Object.values(AccessResourceKind))
@Check('access_grant_period_check', `"valid_until" > "valid_from"`)
@Check('access_grant_revoked_check', `("revoked_at" IS NULL) = ("revoked_by" IS NULL)`)
export class AccessGrantEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'access_grant_pkey' })
  id: string;

  @Column({ type: 'uuid' })
  systemId: string;

  @Column({ type: 'uuid' })
  unitId: string;

  @Column({ type: 'uuid' })
  providerId: string;

  @Column({ type: 'varchar', length: 6 })
  regionCode: string;

  @Column({ type: 'text' })
  resourceKind: AccessResourceKind;

  @Column({ type: 'text' })
  staffName: string;

  /** The staff member's account as the provider's access logs name it; matched exactly. */
  @Column({ type: 'text' })
  staffAccount: string;

  @Column({ type: 'text' })
  purpose: string;

  @Column({ type: 'timestamptz' })
  validFrom: Date;

  @Column({ type: 'timestamptz' })
  validUntil: Date;

  /** When the unit recorded the grant; it covers no access before this instant. */
  @Column({ type: 'timestamptz' })
  grantedAt: Date;

  @Column({ type: 'text' })
  grantedBy: string;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  revokedBy: string | null;
}
