import { instantSortText } from '../../kit/child-connection';
import type { DataSource } from 'typeorm';
import { todayInChina } from '../../kit/dates';
import { loaderByKey, loaderOfGroups } from '../../kit/loader-helpers';
import type { Scope } from '../../kit/principal';
import { ApplicationChildrenService } from './application-children.service';
import { ApplicationEventEntity } from './application-event.entity';
import { ApplicationService } from './application.service';
import { ResourceLineService } from './resource-line.service';
import { TerminationStepEntity } from './termination-step.entity';

export function createLifecycleLoaders(dataSource: DataSource, scope: Scope) {
  const applications = new ApplicationService(dataSource, scope);
  const children = new ApplicationChildrenService(dataSource, scope);
  const lines = new ResourceLineService(dataSource, scope);
  return {
    applicationById: loaderByKey((ids) => applications.byIds(ids), 'id'),
    applicationPagesBySystemId: applications.pagesBySystem(),
    /** The lines in force today (GOVCLOUD_TODAY in tests and the demo); resourceLineHistory has every version. */
    resourceLinePagesByApplicationId: lines.inForcePagesByApplication(todayInChina()),
    eventPagesByApplicationId: children.pagesByApplication(ApplicationEventEntity, instantSortText('child.occurred_at'), (event) =>
      event.occurredAt.toISOString(),
    ),
    terminationStepsByApplicationId: loaderOfGroups((ids) => children.byApplicationIds(TerminationStepEntity, ids), 'applicationId'),
  };
}
