import { runSubgraph } from '../kit/subgraph-main';
import { createDataSource } from './data-source';
import { APPLICATIONS_SCHEDULE, createEffectTasks } from './effects';
import { createService } from './server';
import { readSettings } from './settings';

await runSubgraph('applications', createDataSource, createService, {
  effectTasks: createEffectTasks,
  schedule: APPLICATIONS_SCHEDULE,
  readSettings,
});
