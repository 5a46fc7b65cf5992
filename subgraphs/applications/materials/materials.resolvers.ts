import type { Resolvers } from '../generated/graphql';
import { downloadPathOf } from './material-file.service';

/** An application's materials (第十一条, MATERIALS); the files themselves go through materials/http.ts. */
export const materialsResolvers = {
  Application: {
    materials: async (application, _, ctx) =>
      [...(await ctx.loaders.materialsByApplicationId.load(application.id))].sort((a, b) => a.kind.localeCompare(b.kind)),
  },
  ApplicationMaterial: {
    sha256: (material) => material.contentHash,
    // Every material is a stored file since MaterialsAreFiles (file_id NOT NULL).
    downloadUrl: (material) => downloadPathOf(material.fileId),
  },
} satisfies Resolvers;
