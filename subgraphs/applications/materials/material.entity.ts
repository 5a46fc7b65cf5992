import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { enumCheck } from '../../kit/enum-check';
import { MaterialKind } from '../generated/graphql';
import { numberColumn } from '../../kit/numeric-column';
import { ApplicationEntity } from '../lifecycle/application.entity';
import { MaterialFileEntity } from './material-file.entity';

/** One of the four application materials (申请材料, 第十一条, MATERIALS): an uploaded file's metadata and hash. */
@Entity({ name: 'application_material' })
@Unique('application_material_kind_key', ['applicationId', 'kind'])
@enumCheck('application_material', 'kind', Object.values(MaterialKind))
@Check('application_material_size_check', `"size_bytes" >= 0`)
@Unique('application_material_file_id_key', ['fileId'])
export class MaterialEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'application_material_pkey' })
  id: string;

  @Column({ type: 'uuid' })
  applicationId: string;

  @ManyToOne(() => ApplicationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id', foreignKeyConstraintName: 'application_material_application_id_fkey' })
  application?: ApplicationEntity;

  @Column({ type: 'text' })
  kind: MaterialKind;

  @Column({ type: 'text' })
  fileName: string;

  /** SHA-256 of the file, lowercase hex. */
  @Column({ type: 'char', length: 64 })
  contentHash: string;

  @Column({ type: 'bigint', transformer: numberColumn })
  sizeBytes: number;

  @Column({ type: 'text' })
  uploadedBy: string;

  @Column({ type: 'timestamptz' })
  uploadedAt: Date;

  /** The media type of the stored file, checked against its content on upload (materials/file-type.ts). */
  @Column({ type: 'text' })
  contentType: string;

  /**
   * The stored file (materials/store.ts), named by download URLs. Every material is an uploaded file.
   * The key is checked at commit, so a replacing upload may drop the old file before naming the new one.
   */
  @Column({ type: 'uuid' })
  fileId: string;

  @ManyToOne(() => MaterialFileEntity, { onDelete: 'NO ACTION', deferrable: 'INITIALLY DEFERRED' })
  @JoinColumn({ name: 'file_id', foreignKeyConstraintName: 'application_material_file_id_fkey' })
  file?: MaterialFileEntity;
}
