// The cross-subgraph effects the supervision subgraph handles, run by its worker (kit/jobs.ts).
import type { DataSource } from 'typeorm';
import type { EffectTasks } from '../kit/jobs';
import { systemChangedTask } from '../contracts/system-facts-replica';
import { parseUtilisationOrderAnswer, UTILISATION_ORDER_ANSWERED_TASK } from '../contracts/utilisation-orders';
import { recordUtilisationOrderAnswer } from './utilisation/utilisation-order.service';

export const SYSTEM_CHANGED_TASK = 'supervision.systemChanged';

export function createEffectTasks({ dataSource }: { dataSource: DataSource }): EffectTasks {
  return {
    /** An information system changed in the applications subgraph: the replica takes the newer revision. */
    [SYSTEM_CHANGED_TASK]: systemChangedTask(dataSource),
    /** The applications subgraph answered a utilisation order: its status settles once (idempotent). */
    [UTILISATION_ORDER_ANSWERED_TASK]: async (payload) => {
      await recordUtilisationOrderAnswer(dataSource.manager, parseUtilisationOrderAnswer(payload));
    },
  };
}
