import { runSubgraph } from '../kit/subgraph-main';
import { createDataSource } from './data-source';
import { createEffectTasks, SUPERVISION_SCHEDULE } from './effects';
import { createService } from './server';
import { readSettings } from './settings';

await runSubgraph('supervision', createDataSource, createService, {
  effectTasks: createEffectTasks,
  schedule: SUPERVISION_SCHEDULE,
  readSettings,
});
