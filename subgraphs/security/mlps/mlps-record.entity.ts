import { Check, Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import { nullableNumberColumn } from '../../kit/numeric-column';
import { MlpsConclusion, MlpsHarmDegree, MlpsHarmedObject } from '../generated/graphql';

// Nullable columns: enumCheck's plain IN list would not keep these checks' names and `IS NULL OR`
// wording, so the lists are written out here from the same generated enums.
const inList = (values: readonly string[]) => `(${values.map((value) => `'${value}'`).join(', ')})`;
const OBJECTS = inList(Object.values(MlpsHarmedObject));
const DEGREES = inList(Object.values(MlpsHarmDegree));

/**
 * A system's MLPS grading (等级保护定级), police filing (备案) and latest assessment (测评),
 * 第二十一条、第二十二条. One per system. The system's code is copied for a readable sort order;
 * region, unit and provider are the scope columns (provider is null for a system not on the cloud).
 * The two harm dimensions, the grader, the expert review and who recorded the filing are null on
 * records graded before they were kept. Every write bumps `version`; each grading is also kept in
 * mlps_grading and each assessment in mlps_assessment (the latest one is copied here).
 */
@Entity({ name: 'mlps_record' })
@Unique('mlps_record_system_id_key', ['systemId'])
@Index('mlps_record_unit_id_idx', ['unitId'])
@Index('mlps_record_provider_id_idx', ['providerId'])
@Index('mlps_record_region_code_idx', ['regionCode'])
@Index('mlps_record_level_idx', ['level'])
// mlpsRecords(filter:) (mlps-record-list.ts): indexes the migration creates.
@Index('mlps_record_filed_on_idx', { synchronize: false })
@Index('mlps_record_last_assessed_on_idx', { synchronize: false })
@Check('mlps_record_level_check', `"level" BETWEEN 1 AND 5`)
@Check('mlps_record_score_check', `"assessment_score" IS NULL OR "assessment_score" BETWEEN 0 AND 100`)
@Check(
  'mlps_record_conclusion_check',
  `"assessment_conclusion" IS NULL OR "assessment_conclusion" IN ${inList(Object.values(MlpsConclusion))}`,
)
@Check('mlps_record_business_object_check', `"business_harmed_object" IS NULL OR "business_harmed_object" IN ${OBJECTS}`)
@Check('mlps_record_business_degree_check', `"business_harm_degree" IS NULL OR "business_harm_degree" IN ${DEGREES}`)
@Check('mlps_record_service_object_check', `"service_harmed_object" IS NULL OR "service_harmed_object" IN ${OBJECTS}`)
@Check('mlps_record_service_degree_check', `"service_harm_degree" IS NULL OR "service_harm_degree" IN ${DEGREES}`)
export class MlpsRecordEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'mlps_record_pkey' })
  id: string;

  @Column({ type: 'uuid' })
  systemId: string;

  @Column({ type: 'text' })
  systemCode: string;

  @Column({ type: 'uuid' })
  unitId: string;

  @Column({ type: 'uuid', nullable: true })
  providerId: string | null;

  @Column({ type: 'varchar', length: 6 })
  regionCode: string;

  @Column({ type: 'smallint' })
  level: number;

  @Column({ type: 'text', nullable: true })
  certificateNo: string | null;

  @Column({ type: 'date', nullable: true })
  filedOn: string | null;

  @Column({ type: 'date', nullable: true })
  lastAssessedOn: string | null;

  @Column({ type: 'numeric', precision: 5, scale: 2, nullable: true, transformer: nullableNumberColumn })
  assessmentScore: number | null;

  @Column({ type: 'text', nullable: true })
  assessmentConclusion: MlpsConclusion | null;

  @Column({ type: 'text', nullable: true })
  assessorName: string | null;

  @Column({ type: 'text', nullable: true })
  businessHarmedObject: MlpsHarmedObject | null;

  @Column({ type: 'text', nullable: true })
  businessHarmDegree: MlpsHarmDegree | null;

  @Column({ type: 'text', nullable: true })
  serviceHarmedObject: MlpsHarmedObject | null;

  @Column({ type: 'text', nullable: true })
  serviceHarmDegree: MlpsHarmDegree | null;

  @Column({ type: 'text', nullable: true })
  gradedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  gradedAt: Date | null;

  @Column({ type: 'date', nullable: true })
  expertReviewedOn: string | null;

  @Column({ type: 'text', nullable: true })
  expertReviewOpinion: string | null;

  @Column({ type: 'text', nullable: true })
  filedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  filingRecordedAt: Date | null;

  @Column({ type: 'integer', default: 1 })
  version: number;
}
