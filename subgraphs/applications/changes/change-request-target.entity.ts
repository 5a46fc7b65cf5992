import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ChangeRequestStatus } from '../generated/graphql';

/**
 * A change request seen with its application (view `change_request_target`, migration
 * 1795651200012): what the bureau's decision locks. The decision names the request but carries the
 * application's `version`, and the caller's scope is the application's; locking this view `FOR
 * UPDATE` locks both rows (PostgreSQL applies a view's locking clause to its tables), so the
 * mutation pipeline checks scope and version on one row. Read-only; never synchronised.
 */
@Entity({ name: 'change_request_target', synchronize: false })
export class ChangeRequestTargetEntity {
  /** The change request's id. */
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid' })
  applicationId: string;

  @Column({ type: 'text' })
  status: ChangeRequestStatus;

  /** The application's version: the one the decision was made on. */
  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'text' })
  regionCode: string;

  @Column({ type: 'uuid' })
  unitId: string;

  @Column({ type: 'uuid' })
  providerId: string;
}
