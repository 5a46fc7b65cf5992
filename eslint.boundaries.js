// Boundaries between the parts of the code (README, Architecture). Each import is resolved to the
// file it names, and the part that file lies in must be one the importing part may use:
//
//   subgraphs/<name>/   itself, subgraphs/kit/, subgraphs/contracts/, seed/world/ — never another subgraph
//   subgraphs/contracts itself and subgraphs/kit/ (the shapes that cross subgraphs)
//   subgraphs/kit/      itself only (infrastructure, below contracts)
//   gateway/            itself, subgraphs/kit/, subgraphs/contracts/
//   seed/world/         itself, subgraphs/kit/, subgraphs/contracts/
//
// Packages are not checked, nor are files outside these parts (subgraphs/modules.ts, which starts
// the four subgraphs, scripts/, test/, schema/).
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = dirname(fileURLToPath(import.meta.url));

/** The part a file belongs to, or null for a file no boundary applies to. */
export function partOf(file) {
  const path = relative(ROOT, file).split(sep).join('/');
  if (path.startsWith('../')) return null;
  const [top, second] = path.split('/');
  if (top === 'gateway') return 'gateway';
  if (top === 'seed' && second === 'world') return 'seed/world';
  if (top === 'subgraphs' && second && !second.includes('.')) return `subgraphs/${second}`;
  return null;
}

const SHARED = ['subgraphs/kit', 'subgraphs/contracts'];

/** What `part` may import besides itself. */
function allowedFor(part) {
  if (part === 'subgraphs/kit') return [];
  if (part === 'subgraphs/contracts') return ['subgraphs/kit'];
  if (part === 'gateway') return SHARED;
  if (part === 'seed/world') return SHARED;
  return [...SHARED, 'seed/world'];
}

const RULE_TEXT = {
  'subgraphs/kit': 'subgraphs/kit/ is infrastructure and imports only itself',
  'subgraphs/contracts': 'subgraphs/contracts/ imports only itself and subgraphs/kit/',
  gateway: 'the gateway imports only itself, subgraphs/kit/ and subgraphs/contracts/',
  'seed/world': 'seed/world/ imports only itself, subgraphs/kit/ and subgraphs/contracts/',
};

const importBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Subgraphs do not reach into each other; kit/, contracts/ and the gateway keep to their layers' },
    schema: [],
    messages: {
      crossing: '{{from}} may not import {{target}} ({{to}}): {{why}}. Shapes that cross subgraphs belong in subgraphs/contracts/.',
    },
  },
  create(context) {
    const from = partOf(context.filename);
    if (!from) return {};
    const allowed = allowedFor(from);
    const why = RULE_TEXT[from] ?? 'a subgraph imports only itself, subgraphs/kit/, subgraphs/contracts/ and seed/world/';
    function check(node) {
      if (!node || node.type !== 'Literal' || typeof node.value !== 'string') return;
      const spec = node.value;
      if (!spec.startsWith('.') && !isAbsolute(spec)) return;
      const target = resolve(dirname(context.filename), spec);
      const to = partOf(target);
      if (to === from || (to !== null && allowed.includes(to))) return;
      const outside = relative(ROOT, target).startsWith('..');
      if (to === null && outside) return;
      context.report({
        node,
        messageId: 'crossing',
        data: { from, to: to ?? relative(ROOT, target).split(sep).join('/'), target: spec, why },
      });
    }
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      TSImportEqualsDeclaration: (node) => check(node.moduleReference?.expression),
      TSImportType: (node) => check(node.argument?.literal ?? node.source),
    };
  },
};

export default { meta: { name: 'govcloud-boundaries' }, rules: { imports: importBoundaries } };
