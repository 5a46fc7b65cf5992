import { mergeResolvers } from '../../kit/merge-resolvers';
import { accessResolvers } from './access';
import { agreementResolvers } from './agreement';
import { incidentResolvers } from './incidents';
import { inspectionResolvers } from './inspections';
import { InformationSystem } from './InformationSystem';
import { MlpsRecord } from './MlpsRecord';
import { mlpsResolvers } from './mlps';
import { platformResolvers } from './platform';
import { Provider } from './Provider';
import { Query } from './Query';
import { SecurityAgreement } from './SecurityAgreement';
import { unitSecuritySummaryResolvers } from './unit-security-summary';

/** The subgraph's resolvers, one map per feature, joined per type (a field defined twice fails at start). */
export const resolvers = mergeResolvers(
  { Query, SecurityAgreement, MlpsRecord, InformationSystem, Provider },
  agreementResolvers,
  accessResolvers,
  inspectionResolvers,
  incidentResolvers,
  platformResolvers,
  mlpsResolvers,
  unitSecuritySummaryResolvers,
);
