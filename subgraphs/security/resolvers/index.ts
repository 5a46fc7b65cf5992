import { InformationSystem } from './InformationSystem';
import { MlpsRecord } from './MlpsRecord';
import { Provider } from './Provider';
import { Query } from './Query';
import { SecurityAgreement } from './SecurityAgreement';

export const resolvers = { Query, SecurityAgreement, MlpsRecord, InformationSystem, Provider };
