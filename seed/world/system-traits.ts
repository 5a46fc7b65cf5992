// Per-system traits that cannot be drawn at random: MLPS grades, exemptions, peaky load.
import type { MlpsLevel } from './types';

/** Systems graded above the usual: level 4 pins them to the level-4 platform (MLPS_PLATFORM_LEVEL). */
export const MLPS_OVERRIDES: Readonly<Record<string, MlpsLevel>> = {
  城市大数据平台: 4,
  '公安视频图像信息共享平台（政务外网部分）': 4,
  预算管理一体化系统: 4,
  电子证照库: 4,
  政务数据共享交换平台: 3,
  全民健康信息平台: 3,
  医保基金智能监管系统: 3,
  一体化政务服务平台滨州分厅: 3,
  不动产登记信息管理平台: 3,
  社会救助综合服务平台: 3,
  '12345政务服务便民热线平台': 3,
};

/** Systems that stay off the cloud because a regulation puts them elsewhere (ON_CLOUD exemption). */
export const EXEMPTIONS: Readonly<Record<string, string>> = {
  '社会保险核心业务系统（金保工程）':
    '依据《人力资源社会保障部关于推进社会保险信息系统省级集中的通知》，社会保险核心业务系统由山东省人力资源和社会保障厅省级集中部署运行，不在市级政务云部署。',
  '国家医疗保障信息平台（山东省集中部署）':
    '依据国家医疗保障局《医疗保障信息平台建设指南》及山东省医疗保障局省级集中部署要求，平台部署于省级医保专有云，市级仅作接入。',
  统计联网直报平台: '依据《中华人民共和国统计法》第十七条及国家统计局“一套表”联网直报统一部署要求，平台由国家统计局集中建设运行。',
  '现场审计实施系统（金审工程三期）':
    '依据审计署“金审工程”三期统一建设要求及《审计署关于加强审计信息化建设的意见》，系统部署于审计专网，不接入政务云。',
};

/** Systems whose load peaks sharply (enrolment, exams, hotlines): they request elastic resources. */
export const PEAKY_SYSTEMS: ReadonlySet<string> = new Set([
  '中小学招生入学服务平台',
  '人事考试网上报名系统',
  '出入境业务网上预约系统',
  '医保电子凭证服务平台',
  '“一网通办”综合受理平台',
  '12345政务服务便民热线平台',
  '义务教育入学报名系统',
  '城乡居民医保参保缴费系统',
  '智慧文旅服务平台',
  '景区客流监测系统',
]);

/**
 * MLPS_6M's demo system: a level-3 city system that went live on 2026-03-01 and has had no
 * assessment, so it is overdue since 2026-09-01.
 */
export const MLPS_OVERDUE_SHOWCASE = { systemCode: 'S-371600-002-05', goLiveOn: '2026-03-01' } as const;
