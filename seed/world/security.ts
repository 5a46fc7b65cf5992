// Cloud security agreements and MLPS records (第二十一条、第二十二条).
import { stableId } from '../../subgraphs/kit/stable-id';
import type { SystemRecord } from './types';
import { WORLD_TODAY } from './types';
import type { ApplicationRecord, MlpsConclusion, MlpsRecord, SecurityAgreementRecord } from './types-lifecycle';
import { addDays, addWorkdays, daysBetween, pad, rngFor } from './util';
import { MLPS_OVERDUE_SHOWCASE } from './system-traits';

/** One security agreement per system, so its id follows from the system's code. */
export function securityAgreementIdFor(systemCode: string): string {
  return stableId('security-agreement', systemCode);
}

/** Numbers in order of signing, per year: deterministic and plausible. */
function numberBySigning<T extends { signedOn: string; key: string }>(items: T[], format: (year: string, seq: number) => string) {
  const numbers = new Map<string, string>();
  const seqByYear = new Map<string, number>();
  for (const item of [...items].sort((a, b) => a.signedOn.localeCompare(b.signedOn) || a.key.localeCompare(b.key))) {
    const year = item.signedOn.slice(0, 4);
    const seq = (seqByYear.get(year) ?? 0) + 1;
    seqByYear.set(year, seq);
    numbers.set(item.key, format(year, seq));
  }
  return numbers;
}

/**
 * A signed agreement for every system on the cloud (live or retired) and for every application
 * that carries one; signed with the application, or before go-live for systems without one.
 */
export function buildSecurityAgreements(
  systems: readonly SystemRecord[],
  applications: readonly ApplicationRecord[],
  /** A scaled world's copy (seed/world/scale.ts) numbers after the earlier copies: sequence + 1000 × copy. */
  copy = 0,
): SecurityAgreementRecord[] {
  const appBySystem = new Map(applications.map((a) => [a.systemId, a]));
  const drafts: (Omit<SecurityAgreementRecord, 'number'> & { key: string })[] = [];
  for (const s of systems) {
    if (!s.providerId) continue;
    const app = appBySystem.get(s.id);
    let signedOn: string;
    if (app) {
      if (!app.securityAgreementId) continue;
      signedOn = addWorkdays(app.submittedOn!, -2);
    } else if (s.goLiveOn) {
      signedOn = addWorkdays(addDays(s.goLiveOn, -rngFor(`security-agreement:${s.code}`).int(30, 90)), 0);
    } else {
      continue;
    }
    drafts.push({
      key: s.code,
      id: securityAgreementIdFor(s.code),
      systemId: s.id,
      unitId: s.unitId,
      providerId: s.providerId,
      regionCode: s.regionCode,
      signedOn,
      status: s.retiredOn ? 'TERMINATED' : 'SIGNED',
      terminatedOn: s.retiredOn,
    });
  }
  const numbers = numberBySigning(drafts, (year, seq) => `滨政云安〔${year}〕${pad(copy * 1000 + seq, 4)}号`);
  return drafts.map(({ key, ...rest }) => ({ ...rest, number: numbers.get(key)! }));
}

const ASSESSORS = ['山东省网络安全等级保护测评中心', '山东省计算中心（国家超级计算济南中心）', '山东新潮信息技术有限公司'];

function conclusion(score: number): MlpsConclusion {
  return score >= 90 ? 'EXCELLENT' : score >= 80 ? 'GOOD' : score >= 70 ? 'FAIR' : 'POOR';
}

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}

/**
 * One record per live system. The first assessment is due 6 months after go-live; level 3 is
 * reassessed yearly and level 4 half-yearly. A few are left overdue so MLPS_6M has something to flag.
 */
/** `copy`: as buildSecurityAgreements, the filing numbers of a scaled world's copy follow the earlier copies'. */
export function buildMlpsRecords(systems: readonly SystemRecord[], copy = 0): MlpsRecord[] {
  const live = systems.filter((s) => s.goLiveOn && !s.retiredOn);
  const drafts = live.map((s) => {
    const rng = rngFor(`mlps:${s.code}`);
    const goLiveOn = s.goLiveOn!;
    const daysLive = daysBetween(goLiveOn, WORLD_TODAY);
    const filedOn = addWorkdays(addDays(goLiveOn, -rng.int(15, 45)), 0);
    let lastAssessedOn: string | null = null;
    if (daysLive <= 183) {
      const first = addDays(goLiveOn, rng.int(30, 150));
      if (first <= WORLD_TODAY && rng.chance(0.6)) lastAssessedOn = first;
    } else if (!rng.chance(0.08)) {
      const first = addDays(goLiveOn, rng.int(60, 170));
      // Level 4 within the last half year, level 3 mostly within the year (a few lapse), others every 2 years.
      const back =
        s.mlpsLevel === 4
          ? rng.int(10, 170)
          : s.mlpsLevel === 3
            ? rng.chance(0.1)
              ? rng.int(380, 480)
              : rng.int(20, 330)
            : rng.int(30, 700);
      lastAssessedOn = minDate(WORLD_TODAY, maxDate(first, addDays(WORLD_TODAY, -back)));
    }
    // The MLPS_6M demo system stays unassessed (its draws above still run, so no other record changes).
    if (s.code === MLPS_OVERDUE_SHOWCASE.systemCode) lastAssessedOn = null;
    const score = lastAssessedOn ? (rng.chance(0.06) ? rng.int(62, 69) : rng.int(72, 96)) : null;
    return {
      s,
      filedOn,
      record: {
        id: stableId('mlps-record', s.code),
        systemId: s.id,
        grade: s.mlpsLevel,
        lastAssessedOn: lastAssessedOn ? addWorkdays(lastAssessedOn, 0) : null,
        assessmentScore: score,
        assessmentConclusion: score === null ? null : conclusion(score),
        assessorName: lastAssessedOn ? rng.pick(ASSESSORS) : null,
      },
    };
  });
  // Filing numbers (备案证明编号): region + 99001, then year and sequence, level 2 and above only.
  const filed = drafts.filter((d) => d.s.mlpsLevel >= 2);
  const numbers = new Map<string, string>();
  for (const region of new Set(filed.map((d) => d.s.regionCode))) {
    const inRegion = filed.filter((d) => d.s.regionCode === region).map((d) => ({ key: d.s.code, signedOn: d.filedOn }));
    for (const [key, no] of numberBySigning(inRegion, (year, seq) => `${region}99001-${year.slice(2)}${pad(copy * 1000 + seq, 3)}`)) {
      numbers.set(key, no);
    }
  }
  return drafts.map(({ s, filedOn, record }) => ({
    ...record,
    certificateNo: numbers.get(s.code) ?? null,
    filedOn: s.mlpsLevel >= 2 ? filedOn : null,
  }));
}
