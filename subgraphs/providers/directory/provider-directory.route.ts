// The providers half of the gateway's directory (kit/directory.ts): whether a provider named in a
// token exists, and its status. Answers the gateway only, with these three fields.
import type { DataSource } from 'typeorm';
import { createDirectoryRoute, type ProviderDirectoryEntry } from '../../kit/directory';
import type { Route } from '../../kit/http';
import { ProviderEntity } from './provider.entity';

export function createProviderDirectoryRoute(options: { dataSource: DataSource; internalTokenSecret: string }): Route {
  return createDirectoryRoute<ProviderDirectoryEntry>({
    kind: 'providers',
    internalTokenSecret: options.internalTokenSecret,
    find: async (id) => {
      const provider = await options.dataSource.getRepository(ProviderEntity).findOne({
        where: { id },
        select: { id: true, code: true, status: true },
      });
      return provider ? { id: provider.id, code: provider.code, status: provider.status } : null;
    },
  });
}
