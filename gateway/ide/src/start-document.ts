// What a new tab holds (GraphiQL's `defaultQuery`) instead of "Welcome to GraphiQL".
export const START_DOCUMENT = `# 新查询 · GovCloud Graph 滨州市统一电子政务云
#
# 在这里编写 GraphQL 查询，按 Ctrl-Enter 或点击执行按钮运行。
# 输入时按 Ctrl-Space 补全字段；左侧“文档”列出每个类型与字段的中文说明和条款。
# 能查到什么由页面顶部的访问令牌（角色与范围）决定。
# 结果可用左侧工具栏的 JSON、CSV 按钮导出（CSV 取结果中的第一个列表）。
# 以 # 开头的行是注释。下面是一个例子：滨州市及所辖区县。
query Regions {
  regions { code name level }
}
`;
