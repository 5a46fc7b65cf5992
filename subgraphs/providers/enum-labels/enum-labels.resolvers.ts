import type { Resolvers } from '../generated/graphql';
import { enumLabels } from './enum-labels';

export const enumLabelsResolvers = {
  Query: {
    enumLabels: (_, { names }) => enumLabels(names),
  },
} satisfies Resolvers;
