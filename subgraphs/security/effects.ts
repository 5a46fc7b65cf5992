// The cross-subgraph effects the security subgraph handles, run by its worker (kit/jobs.ts).
import type { DataSource } from 'typeorm';
import type { EffectTasks } from '../kit/jobs';
import { systemChangedTask } from '../contracts/system-facts-replica';

export const SYSTEM_CHANGED_TASK = 'security.systemChanged';

export function createEffectTasks({ dataSource }: { dataSource: DataSource }): EffectTasks {
  return {
    /** An information system changed in the applications subgraph: the replica takes the newer revision. */
    [SYSTEM_CHANGED_TASK]: systemChangedTask(dataSource),
  };
}
