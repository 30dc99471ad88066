/**
 * The layers of src/ and the one way imports may run between them (README, "Layout"): every
 * import of every source file (static, type-only, re-exports, dynamic import() and the
 * `new URL('…', import.meta.url)` of a worker) is read with TypeScript's parser and checked
 * against the rules below. A broken rule fails with the file and the import that break it.
 * The compiler enforces the other half: the core (engine, spec, results) compiles without the
 * DOM and Node libraries (tsconfig.core.json).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/** The rooms of src/, most specific first. */
const ROOMS = [
  ['charts', 'src/ui/charts/'],
  ['ui', 'src/ui/'],
  ['ui', 'src/main.tsx'],
  ['engine', 'src/engine/'],
  ['spec', 'src/spec/'],
  ['results', 'src/results/'],
  ['worker', 'src/worker/'],
  ['neural', 'src/neural/'],
  ['cli', 'src/cli/'],
] as const;
type Room = (typeof ROOMS)[number][0];
/** What an import reaches: a room of src/, or a package by its kind. */
type Target = Room | 'tfjs' | 'react' | 'd3' | 'node' | 'package';

/** The packages the rules name: TensorFlow.js, React, D3 (the chart library) and Node's own modules. */
function packageKind(specifier: string): Target {
  const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
  if (name.startsWith('@tensorflow/')) return 'tfjs';
  if (name === 'react' || name === 'react-dom') return 'react';
  if (name === 'd3' || name.startsWith('d3-')) return 'd3';
  if (name.startsWith('node:') || builtinModules.includes(name)) return 'node';
  return 'package';
}

const UI_AND_BELOW: Target[] = ['ui', 'charts', 'worker', 'neural', 'cli'];
/** The core runs unchanged in Node, in Web Workers and in the page: no screen, no tfjs, no Node. */
const CORE_FORBIDS: Target[] = [...UI_AND_BELOW, 'tfjs', 'react', 'd3', 'node'];

/** For each room, the targets it may not import ('only': the ones it may import, all else forbidden). */
const RULES: Record<Room, { forbids: Target[] } | { only: Target[] }> = {
  engine: { forbids: CORE_FORBIDS },
  // The schema and its validation: the engine's constants it checks against, and the results.
  spec: { only: ['spec', 'engine', 'results'] },
  results: { forbids: CORE_FORBIDS },
  // Charts draw results: they know nothing of the engine, the spec, the worker or the page around them.
  charts: { only: ['charts', 'results', 'react', 'd3', 'package'] },
  ui: { forbids: ['tfjs', 'cli', 'neural', 'node'] },
  // The page's workers: the engine and the neural learners, never the page itself.
  worker: { forbids: ['ui', 'charts', 'cli', 'react', 'd3', 'node'] },
  // The tfjs learners run in the page's workers and in the CLI alike.
  neural: { forbids: ['ui', 'charts', 'worker', 'cli', 'react', 'd3', 'node'] },
  cli: { forbids: ['ui', 'charts', 'worker', 'react', 'd3'] },
};

function roomOf(path: string): Room | null {
  for (const [room, prefix] of ROOMS) if (path === prefix || (prefix.endsWith('/') && path.startsWith(prefix))) return room;
  return null;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every module specifier of a source file, as written. */
function importsOf(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true, fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) found.push(node.moduleSpecifier.text);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression))
      found.push(node.moduleReference.expression.text);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteralLike(node.arguments[0])) found.push(node.arguments[0].text);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) found.push(node.argument.literal.text);
    // new URL('./worker.ts', import.meta.url): a module the bundler builds (a Web Worker's entry).
    else if (
      ts.isNewExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'URL' &&
      node.arguments?.length === 2 &&
      ts.isStringLiteralLike(node.arguments[0]) &&
      node.arguments[1].getText(source) === 'import.meta.url'
    )
      found.push(node.arguments[0].text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The imports of `file` (a path relative to the repository) that break its room's rule, as "file: import (why)". */
function violations(file: string, text: string): string[] {
  const room = roomOf(file);
  if (!room) return [`${file}: not in any room of the layout (add it to ROOMS in tests/unit/layers.test.ts)`];
  const rule = RULES[room];
  return importsOf(file, text).flatMap((specifier) => {
    const target: Target | null = specifier.startsWith('.') ? roomOf(normalize(join(dirname(file), specifier))) : packageKind(specifier);
    if (target === null) return [`${file}: imports '${specifier}', outside src/`];
    const allowed = 'only' in rule ? rule.only.includes(target) : !rule.forbids.includes(target);
    return allowed ? [] : [`${file}: imports '${specifier}' (${room} → ${target} breaks the layers)`];
  });
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FILES = sourceFiles(join(ROOT, 'src')).map((path) => relative(ROOT, path));

describe('layers', () => {
  it('finds the source files of every room', () => {
    const rooms = new Set(FILES.map(roomOf));
    for (const [room] of ROOMS) expect(rooms).toContain(room);
  });

  it('every import of src/ runs the way the layers allow', () => {
    const broken = FILES.flatMap((file) => violations(file, readFileSync(join(ROOT, file), 'utf8')));
    expect(broken).toEqual([]);
  });

  it('names the file and the import that break a rule, of every kind of import', () => {
    const chart = `import { scaleLinear } from 'd3';
import type { RunView } from '../../results/run-view';
import { realDistribution } from '../../engine/data';
export type { Spec } from '../../spec/schema';
const worker = new Worker(new URL('../../worker/engine-worker.ts', import.meta.url));
const lazy = () => import('@tensorflow/tfjs');`;
    expect(violations('src/ui/charts/Bad.tsx', chart)).toEqual([
      "src/ui/charts/Bad.tsx: imports '../../engine/data' (charts → engine breaks the layers)",
      "src/ui/charts/Bad.tsx: imports '../../spec/schema' (charts → spec breaks the layers)",
      "src/ui/charts/Bad.tsx: imports '../../worker/engine-worker.ts' (charts → worker breaks the layers)",
      "src/ui/charts/Bad.tsx: imports '@tensorflow/tfjs' (charts → tfjs breaks the layers)",
    ]);
    expect(violations('src/engine/metrics/bad.ts', "import type { X } from '../../ui/App';\nimport { select } from 'd3-selection';")).toEqual([
      "src/engine/metrics/bad.ts: imports '../../ui/App' (engine → ui breaks the layers)",
      "src/engine/metrics/bad.ts: imports 'd3-selection' (engine → d3 breaks the layers)",
    ]);
    expect(violations('src/cli/bad.ts', "const m = await import('../worker/backend');")).toEqual(["src/cli/bad.ts: imports '../worker/backend' (cli → worker breaks the layers)"]);
    expect(violations('src/spec/bad.ts', "import { Header } from '../ui/Header';")).toEqual(["src/spec/bad.ts: imports '../ui/Header' (spec → ui breaks the layers)"]);
    expect(violations('src/results/bad.ts', "import { gan } from '../neural/gan';")).toEqual(["src/results/bad.ts: imports '../neural/gan' (results → neural breaks the layers)"]);
    expect(violations('src/ui/Bad.tsx', "import * as tf from '@tensorflow/tfjs-core';")).toEqual(["src/ui/Bad.tsx: imports '@tensorflow/tfjs-core' (ui → tfjs breaks the layers)"]);
    // Comments and strings that merely look like imports are not imports.
    expect(violations('src/engine/ok.ts', "// import '../ui/App';\nconst s = \"import('../ui/App')\";")).toEqual([]);
  });
});
