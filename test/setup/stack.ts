// The whole graph for end-to-end tests, on a fresh database of its own that is dropped on stop.
import { createTestDatabase } from './database';
import { startLocalStack, type LocalStackOptions, type Stack } from './local-stack';

export { postGraphQL, STACK_JWT_AUDIENCE, STACK_JWT_ISSUER, type Stack } from './local-stack';
export type { GraphQLResult } from './graphql-client';

export async function startStack(options: LocalStackOptions = {}): Promise<Stack> {
  const database = await createTestDatabase({ from: options.seed ? 'seeded' : 'migrated' });
  try {
    const stack = await startLocalStack(database, options);
    return {
      ...stack,
      stop: async () => {
        await stack.stop();
        await database.drop();
      },
    };
  } catch (error) {
    await database.drop();
    throw error;
  }
}
