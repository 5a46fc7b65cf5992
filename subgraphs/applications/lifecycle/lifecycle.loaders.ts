import type { DataSource } from 'typeorm';
import { loaderByKey, loaderOfGroups } from '../../kit/loader-helpers';
import type { Scope } from '../../kit/principal';
import { ApplicationChildrenService } from './application-children.service';
import { ApplicationEventEntity } from './application-event.entity';
import { ApplicationService } from './application.service';
import { ResourceLineEntity } from './resource-line.entity';
import { TerminationStepEntity } from './termination-step.entity';

export function createLifecycleLoaders(dataSource: DataSource, scope: Scope) {
  const applications = new ApplicationService(dataSource, scope);
  const children = new ApplicationChildrenService(dataSource, scope);
  return {
    applicationById: loaderByKey((ids) => applications.byIds(ids), 'id'),
    applicationsBySystemId: loaderOfGroups((systemIds) => applications.bySystemIds(systemIds), 'systemId'),
    resourceLinesByApplicationId: loaderOfGroups((ids) => children.byApplicationIds(ResourceLineEntity, ids), 'applicationId'),
    eventsByApplicationId: loaderOfGroups((ids) => children.byApplicationIds(ApplicationEventEntity, ids), 'applicationId'),
    terminationStepsByApplicationId: loaderOfGroups((ids) => children.byApplicationIds(TerminationStepEntity, ids), 'applicationId'),
  };
}
