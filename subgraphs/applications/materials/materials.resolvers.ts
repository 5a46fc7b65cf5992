import type { ApplicationEntity } from '../lifecycle/application.entity';
import type { ApplicationsContext } from '../loaders';
import { downloadPathOf } from './material-file.service';
import type { MaterialEntity } from './material.entity';

/** An application's materials (第十一条, MATERIALS); the files themselves go through materials/http.ts. */
export const materialsResolvers = {
  Application: {
    materials: async (application: ApplicationEntity, _: unknown, ctx: ApplicationsContext) =>
      [...(await ctx.loaders.materialsByApplicationId.load(application.id))].sort((a, b) => a.kind.localeCompare(b.kind)),
  },
  ApplicationMaterial: {
    uploadedAt: (material: MaterialEntity) => material.uploadedAt.toISOString(),
    sha256: (material: MaterialEntity) => material.contentHash,
    downloadUrl: (material: MaterialEntity) => (material.fileId ? downloadPathOf(material.fileId) : null),
  },
};
