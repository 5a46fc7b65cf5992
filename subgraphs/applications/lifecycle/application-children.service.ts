// An application's children (resource lines, materials, audit trail, change requests, termination
// steps, overdue flags), read a batch of applications at a time. Each query joins the application and applies the
// principal's scope, so a child is never read past the scope its application is in.
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { fetchByIds } from '../../kit/loader-helpers';
import type { Scope } from '../../kit/principal';
import { ApplicationEventEntity } from './application-event.entity';
import { ApplicationEntity } from './application.entity';
import { ChangeRequestEntity } from '../changes/change-request.entity';
import { MaterialEntity } from '../materials/material.entity';
import { OverdueFlagEntity } from '../todo/overdue-flag.entity';
import { ResourceLineEntity } from './resource-line.entity';
import { TerminationStepEntity } from './termination-step.entity';
import { scopeApplications } from '../systems/system.scope';

export class ApplicationChildrenService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: Scope,
  ) {}

  private byApplicationIds<T extends ObjectLiteral>(target: EntityTarget<T>, applicationIds: readonly string[]): Promise<T[]> {
    const query = this.dataSource
      .getRepository(target)
      .createQueryBuilder('child')
      .innerJoin(ApplicationEntity, 'app', 'app.id = child.application_id');
    return fetchByIds(scopeApplications(query, this.scope, 'app'), 'child.application_id', applicationIds);
  }

  resourceLines(applicationIds: readonly string[]): Promise<ResourceLineEntity[]> {
    return this.byApplicationIds(ResourceLineEntity, applicationIds);
  }

  materials(applicationIds: readonly string[]): Promise<MaterialEntity[]> {
    return this.byApplicationIds(MaterialEntity, applicationIds);
  }

  events(applicationIds: readonly string[]): Promise<ApplicationEventEntity[]> {
    return this.byApplicationIds(ApplicationEventEntity, applicationIds);
  }

  changeRequests(applicationIds: readonly string[]): Promise<ChangeRequestEntity[]> {
    return this.byApplicationIds(ChangeRequestEntity, applicationIds);
  }

  terminationSteps(applicationIds: readonly string[]): Promise<TerminationStepEntity[]> {
    return this.byApplicationIds(TerminationStepEntity, applicationIds);
  }

  overdueFlags(applicationIds: readonly string[]): Promise<OverdueFlagEntity[]> {
    return this.byApplicationIds(OverdueFlagEntity, applicationIds);
  }
}
