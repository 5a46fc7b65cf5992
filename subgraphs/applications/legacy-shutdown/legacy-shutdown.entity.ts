import { Check, Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { InformationSystemEntity } from '../systems/information-system.entity';

/**
 * The record that a migrated system's old system was switched off (第十四条, LEGACY_3M): the day, as
 * the unit states it, with its evidence, and the centre's confirmation. One per system; the day
 * itself is also the system's `legacy_shutdown_on`, which the deadlines and to-do lists read.
 */
@Entity({ name: 'legacy_shutdown' })
// Evidence is a note, a document reference, or both: never neither.
@Check('legacy_shutdown_evidence_check', `"note" IS NOT NULL OR "evidence_reference" IS NOT NULL`)
export class LegacyShutdownEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'legacy_shutdown_pkey' })
  systemId: string;

  @OneToOne(() => InformationSystemEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'system_id', foreignKeyConstraintName: 'legacy_shutdown_system_id_fkey' })
  system?: InformationSystemEntity;

  @Column({ type: 'date' })
  shutdownOn: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  /** The shutdown's document (a 文号, an archive number or a material's id), as the unit names it. */
  @Column({ type: 'text', nullable: true })
  evidenceReference: string | null;

  @Column({ type: 'text' })
  recordedBy: string;

  @Column({ type: 'timestamptz' })
  recordedAt: Date;

  @Column({ type: 'text', nullable: true })
  confirmedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  confirmedAt: Date | null;

  /** 1 when recorded, one more for each correction: the centre confirms the version it read. */
  @Column({ type: 'integer', default: 1 })
  version: number;
}
