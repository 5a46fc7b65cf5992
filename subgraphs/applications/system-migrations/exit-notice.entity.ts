import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A provider exit as the applications subgraph heard of it (EXIT_TRANSITION_3M, 第九条): written
 * once, when the exit's migrations are opened, so "opened, none to do" differs from "not heard yet".
 */
@Entity({ name: 'exit_notice' })
@Index('exit_notice_provider_idx', ['providerId'])
export class ExitNoticeEntity {
  /** The providers subgraph's ProviderExit id. */
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'exit_notice_pkey' })
  exitId: string;

  @Column({ type: 'uuid' })
  providerId: string;

  /**
   * The county the provider exits, its county agreement ended while the city's goes on; null for a
   * city-wide exit. Notices heard before this was kept read as city-wide.
   */
  @Column({ type: 'varchar', length: 6, nullable: true })
  regionCode: string | null;

  @Column({ type: 'date' })
  transitionEndsOn: string;

  /** Systems the provider hosted when the migrations were opened: one migration each. */
  @Column({ type: 'integer' })
  systemCount: number;

  @Column({ type: 'timestamptz' })
  receivedAt: Date;
}
