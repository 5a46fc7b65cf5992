// Resource line versions (第十五条、第十六条): each line's provider and dates, the change that
// introduced it, and an application's whole history of lines, paged in SQL.
import type { ApplicationResolvers, Resolvers, ResourceLineResolvers } from '../generated/graphql';
import { ResourceLineService } from './resource-line.service';

const Application = {
  resourceLineHistory: (application, args, ctx) => new ResourceLineService(ctx.dataSource, ctx.scope).history(application.id, args),
} satisfies ApplicationResolvers;

const ResourceLine = {
  provider: (line) => ({ id: line.providerId }),
  changeRequest: (line, _, ctx) => (line.changeRequestId === null ? null : ctx.loaders.changeRequestById.load(line.changeRequestId)),
} satisfies ResourceLineResolvers;

export const resourceLinesResolvers = { Application, ResourceLine } satisfies Resolvers;
