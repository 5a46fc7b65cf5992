import { Check, Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

export type BulletinSeverity = 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
export type BulletinIssuer = 'CYBERSEC' | 'BUREAU';

/**
 * A security bulletin (安全通报, 第二十条) issued by the cybersecurity authority or the bureau to one
 * provider, or to every provider when `provider_id` is null.
 */
@Entity({ name: 'security_bulletin' })
@Unique('security_bulletin_number_key', ['number'])
@Index('security_bulletin_provider_id_idx', ['providerId'])
@Check('security_bulletin_severity_check', `"severity" IN ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')`)
@Check('security_bulletin_issuer_role_check', `"issuer_role" IN ('CYBERSEC', 'BUREAU')`)
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
  @Column({ type: 'uuid', name: 'provider_id', nullable: true })
  providerId: string | null;

  @Column({ type: 'timestamptz', name: 'issued_at' })
  issuedAt: Date;

  @Column({ type: 'varchar', length: 100, name: 'issued_by' })
  issuedBy: string;

  @Column({ type: 'varchar', length: 20, name: 'issuer_role' })
  issuerRole: BulletinIssuer;
}
