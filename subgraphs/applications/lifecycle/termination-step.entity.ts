import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import type { TerminationStep } from './termination.rules';
import { ApplicationEntity } from './application.entity';

/** One confirmed termination step (第十五条, TERMINATION_STEPS): who confirmed it, in which role, when. */
@Entity({ name: 'termination_step' })
@Unique('termination_step_application_step_key', ['applicationId', 'step'])
@Check('termination_step_step_check', `"step" IN ('SHUTDOWN', 'DATA_CLEARANCE', 'RESOURCE_RECOVERY')`)
export class TerminationStepEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'termination_step_pkey' })
  id: string;

  @Column({ type: 'uuid', name: 'application_id' })
  applicationId: string;

  @ManyToOne(() => ApplicationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id', foreignKeyConstraintName: 'termination_step_application_id_fkey' })
  application?: ApplicationEntity;

  @Column({ type: 'text' })
  step: TerminationStep;

  @Column({ type: 'text', name: 'confirmed_by' })
  confirmedBy: string;

  @Column({ type: 'text', name: 'confirmed_by_role' })
  confirmedByRole: string;

  @Column({ type: 'date', name: 'confirmed_on' })
  confirmedOn: string;

  @Column({ type: 'timestamptz', name: 'confirmed_at' })
  confirmedAt: Date;
}
