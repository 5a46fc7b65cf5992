/**
 * The business rules of docs/domain.md, by id, with the article of the 暂行管理办法 each comes from.
 * A rule's id is the same string in its check, its error and its test, so one search finds all three.
 */
export const RULES = {
  ON_CLOUD: { article: '第三条', title: '新建系统依托统一政务云建设，已有系统迁移上云' },
  PROVIDER_QUALIFIED: { article: '第七条', title: '定点服务商须具备有效资质' },
  CATALOG_CAP: { article: '第八条', title: '基本目录标注最高限价，报价与成交价不得超过限价' },
  CAP_LOWERS: { article: '第八条', title: '成交低价下调最高限价' },
  SUPPLEMENTARY_FILED: { article: '第八条', title: '补充目录备案后方可使用，评估定价后编入基本目录' },
  TERM_MAX_3Y: { article: '第九条', title: '协议服务期不超过3年' },
  EXIT_TRANSITION_3M: { article: '第九条', title: '服务商退出一般设置不少于3个月的过渡期' },
  COUNTY_MATCHES_CITY: { article: '第九条', title: '县级协议在市级定点范围内签订并与市级协议保持一致' },
  MATERIALS: { article: '第十一条', title: '申请须提供四项申请材料' },
  ELASTIC_RESOURCES: { article: '第十一条', title: '业务量变化较大的系统提出动态资源需求' },
  DESIGNATED_PROVIDER: { article: '第十一条', title: '在定点服务商中选择服务商' },
  COUNTY_FILING: { article: '第十一条', title: '县级使用单位申请报县级主管部门备案' },
  DECISION_5WD: { article: '第十二条', title: '5个工作日内作出受理或不予受理决定' },
  TEST_30D: { article: '第十三条', title: '测试期一般不超过30天' },
  LEGACY_3M: { article: '第十四条', title: '迁移系统的原系统最多保留3个月' },
  CHANGE_APPROVAL: { article: '第十五条', title: '变更须经核准' },
  TERMINATION_STEPS: { article: '第十五条', title: '终止须完成下线关停、数据清除、资源回收' },
  SETTLEMENT_JAN5: { article: '第十六条', title: '每年1月5日前结算上一年云服务费' },
  INCIDENT_REPORT: { article: '第十八条', title: '及时汇报网络安全事件' },
  INSPECTION_RECTIFY: { article: '第十九条', title: '安全检查发现问题限期整改' },
  SECURITY_AGREEMENT: { article: '第二十二条', title: '申请资源时同时签订云安全协议' },
  MLPS_6M: { article: '第二十二条', title: '正式运行后6个月内完成等级保护测评' },
  MLPS_PLATFORM_LEVEL: { article: '第二十一条', title: '系统定级不高于所在云平台的等级' },
  AUTHORIZED_ACCESS: { article: '第二十三条', title: '未经授权不得进入用户资源' },
  PROVIDER_EVALUATION: { article: '第二十六条', title: '定点服务商年度评价' },
  UNIT_PERFORMANCE: { article: '第二十六条', title: '使用单位年度绩效评价' },
} as const satisfies Record<string, { article: string; title: string }>;

export type RuleId = keyof typeof RULES;
