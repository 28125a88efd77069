import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** The repository's root, for the architecture tests that judge every source file. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Built, installed or generated trees: not source. */
const NOT_SOURCE = new Set(['node_modules', 'cdk.out', 'dist', 'coverage']);

/** Every .ts/.tsx file below `dir` (declaration files, dot folders and NOT_SOURCE left out). */
export function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name.startsWith('.') || NOT_SOURCE.has(name) ? [] : tsFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

export interface ImportOf {
  /** The module specifier as written. */
  from: string;
  /** Names imported or re-exported by name (their exported name, before any `as`). */
  names: string[];
  /** `import type` or `export type`: erased from the built code. */
  typeOnly: boolean;
}

/**
 * Every import, `import type`, re-export and dynamic `import()` of a source text. A dynamic
 * import and `import * as` name nothing in particular: their `names` are empty.
 */
export function importsOf(path: string, text = readFileSync(path, 'utf8')): ImportOf[] {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.ES2022, false, path.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: ImportOf[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const bindings = clause?.namedBindings;
      const named = bindings && ts.isNamedImports(bindings) ? bindings.elements : [];
      const allTypes = Boolean(clause?.isTypeOnly);
      found.push({
        from: node.moduleSpecifier.text,
        names: named.map((e) => (e.propertyName ?? e.name).text),
        typeOnly: allTypes || (named.length > 0 && !clause?.name && named.every((e) => e.isTypeOnly)),
      });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const named = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause.elements : [];
      found.push({ from: node.moduleSpecifier.text, names: named.map((e) => (e.propertyName ?? e.name).text), typeOnly: node.isTypeOnly });
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      found.push({ from: node.arguments[0].text, names: [], typeOnly: false });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push({ from: node.argument.literal.text, names: [], typeOnly: true });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The names a module exports from its own declarations (`export const`, `export function`, `export class`…). */
export function exportedNames(path: string, text = readFileSync(path, 'utf8')): string[] {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.ES2022, false);
  const names: string[] = [];
  for (const statement of source.statements) {
    if (!ts.canHaveModifiers(statement) || !ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
    if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) if (ts.isIdentifier(d.name)) names.push(d.name.text);
    } else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) && statement.name) {
      names.push(statement.name.text);
    }
  }
  return names;
}
