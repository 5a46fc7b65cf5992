// How an exit learns, when it is to complete, how far its systems' migrations are (EXIT_TRANSITION_3M,
// 第九条): one GraphQL request to the applications subgraph, which owns them, signed with the
// caller's principal. Unreachable applications is SERVICE_UNAVAILABLE (kit/subgraph-client.ts): the
// exit never completes on a guess.
import type { ExitMigrationProgress } from '../../contracts/exit-migrations';
import type { Principal } from '../../kit/principal';
import type { SubgraphClient } from '../../kit/subgraph-client';
import type { MigrationProgressOf } from './provider-exit.service';

export type MigrationProgressPortFor = (principal: Principal) => MigrationProgressOf;

export const EXIT_MIGRATION_PROGRESS_QUERY = `query ExitMigrationProgress($exitId: ID!) {
  exitMigrationProgress(exitId: $exitId) { opened total pending }
}`;

export function httpMigrationProgressPort(applications: SubgraphClient): MigrationProgressPortFor {
  return (principal) => async (exit) => {
    const answer = await applications.request<{ exitMigrationProgress: ExitMigrationProgress }>(principal, EXIT_MIGRATION_PROGRESS_QUERY, {
      exitId: exit.id,
    });
    return answer.exitMigrationProgress;
  };
}
