import { InformationSystem } from './InformationSystem';
import { MonitoringDaily } from './MonitoringDaily';
import { Provider } from './Provider';
import { ProviderEvaluation } from './ProviderEvaluation';
import { Query } from './Query';

export const resolvers = { Query, MonitoringDaily, ProviderEvaluation, InformationSystem, Provider };
