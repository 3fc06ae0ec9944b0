// The lint rule that keeps the project's dependencies pointing one way (the board is in
// eslint.config.js). Each linted file belongs to the most specific zone of the board whose folder
// holds it; every module it names — import, export … from, import(), import('…').Type — must be
// in its own zone's folder or in a folder the zone may import, and a package the zone's list of
// packages allows. It needs no type information, so it runs over the whole tree in seconds.
import { dirname, relative, resolve, sep } from 'node:path';

/** @typedef {{ folder: string, imports: string[], packages?: string[], forbiddenPackages?: string[], why: string }} Zone */

/** The package a bare specifier names: `@scope/name` or `name` (`node:fs` is the package `node:fs`). */
function packageOf(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Whether `path` is `folder` or lies inside it (both relative to the project root, with `/`). */
function inside(path, folder) {
  return path === folder || path.startsWith(`${folder}/`);
}

/** @param {Zone[]} zones @param {string} file relative to the root */
function zoneOf(zones, file) {
  return zones.filter((z) => inside(file, z.folder)).sort((a, b) => b.folder.length - a.folder.length)[0];
}

/** Why the zone refuses the specifier, or undefined when it may import it. */
function refusal(zone, fileDir, specifier, root) {
  if (specifier.startsWith('.') || specifier.startsWith('/')) {
    const target = relative(root, resolve(fileDir, specifier)).split(sep).join('/');
    if ([zone.folder, ...zone.imports].some((folder) => inside(target, folder))) return undefined;
    return `'${specifier}' reaches ${target.split('/').slice(0, 2).join('/')}`;
  }
  const name = packageOf(specifier);
  if (zone.packages && !zone.packages.includes(name)) return `the package '${name}' is not among ${zone.packages.map((p) => `'${p}'`).join(', ')}`;
  if (zone.forbiddenPackages?.some((p) => (p.endsWith('/') ? name.startsWith(p) : name === p))) return `the package '${name}' is forbidden here`;
  return undefined;
}

/** @type {import('eslint').Rule.RuleModule} */
const importsRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Each folder imports only the folders and packages the architecture board allows' },
    schema: [{ type: 'object', properties: { root: { type: 'string' }, zones: { type: 'array' } }, required: ['root', 'zones'], additionalProperties: false }],
    messages: { refused: '{{folder}}/ {{why}}: {{reason}}' },
  },
  create(context) {
    const { root, zones } = context.options[0];
    const file = relative(root, context.filename).split(sep).join('/');
    const zone = zoneOf(zones, file);
    if (!zone) return {};
    const fileDir = dirname(context.filename);
    const check = (source) => {
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
      const reason = refusal(zone, fileDir, source.value, root);
      if (reason) context.report({ node: source, messageId: 'refused', data: { folder: zone.folder, why: zone.why, reason } });
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      // import('x').Type in a type position: the argument is a literal type.
      TSImportType: (node) => check(node.argument?.literal ?? node.source),
    };
  },
};

export const architecture = { rules: { imports: importsRule } };
