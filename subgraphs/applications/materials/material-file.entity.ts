import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import type { MaterialStoreName } from './store-config';
import { ApplicationEntity } from '../lifecycle/application.entity';
import type { MaterialKind } from '../generated/graphql';

/**
 * One stored file of an uploaded material (第十一条, MATERIALS): one per application and kind; its
 * metadata is the `application_material` row that names it. `store` says where the bytes are: in
 * `content` (`postgres`) or under `object_key` in the S3-compatible bucket (`s3`).
 */
@Entity({ name: 'material_file' })
@Unique('material_file_application_kind_key', ['applicationId', 'kind'])
@Check(
  'material_file_store_check',
  `("store" = 'postgres' AND "content" IS NOT NULL AND "object_key" IS NULL) OR ("store" = 's3' AND "content" IS NULL AND "object_key" IS NOT NULL)`,
)
export class MaterialFileEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'material_file_pkey' })
  id: string;

  @Column({ type: 'uuid' })
  applicationId: string;

  @ManyToOne(() => ApplicationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id', foreignKeyConstraintName: 'material_file_application_id_fkey' })
  application?: ApplicationEntity;

  @Column({ type: 'text' })
  kind: MaterialKind;

  /** Which store holds the bytes, as written; reads follow it whatever MATERIAL_STORE says now. */
  @Column({ type: 'text', default: 'postgres' })
  store: MaterialStoreName;

  /** The bytes, when `store` is `postgres`. */
  @Column({ type: 'bytea', nullable: true })
  content: Buffer | null;

  /** The object's key in the bucket, when `store` is `s3`: `<application id>/<file id>`. */
  @Column({ type: 'text', nullable: true })
  objectKey: string | null;

  @Column({ type: 'timestamptz' })
  createdAt: Date;
}
