// The cross-subgraph effects the supervision subgraph handles, run by its worker (kit/jobs.ts).
import type { DataSource } from 'typeorm';
import type { EffectTasks, WorkerSchedule } from '../kit/jobs';
import { todayInChina } from '../kit/dates';
import { systemChangedTask } from '../contracts/system-facts-replica';
import { parseUtilisationOrderAnswer, UTILISATION_ORDER_ANSWERED_TASK } from '../contracts/utilisation-orders';
import { recordUtilisationOrderAnswer } from './utilisation/utilisation-order.service';
import { dropExpiredSamplePartitions, ensureMonthsAhead } from './monitoring/sample-partitions';

export const SYSTEM_CHANGED_TASK = 'supervision.systemChanged';
export const ENSURE_SAMPLE_PARTITIONS_TASK = 'supervision.ensureSamplePartitions';
export const DROP_EXPIRED_SAMPLES_TASK = 'supervision.dropExpiredSamples';

/**
 * The raw samples' monthly partitions (第二十四条): this month's and the next two are made every day
 * at 00:20 Beijing time and when the worker starts; expired months are dropped every day at 00:40
 * (never at start, so a restart does not drop anything on its own).
 */
export const SUPERVISION_SCHEDULE: WorkerSchedule = {
  crontab: [
    { task: ENSURE_SAMPLE_PARTITIONS_TASK, match: '20 16 * * *', maxAttempts: 3 },
    { task: DROP_EXPIRED_SAMPLES_TASK, match: '40 16 * * *', maxAttempts: 3 },
  ],
  runAtStart: [ENSURE_SAMPLE_PARTITIONS_TASK],
};

export function createEffectTasks({ dataSource }: { dataSource: DataSource }): EffectTasks {
  return {
    /** An information system changed in the applications subgraph: the replica takes the newer revision. */
    [SYSTEM_CHANGED_TASK]: systemChangedTask(dataSource),
    [ENSURE_SAMPLE_PARTITIONS_TASK]: async () => {
      await ensureMonthsAhead(dataSource, todayInChina());
    },
    [DROP_EXPIRED_SAMPLES_TASK]: async () => {
      await dropExpiredSamplePartitions(dataSource, todayInChina());
    },
    /** The applications subgraph answered a utilisation order: its status settles once (idempotent). */
    [UTILISATION_ORDER_ANSWERED_TASK]: async (payload) => {
      await recordUtilisationOrderAnswer(dataSource.manager, parseUtilisationOrderAnswer(payload));
    },
  };
}
