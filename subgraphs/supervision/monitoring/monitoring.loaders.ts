import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { loaderByKey } from '../../kit/loader-helpers';
import type { Scope } from '../../kit/principal';
import type { SystemUtilisation } from './monitoring.rules';
import { MonitoringService } from './monitoring.service';

/**
 * Monitoring's loaders: one scoped query per batch. Utilisation depends on the window as well as
 * the system, so there is one loader per `days` value asked for in the request.
 */
export function createMonitoringLoaders(dataSource: DataSource, scope: Scope) {
  const monitoring = new MonitoringService(dataSource, scope);
  const utilisationLoaders = new Map<number, DataLoader<string, SystemUtilisation | null>>();
  return {
    utilisationBySystemId(days: number): DataLoader<string, SystemUtilisation | null> {
      let loader = utilisationLoaders.get(days);
      if (!loader) {
        loader = loaderByKey((systemIds) => monitoring.utilisationBySystemIds(systemIds, days), 'systemId');
        utilisationLoaders.set(days, loader);
      }
      return loader;
    },
  };
}
