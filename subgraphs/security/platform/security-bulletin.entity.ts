import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import { BulletinIssuer, BulletinSeverity } from '../generated/graphql';
import { enumCheck } from '../../kit/enum-check';

/**
 * A security bulletin (安全通报, 第二十条) issued by the cybersecurity authority or the bureau to one
 * provider, or to every provider when `provider_id` is null.
 */
@Entity({ name: 'security_bulletin' })
@Unique('security_bulletin_number_key', ['number'])
@Index('security_bulletin_provider_id_idx', ['providerId'])
// securityBulletins(filter:) (security-bulletin-list.ts): indexes the migration creates.
@Index('security_bulletin_severity_idx', { synchronize: false })
@Index('security_bulletin_issued_at_idx', { synchronize: false })
@enumCheck('security_bulletin', 'severity', Object.values(BulletinSeverity))
@enumCheck('security_bulletin', 'issuer_role', Object.values(BulletinIssuer))
export class SecurityBulletinEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'security_bulletin_pkey' })
  id: string;

  /** e.g. 滨政云安通〔2026〕001号: the year, then the year's sequence, so text order is issue order. */
  @Column({ type: 'varchar', length: 40 })
  number: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text' })
  content: string;

  @Column({ type: 'varchar', length: 10 })
  severity: BulletinSeverity;

  /** The addressee; null: every provider. */
  @Column({ type: 'uuid', nullable: true })
  providerId: string | null;

  @Column({ type: 'timestamptz' })
  issuedAt: Date;

  @Column({ type: 'varchar', length: 100 })
  issuedBy: string;

  @Column({ type: 'varchar', length: 20 })
  issuerRole: BulletinIssuer;
}
