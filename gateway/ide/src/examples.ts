// Example operations shown as the default tabs on first visit. A unit test
// validates each against the committed supergraph, so they never drift from it.
// Operation names stay ASCII: GraphQL names are [_A-Za-z][_0-9A-Za-z]*, so a
// Chinese name is a syntax error. The Chinese title is the first comment line.
import type { ComponentProps } from 'react';
import type { GraphiQL } from 'graphiql';

// Derived from GraphiQL's props so we do not import the transitive @graphiql/react.
type TabDefinition = NonNullable<ComponentProps<typeof GraphiQL>['defaultTabs']>[number];

const providers = `# 服务商总览：列出云服务商及其框架协议、基础服务目录、
# 安全等级保护情况和最近一次年度考核结果。
query ProvidersOverview {
  providers(first: 10) {
    totalCount
    edges {
      node {
        id
        code
        name
        status
        # 与各区县签订的服务协议
        agreements(first: 5) {
          edges { node { number region { code name } startsOn endsOn status } }
        }
        # 基础服务目录：限价与挂牌价（元）
        basicCatalog(first: 5) {
          edges {
            node {
              serviceItem { code name }
              priceCapYuan
              listedPriceYuan
            }
          }
        }
        # 平台等保级别
        securityProfile { platformMlpsLevel }
        # 最近一次考核
        latestEvaluation { year grade totalScore }
      }
    }
  }
}
`;

const systems = `# 本单位信息系统：按当前令牌的权限范围列出信息系统、
# 部署方式、所属单位及承载服务商。用 endCursor 翻页。
query OurSystems {
  systems(first: 20) {
    totalCount
    edges {
      node {
        code
        name
        deploymentMode
        owner { name region { name } }
        hostingProvider { name }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}
`;

const todos = `# 我的待办：当前令牌的角色需要办理的事项（受理、备案、交付、上线、
# 终止、服务商退出时的系统迁移等），按应办日期排序，含期限与是否逾期。
query MyTodos {
  todoItems(first: 20) {
    totalCount
    edges {
      node {
        kind
        action
        dueOn
        overdue
        rule
        article
        application { number status }
        systemMigration { status dueOn }
        system { code name }
      }
    }
  }
}
`;

const exits = `# 服务商退出：每次退出的过渡期，以及其承载系统的迁移与数据清除进度
# （第九条，EXIT_TRANSITION_3M）。
query ProviderExits {
  providerExits(first: 10) {
    edges {
      node {
        provider { name status }
        reason
        startedOn
        transitionEndsOn
        status
        migrationProgress { opened total pending }
        systemMigrations(first: 10) {
          edges { node { system { code name } status dueOn overdue targetProvider { name } } }
        }
      }
    }
  }
}
`;

const regions = `# 区县列表：滨州市及下辖区县的行政区划代码与级别。
query RegionList {
  regions { code name level }
}
`;

// Saved operations per role: the questions the bureau, finance, monitoring and the
// cybersecurity authority ask most. The role in brackets is the token to run them with.

const dashboard = `# 【市大数据局 BUREAU】工作看板：逾期未决定的申请、逾期未确认的结算、
# 等保测评逾期的系统、逾期未整改的问题各有多少，以及我的待办。
query BureauDashboard {
  overdueApplications(first: 5) { totalCount edges { node { number unit { name } decisionDeadline { date estimated } } } }
  overdueSettlements(first: 5) { totalCount edges { node { number year region { name } dueBefore } } }
  mlpsOverdueSystems(first: 5) { totalCount }
  overdueRectifications(first: 5) { totalCount }
  todoItems(first: 10) { totalCount edges { node { kind action dueOn overdue rule article } } }
}
`;

const overdueDecisions = `# 【市大数据局 BUREAU】逾期未决定的申请：超过 5 个工作日仍未受理或
# 驳回的申请（第十二条，DECISION_5WD）；estimated 为真表示期限按推算的节假日计算。
query OverdueDecisions {
  overdueApplications(first: 50) {
    totalCount
    edges {
      node {
        number
        status
        unit { code name }
        region { name }
        provider { name }
        submittedOn
        decisionDeadline { date estimated }
      }
    }
  }
}
`;

const feesByCountyAndProvider = `# 【财政局 FINANCE / 市审计局 AUDITOR】各级（市、各区县）按服务商汇总的云服务费用（元），
# 取自每级有效的结算单（第十六条，SETTLEMENT_JAN5）；year 为结算年度。
query FeesByCountyAndProvider {
  settlementTotals(year: 2025, first: 100) {
    totalCount
    edges { node { region { code name } provider { code name } amount lineCount } }
  }
}
`;

const leastUsedSystems = `# 【市大数据局 BUREAU / 监测机构 MONITOR】资源利用率最低的系统：闲置 (IDLE) 与
# 利用不足 (UNDER_USED) 在前，可据此下达缩减或回收（第二十五条）。
query LeastUsedSystems {
  leastUsedSystems(first: 20) {
    totalCount
    edges {
      node {
        system { code name owner { name } hostingProvider { name } }
        from
        to
        flag
        usageScore
        cpu { average peak }
        memory { average peak }
      }
    }
  }
}
`;

const mlpsOverdue = `# 【网络安全主管部门 CYBERSEC】等保测评逾期的系统：上线 6 个月内未完成测评，
# 或三级每年、四级每半年的复测已过期（第二十二条，MLPS_6M）。
query MlpsOverdue {
  mlpsOverdueSystems(first: 50) {
    totalCount
    edges {
      nextAssessmentDueOn
      daysOverdue
      node { code name goLiveOn mlps { level } owner { name region { name } } hostingProvider { name } }
    }
  }
}
`;

const openRectifications = `# 【网络安全主管部门 CYBERSEC / 市大数据应用中心 CENTER】逾期未整改的检查问题：
# 整改期限已过、尚未经检查方验证关闭（第十九条，INSPECTION_RECTIFY）。
query OpenRectifications {
  overdueRectifications(first: 50) {
    totalCount
    edges {
      node {
        severity
        description
        inspection { conductedOn region { name } recordedBy }
        rectification { deadline status ownerKind ownerUnit { name } ownerProvider { name } }
      }
    }
  }
}
`;

export const exampleTabs: TabDefinition[] = [
  { query: providers },
  { query: systems },
  { query: todos },
  { query: exits },
  { query: regions },
  { query: dashboard },
  { query: overdueDecisions },
  { query: feesByCountyAndProvider },
  { query: leastUsedSystems },
  { query: mlpsOverdue },
  { query: openRectifications },
];
