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

export const exampleTabs: TabDefinition[] = [
  { query: providers },
  { query: systems },
  { query: todos },
  { query: exits },
  { query: regions },
];
