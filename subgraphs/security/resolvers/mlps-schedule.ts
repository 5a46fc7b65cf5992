// The MLPS_6M due date of one system as a field resolves it: its facts and MLPS record come through
// the request's loaders, so a page of systems or records costs two batched queries, not two a row.
import { todayInChina } from '../../kit/dates';
import type { MlpsRecordEntity } from '../entities/mlps-record.entity';
import type { SecurityContext } from '../loaders';
import { isAssessmentOverdue, nextAssessmentDueOn } from '../rules/mlps';

export interface AssessmentDue {
  nextAssessmentDueOn: string | null;
  assessmentOverdue: boolean;
}

/** Null when the principal may not see the system's facts. */
export async function assessmentDueOf(
  ctx: SecurityContext,
  systemId: string,
  known?: MlpsRecordEntity | null,
): Promise<AssessmentDue | null> {
  const [fact, record] = await Promise.all([
    ctx.loaders.mlpsSystemFactBySystemId.load(systemId),
    known !== undefined ? known : ctx.loaders.mlpsRecordBySystemId.load(systemId),
  ]);
  if (!fact) return null;
  const dueOn = nextAssessmentDueOn({
    level: record?.level ?? null,
    goLiveOn: fact.goLiveOn,
    retiredOn: fact.retiredOn,
    lastAssessedOn: record?.lastAssessedOn ?? null,
  });
  return { nextAssessmentDueOn: dueOn, assessmentOverdue: isAssessmentOverdue(dueOn, todayInChina()) };
}
