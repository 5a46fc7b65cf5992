import { mergeResolvers } from '../../kit/merge-resolvers';
import { InformationSystem } from './InformationSystem';
import { MlpsRecord } from './MlpsRecord';
import { Provider } from './Provider';
import { Query } from './Query';
import { SecurityAgreement } from './SecurityAgreement';

/** The subgraph's resolvers, one map per feature, joined per type (a field defined twice fails at start). */
export const resolvers = mergeResolvers({ Query, SecurityAgreement, MlpsRecord, InformationSystem, Provider });
