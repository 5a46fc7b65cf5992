import type { DataSource } from 'typeorm';
import { createSubgraphDataSource } from '../kit/data-source';
import { MlpsRecordEntity } from './mlps/mlps-record.entity';
import { MlpsAssessmentEntity } from './mlps/mlps-assessment.entity';
import { MlpsAssessmentDueEntity } from './mlps/mlps-assessment-due.entity';
import { MlpsGradingEntity } from './mlps/mlps-grading.entity';
import { ProviderSecurityProfileEntity } from './platform/provider-security-profile.entity';
import { SecurityAgreementEntity } from './agreements/security-agreement.entity';
import { SystemFactEntity } from '../contracts/system-fact.entity';
import { DisasterRecoveryDrillEntity } from './platform/disaster-recovery-drill.entity';
import { PlatformSecurityChangeEntity } from './platform/platform-security-change.entity';
import { SecurityBulletinAcknowledgementEntity } from './platform/security-bulletin-acknowledgement.entity';
import { SecurityBulletinEntity } from './platform/security-bulletin.entity';
import { IncidentSystemEntity } from './incidents/incident-system.entity';
import { IncidentUpdateEntity } from './incidents/incident-update.entity';
import { InspectionFindingEntity } from './inspections/inspection-finding.entity';
import { SecurityIncidentEntity } from './incidents/security-incident.entity';
import { AccessGrantEntity } from './access/access-grant.entity';
import { AccessRecordEntity } from './access/access-record.entity';
import { SecurityInspectionEntity } from './inspections/security-inspection.entity';
import { CreateSecuritySchema1795651200002 } from './migrations/1795651200002-CreateSecuritySchema';
import { SystemFacts1795651200003 } from './migrations/1795651200003-SystemFacts';
import { SecurityAgreementSigning1795651200004 } from './migrations/1795651200004-SecurityAgreementSigning';
import { MlpsGradingAndAssessments1795651200005 } from './migrations/1795651200005-MlpsGradingAndAssessments';
import { InspectionsAndIncidents1795651200006 } from './migrations/1795651200006-InspectionsAndIncidents';
import { AccessGrantsAndRecords1795651200007 } from './migrations/1795651200007-AccessGrantsAndRecords';
import { ProviderPlatformSecurity1795651200008 } from './migrations/1795651200008-ProviderPlatformSecurity';
import { CityWideSecurityActors1796256000000 } from './migrations/1796256000000-CityWideSecurityActors';
import { SecurityListFilters1796301000100 } from './migrations/1796301000100-SecurityListFilters';
import { BulletinListFilters1796301000101 } from './migrations/1796301000101-BulletinListFilters';
import { ChildPageIndexes1796301600002 } from './migrations/1796301600002-ChildPageIndexes';
import { MlpsAssessmentDue1796301700000 } from './migrations/1796301700000-MlpsAssessmentDue';
import { AgreementListFilters1796301800101 } from './migrations/1796301800101-AgreementListFilters';
import { AccessGrantListFilters1796301800102 } from './migrations/1796301800102-AccessGrantListFilters';

/** The security subgraph's data source (schema `security`), not yet initialised. */
export function createDataSource(url: string): DataSource {
  return createSubgraphDataSource({
    url,
    schema: 'security',
    entities: [
      SecurityAgreementEntity,
      MlpsRecordEntity,
      MlpsGradingEntity,
      MlpsAssessmentEntity,
      MlpsAssessmentDueEntity,
      ProviderSecurityProfileEntity,
      SystemFactEntity,
      SecurityInspectionEntity,
      InspectionFindingEntity,
      SecurityIncidentEntity,
      IncidentSystemEntity,
      IncidentUpdateEntity,
      PlatformSecurityChangeEntity,
      DisasterRecoveryDrillEntity,
      SecurityBulletinEntity,
      SecurityBulletinAcknowledgementEntity,
      AccessGrantEntity,
      AccessRecordEntity,
    ],
    migrations: [
      CreateSecuritySchema1795651200002,
      SystemFacts1795651200003,
      SecurityAgreementSigning1795651200004,
      MlpsGradingAndAssessments1795651200005,
      InspectionsAndIncidents1795651200006,
      AccessGrantsAndRecords1795651200007,
      ProviderPlatformSecurity1795651200008,
      CityWideSecurityActors1796256000000,
      SecurityListFilters1796301000100,
      BulletinListFilters1796301000101,
      ChildPageIndexes1796301600002,
      MlpsAssessmentDue1796301700000,
      AgreementListFilters1796301800101,
      AccessGrantListFilters1796301800102,
    ],
  });
}
