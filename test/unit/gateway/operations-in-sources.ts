// Finds the GraphQL operations written in test and bench sources, so the gateway's limits can be
// checked against everything the suites send. A template literal counts when, after its
// `${…}` parts are filled from string constants of the same file, it parses as GraphQL;
// parts that are not such constants become '' and the result is kept only if it still parses.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'graphql';
import ts from 'typescript';

export interface SourceOperation {
  /** file:line of the literal. */
  where: string;
  text: string;
}

/** Whether `text` parses as GraphQL: operationsInSources' usual `parses`. */
export function parsesAsGraphQL(text: string): boolean {
  try {
    parse(text);
    return true;
  } catch {
    return false;
  }
}

const LOOKS_LIKE_GRAPHQL = /^\s*(#[^\n]*\n\s*)*(query|mutation|subscription|fragment|\{)/;

export function operationsInSources(dirs: string[], parses: (text: string) => boolean): SourceOperation[] {
  const found: SourceOperation[] = [];
  for (const dir of dirs) {
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.ts'))) {
      const fullPath = path.join(dir, file);
      const source = ts.createSourceFile(file, readFileSync(fullPath, 'utf8'), ts.ScriptTarget.Latest, true);
      const constants = stringConstants(source);
      const visit = (node: ts.Node) => {
        if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) {
          const text = evaluate(node, constants, new Set());
          if (text !== undefined && LOOKS_LIKE_GRAPHQL.test(text) && text.includes('{') && parses(text)) {
            const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
            found.push({ where: `${path.relative(process.cwd(), fullPath)}:${line}`, text });
          }
          return; // a template's parts are not operations of their own
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
  }
  return found;
}

function stringConstants(source: ts.SourceFile): Map<string, ts.Expression> {
  const constants = new Map<string, ts.Expression>();
  const visit = (node: ts.Node) => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      constants.set(node.name.text, node.initializer);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return constants;
}

function evaluate(node: ts.Expression, constants: Map<string, ts.Expression>, seen: Set<string>): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) {
    let text = node.head.text;
    for (const span of node.templateSpans) text += (evaluate(span.expression, constants, seen) ?? '') + span.literal.text;
    return text;
  }
  if (ts.isIdentifier(node) && !seen.has(node.text)) {
    const initializer = constants.get(node.text);
    return initializer ? evaluate(initializer, constants, new Set([...seen, node.text])) : undefined;
  }
  if (ts.isNumericLiteral(node)) return node.text;
  return undefined;
}
