import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import type { MaterialKind } from '../rules/materials';
import { ApplicationEntity } from './application.entity';

/**
 * The bytes of an uploaded material (第十一条, MATERIALS) when `MATERIAL_STORE=postgres`: one file
 * per application and kind; its metadata is the `application_material` row that names it.
 */
@Entity({ name: 'material_file' })
@Unique('material_file_application_kind_key', ['applicationId', 'kind'])
export class MaterialFileEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'material_file_pkey' })
  id: string;

  @Column({ type: 'uuid', name: 'application_id' })
  applicationId: string;

  @ManyToOne(() => ApplicationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id', foreignKeyConstraintName: 'material_file_application_id_fkey' })
  application?: ApplicationEntity;

  @Column({ type: 'text' })
  kind: MaterialKind;

  @Column({ type: 'bytea' })
  content: Buffer;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
