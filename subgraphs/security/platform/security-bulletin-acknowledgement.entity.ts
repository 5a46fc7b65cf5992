import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { SecurityBulletinEntity } from './security-bulletin.entity';

/** A provider's acknowledgement (签收) of a bulletin addressed to it or to all providers; one per provider and bulletin. */
@Entity({ name: 'security_bulletin_acknowledgement' })
@Unique('security_bulletin_acknowledgement_bulletin_provider_key', ['bulletinId', 'providerId'])
@Index('security_bulletin_acknowledgement_provider_id_idx', ['providerId'])
export class SecurityBulletinAcknowledgementEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'security_bulletin_acknowledgement_pkey' })
  id: string;

  @Column({ type: 'uuid' })
  bulletinId: string;

  @ManyToOne(() => SecurityBulletinEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'bulletin_id', foreignKeyConstraintName: 'security_bulletin_acknowledgement_bulletin_id_fkey' })
  bulletin?: SecurityBulletinEntity;

  @Column({ type: 'uuid' })
  providerId: string;

  @Column({ type: 'timestamptz' })
  acknowledgedAt: Date;

  @Column({ type: 'varchar', length: 100 })
  acknowledgedBy: string;
}
