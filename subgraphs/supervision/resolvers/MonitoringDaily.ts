import { regionField } from '../../kit/shared-resolvers';
import type { MonitoringDailyEntity } from '../entities/monitoring-daily.entity';

export const MonitoringDaily = {
  system: (daily: MonitoringDailyEntity) => ({ id: daily.systemId }),
  date: (daily: MonitoringDailyEntity) => daily.day,
  region: (daily: MonitoringDailyEntity) => regionField(daily.regionCode),
};
