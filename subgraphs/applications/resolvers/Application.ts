import { regionField } from '../../kit/shared-resolvers';
import type { ApplicationEntity } from '../entities/application.entity';
import type { ApplicationsContext } from '../loaders';

export const Application = {
  __resolveReference: (reference: { id: string }, ctx: ApplicationsContext) => ctx.loaders.applicationById.load(reference.id),
  unit: (application: ApplicationEntity, _: unknown, ctx: ApplicationsContext) => ctx.loaders.unitById.load(application.unitId),
  system: (application: ApplicationEntity, _: unknown, ctx: ApplicationsContext) => ctx.loaders.systemById.load(application.systemId),
  provider: (application: ApplicationEntity) => ({ id: application.providerId }),
  region: (application: ApplicationEntity) => regionField(application.regionCode),
  createdAt: (application: ApplicationEntity) => application.createdAt.toISOString(),
};
