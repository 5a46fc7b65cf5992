// EXIT_TRANSITION_3M (第九条) across subgraphs: the providers subgraph starts an exit; the
// applications subgraph, which owns the systems, opens a migration and a data clearance for each
// system the provider hosts, and answers how many are still open when the exit is to complete.
import type { EntityManager } from 'typeorm';
import { enqueueEffect } from '../kit/jobs';

/** Handled by the applications subgraph's worker (subgraphs/applications/effects.ts). */
export const OPEN_EXIT_MIGRATIONS_TASK = 'applications.openExitMigrations';

export interface OpenExitMigrationsPayload {
  /** The ProviderExit's id; with a system's id it makes each migration unique (idempotent). */
  exitId: string;
  providerId: string;
  /** The end of the transition: each migration is due by then. */
  transitionEndsOn: string;
  /**
   * A county's code when the provider exits that county only (its county agreement expired, the
   * city's goes on): only the systems of that county migrate. Absent for a city-wide exit.
   */
  regionCode?: string;
}

/** What the applications subgraph knows of one exit's migrations. */
export interface ExitMigrationProgress {
  /** Whether the applications subgraph has opened the exit's migrations (the effect arrived). */
  opened: boolean;
  /** Migrations opened: one per system the provider hosted when the exit started. */
  total: number;
  /** Migrations whose system has not both moved and had its data cleared. */
  pending: number;
}

/** Enqueues the migrations of an exit in the transaction that starts it; one job per exit. */
export function enqueueExitMigrations(manager: EntityManager, payload: OpenExitMigrationsPayload): Promise<string> {
  return enqueueEffect(manager, OPEN_EXIT_MIGRATIONS_TASK, payload, { jobKey: `${OPEN_EXIT_MIGRATIONS_TASK}:${payload.exitId}` });
}
