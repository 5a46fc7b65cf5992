// Kinds of government departments, how they are named at each level, and the systems they run.
export interface UnitKind {
  key: string;
  /** Full name at the city level; absent when the kind exists only in counties. */
  cityName?: string;
  /** Name after the county's name, e.g. `卫生健康局`; a function when branches are named differently. */
  countyName?: string | ((countyName: string) => string);
  /** USCC prefix: `11` government organ, `12` public institution. */
  orgType: '11' | '12';
  citySystems: readonly string[];
  countySystems: readonly string[];
}

/** District police are branches of the city bureau (县、市 have their own 公安局). */
function policeOf(county: string): string {
  return county.endsWith('区') ? `滨州市公安局${county.slice(0, 2)}分局` : `${county}公安局`;
}

/** Since the vertical-management reform every county's ecology office is a branch of the city bureau. */
function ecologyOf(county: string): string {
  return `滨州市生态环境局${county.slice(0, 2)}分局`;
}

export const UNIT_KINDS: readonly UnitKind[] = [
  {
    key: 'bigdata',
    cityName: '滨州市大数据局',
    countyName: '大数据中心',
    orgType: '11',
    citySystems: ['城市大数据平台', '政务数据共享交换平台', '城市运行管理服务平台', '政务外网统一身份认证平台', '公共数据开放平台'],
    countySystems: ['城市运行指挥中心平台', '政务数据共享交换子平台'],
  },
  {
    key: 'public-security',
    cityName: '滨州市公安局',
    countyName: policeOf,
    orgType: '11',
    citySystems: [
      '公安视频图像信息共享平台（政务外网部分）',
      '户政业务网上办理平台',
      '出入境业务网上预约系统',
      '交通违法网上处理系统',
      '社会治安防控大数据平台',
    ],
    countySystems: ['智慧社区警务平台', '出租房屋管理系统'],
  },
  {
    key: 'finance',
    cityName: '滨州市财政局',
    countyName: '财政局',
    orgType: '11',
    citySystems: ['预算管理一体化系统', '非税收入收缴管理系统', '政府采购网上商城', '财政电子票据管理系统', '行政事业单位国有资产管理系统'],
    countySystems: ['财政预算执行动态监控系统', '惠民惠农财政补贴资金“一卡通”管理系统'],
  },
  {
    key: 'health',
    cityName: '滨州市卫生健康委员会',
    countyName: '卫生健康局',
    orgType: '11',
    citySystems: ['全民健康信息平台', '电子健康卡管理平台', '互联网医院监管平台', '基层医疗卫生机构管理信息系统', '预防接种信息管理系统'],
    countySystems: ['区域卫生信息平台', '家庭医生签约服务系统'],
  },
  {
    key: 'education',
    cityName: '滨州市教育局',
    countyName: '教育和体育局',
    orgType: '11',
    citySystems: ['智慧教育云平台', '中小学招生入学服务平台', '学生资助管理系统', '教育质量监测分析系统'],
    countySystems: ['中小学智慧校园平台', '义务教育入学报名系统'],
  },
  {
    key: 'hrss',
    cityName: '滨州市人力资源和社会保障局',
    countyName: '人力资源和社会保障局',
    orgType: '11',
    citySystems: [
      '就业创业服务平台',
      '人事考试网上报名系统',
      '劳动保障监察信息系统',
      '技能人才评价管理系统',
      '社会保险核心业务系统（金保工程）',
    ],
    countySystems: ['劳动关系协调管理系统', '公益性岗位管理系统'],
  },
  {
    key: 'natural-resources',
    cityName: '滨州市自然资源和规划局',
    countyName: '自然资源局',
    orgType: '11',
    citySystems: ['国土空间基础信息平台', '不动产登记信息管理平台', '国土空间规划“一张图”实施监督系统', '耕地保护动态监管系统'],
    countySystems: ['不动产登记受理系统', '土地卫片执法监管系统'],
  },
  {
    key: 'ecology',
    cityName: '滨州市生态环境局',
    countyName: ecologyOf,
    orgType: '11',
    citySystems: ['生态环境监测监控平台', '污染源自动监控系统', '排污许可管理系统', '环境信访投诉处理系统'],
    countySystems: ['扬尘在线监测系统', '重点排污单位监管系统'],
  },
  {
    key: 'housing',
    cityName: '滨州市住房和城乡建设局',
    countyName: '住房和城乡建设局',
    orgType: '11',
    citySystems: ['建筑市场监管与诚信平台', '商品房网签备案系统', '智慧工地监管平台', '城镇燃气安全监管平台'],
    countySystems: ['存量房网签备案系统', '农村危房改造管理系统'],
  },
  {
    key: 'transport',
    cityName: '滨州市交通运输局',
    countyName: '交通运输局',
    orgType: '11',
    citySystems: ['交通运输综合执法系统', '公交智能调度系统', '道路运输管理系统', '网约车监管平台'],
    countySystems: ['农村公路管理养护系统', '城乡公交运营监管系统'],
  },
  {
    key: 'agriculture',
    cityName: '滨州市农业农村局',
    countyName: '农业农村局',
    orgType: '11',
    citySystems: ['农产品质量安全追溯平台', '农村集体“三资”管理平台', '高标准农田建设监管系统', '动物防疫信息管理系统'],
    countySystems: ['农村集体“三资”监管系统', '农业补贴发放管理系统'],
  },
  {
    key: 'market',
    cityName: '滨州市市场监督管理局',
    countyName: '市场监督管理局',
    orgType: '11',
    citySystems: ['企业信用风险分类监管系统', '食品安全智慧监管平台', '特种设备安全监管系统', '12315投诉举报处置系统', '智慧计量监管系统'],
    countySystems: ['“互联网+明厨亮灶”监管平台', '市场主体登记注册系统'],
  },
  {
    key: 'medical-insurance',
    cityName: '滨州市医疗保障局',
    countyName: '医疗保障局',
    orgType: '11',
    citySystems: [
      '医保基金智能监管系统',
      '医保电子凭证服务平台',
      '长期护理保险信息系统',
      '医药集中采购监管系统',
      '国家医疗保障信息平台（山东省集中部署）',
    ],
    countySystems: ['医保经办服务系统', '城乡居民医保参保缴费系统'],
  },
  {
    key: 'approval',
    cityName: '滨州市行政审批服务局',
    countyName: '行政审批服务局',
    orgType: '11',
    citySystems: ['一体化政务服务平台滨州分厅', '“一网通办”综合受理平台', '电子证照库', '工程建设项目审批管理系统', '政务服务“好差评”系统'],
    countySystems: ['政务服务综合窗口受理系统', '“一链办理”主题服务系统'],
  },
  {
    key: 'emergency',
    cityName: '滨州市应急管理局',
    countyName: '应急管理局',
    orgType: '11',
    citySystems: ['应急指挥综合信息平台', '危险化学品安全生产风险监测预警系统', '自然灾害综合监测预警系统', '安全生产执法信息系统'],
    countySystems: ['安全生产风险分级管控系统', '应急物资储备管理系统'],
  },
  {
    key: 'statistics',
    cityName: '滨州市统计局',
    orgType: '11',
    citySystems: ['统计数据管理与发布系统', '统计执法监督系统', '统计联网直报平台'],
    countySystems: [],
  },
  {
    key: 'audit',
    cityName: '滨州市审计局',
    orgType: '11',
    citySystems: ['大数据审计分析平台', '审计业务管理系统', '现场审计实施系统（金审工程三期）'],
    countySystems: [],
  },
  {
    key: 'civil-affairs',
    cityName: '滨州市民政局',
    countyName: '民政局',
    orgType: '11',
    citySystems: ['社会救助综合服务平台', '智慧养老服务平台', '婚姻登记信息系统', '社会组织管理系统'],
    countySystems: ['低保对象动态管理系统', '居家养老服务平台'],
  },
  {
    key: 'justice',
    cityName: '滨州市司法局',
    countyName: '司法局',
    orgType: '11',
    citySystems: ['公共法律服务平台', '社区矫正信息管理系统', '行政执法监督平台', '人民调解信息系统'],
    countySystems: ['社区矫正监管系统', '法律援助管理系统'],
  },
  {
    key: 'water',
    cityName: '滨州市水利局',
    countyName: '水利局',
    orgType: '11',
    citySystems: ['水资源监控管理系统', '防汛抗旱指挥系统', '河湖长制信息管理平台', '水利工程运行管理系统'],
    countySystems: ['农村供水水质监测系统', '河长制巡河管理系统'],
  },
  {
    key: 'commerce',
    cityName: '滨州市商务局',
    orgType: '11',
    citySystems: ['商务运行监测平台', '外贸综合服务平台', '单用途预付卡监管系统'],
    countySystems: [],
  },
  {
    key: 'culture-tourism',
    cityName: '滨州市文化和旅游局',
    orgType: '11',
    citySystems: ['智慧文旅服务平台', '文化和旅游市场综合监管系统', '公共图书馆数字资源平台', '景区客流监测系统'],
    countySystems: [],
  },
  {
    key: 'veterans',
    cityName: '滨州市退役军人事务局',
    orgType: '11',
    citySystems: ['退役军人服务保障信息系统', '优抚对象管理系统', '拥军优属服务平台'],
    countySystems: [],
  },
  {
    key: 'petition',
    cityName: '滨州市信访局',
    orgType: '11',
    citySystems: ['网上信访信息系统', '信访事项办理督办系统', '12345政务服务便民热线平台'],
    countySystems: [],
  },
  {
    key: 'enforcement',
    countyName: '综合行政执法局',
    orgType: '11',
    citySystems: [],
    countySystems: ['数字化城市管理平台', '综合执法办案系统'],
  },
];

/** Every county has these departments. */
export const COUNTY_CORE_KINDS = ['education', 'health', 'approval', 'hrss', 'finance'] as const;

/** Counties pick three more from here, rotating, so every kind appears somewhere. */
export const COUNTY_ROTATING_KINDS = [
  'medical-insurance',
  'market',
  'emergency',
  'civil-affairs',
  'natural-resources',
  'housing',
  'agriculture',
  'public-security',
  'enforcement',
  'water',
  'bigdata',
  'transport',
  'ecology',
  'justice',
] as const;
