import type { DataSource } from 'typeorm';
import { loaderOfGroups } from '../../kit/loader-helpers';
import type { Scope } from '../../kit/principal';
import { ApplicationChildrenService } from '../lifecycle/application-children.service';
import { MaterialEntity } from './material.entity';

export function createMaterialsLoaders(dataSource: DataSource, scope: Scope) {
  const children = new ApplicationChildrenService(dataSource, scope);
  return {
    materialsByApplicationId: loaderOfGroups((ids) => children.byApplicationIds(MaterialEntity, ids), 'applicationId'),
  };
}
