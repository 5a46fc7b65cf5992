import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { enumCheck } from '../../kit/enum-check';
import { TerminationStep } from '../generated/graphql';
import { ApplicationEntity } from './application.entity';

/** One confirmed termination step (第十五条, TERMINATION_STEPS): who confirmed it, in which role, when. */
@Entity({ name: 'termination_step' })
@Unique('termination_step_application_step_key', ['applicationId', 'step'])
@enumCheck('termination_step', 'step', Object.values(TerminationStep))
export class TerminationStepEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'termination_step_pkey' })
  id: string;

  @Column({ type: 'uuid' })
  applicationId: string;

  @ManyToOne(() => ApplicationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id', foreignKeyConstraintName: 'termination_step_application_id_fkey' })
  application?: ApplicationEntity;

  @Column({ type: 'text' })
  step: TerminationStep;

  @Column({ type: 'text' })
  confirmedBy: string;

  @Column({ type: 'text' })
  confirmedByRole: string;

  @Column({ type: 'date' })
  confirmedOn: string;

  @Column({ type: 'timestamptz' })
  confirmedAt: Date;
}
