import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { numberColumn } from '../../kit/numeric-column';

/**
 * This subgraph's replica of a basic-catalog entry's price cap (最高限价, 第八条), owned by the
 * providers subgraph and fed by its `applications.catalogCapChanged` events: CATALOG_CAP is
 * checked against it, so a procurement is recorded even while providers is down.
 */
@Entity({ name: 'catalog_cap' })
@Index('catalog_cap_provider_id_idx', ['providerId'])
@Check('catalog_cap_cap_fen_check', `"cap_fen" > 0`)
@Check('catalog_cap_cap_version_check', `"cap_version" > 0`)
export class CatalogCapEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'catalog_cap_pkey' })
  entryId: string;

  @Column({ type: 'uuid' })
  providerId: string;

  @Column({ type: 'bigint', transformer: numberColumn })
  capFen: number;

  /** The providers subgraph's cap_version this cap is at; an older event never overwrites it. */
  @Column({ type: 'bigint', transformer: numberColumn })
  capVersion: number;

  /** Its service item is billed once per delivery, not per month (contracts/billing-cycle.ts). */
  @Column({ type: 'boolean', default: false })
  billedOnce: boolean;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}
