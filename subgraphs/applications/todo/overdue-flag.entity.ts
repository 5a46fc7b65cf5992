import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { ApplicationEntity } from '../lifecycle/application.entity';
import { InformationSystemEntity } from '../systems/information-system.entity';

export type OverdueRule = 'DECISION_5WD' | 'TEST_30D' | 'LEGACY_3M';

/** A case found past its deadline by the scheduled job (DECISION_5WD, TEST_30D, LEGACY_3M). */
@Entity({ name: 'overdue_flag' })
@Unique('overdue_flag_subject_rule_due_key', ['applicationId', 'rule', 'dueOn'])
@Index('overdue_flag_system_id_idx', ['systemId'])
@Check('overdue_flag_rule_check', `"rule" IN ('DECISION_5WD', 'TEST_30D', 'LEGACY_3M')`)
export class OverdueFlagEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'overdue_flag_pkey' })
  id: string;

  @Column({ type: 'uuid' })
  applicationId: string;

  @ManyToOne(() => ApplicationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id', foreignKeyConstraintName: 'overdue_flag_application_id_fkey' })
  application?: ApplicationEntity;

  @Column({ type: 'uuid' })
  systemId: string;

  @ManyToOne(() => InformationSystemEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'system_id', foreignKeyConstraintName: 'overdue_flag_system_id_fkey' })
  system?: InformationSystemEntity;

  @Column({ type: 'text' })
  rule: OverdueRule;

  @Column({ type: 'date' })
  dueOn: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  flaggedAt: Date;
}
