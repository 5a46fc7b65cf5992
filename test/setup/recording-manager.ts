// For unit tests of enqueueEffect: an EntityManager "inside a transaction" that runs no SQL and
// keeps the parameters of each statement it was given.
import type { EntityManager } from 'typeorm';

export function recordingManager(): { manager: EntityManager; sent: unknown[][] } {
  const sent: unknown[][] = [];
  const manager = {
    queryRunner: { isTransactionActive: true },
    query: async (_sql: string, parameters: unknown[]) => {
      sent.push(parameters);
      return [{ id: '1' }];
    },
  } as unknown as EntityManager;
  return { manager, sent };
}
