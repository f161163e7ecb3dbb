// The layer rule of finbook (docs/architecture.md, "Layers"), checked by `npm run lint:deps`
// and at the start of `npm test`. A module may import modules of its own layer and of the
// layers below it, never one above; no import cycle anywhere under src/.
//
//   base      issues.ts, package-root.ts, v8-tiering.ts, input/   nothing of finbook below them
//   expr      expr/                                     the formula language (parser, AST, Excel text)
//   model     model/, cache/                            the model and template as loaded and validated
//   compile   compile/                                  the model as a program of cells
//   compute   compute/                                  its figures and checks in decimal.js
//   plan      layout/, plan/, charts/, pipeline.ts      where every cell goes, styles, charts placed
//   write     write/                                    the .xlsx package (exceljs seam, zip, charts' XML)
//   office    office/                                   LibreOffice on a written file
//   verify    verify/                                   recalculation compared with the plan
//   services  cli/, jobs/, batch/, queue/, mail/, roundtrip/, generate/, api/, services/, index.ts
//
// expr is under model, not above it: it knows no model (its only import is the A1
// arithmetic), while model preparation parses formulas to drop optional lines. cli/ is the
// top of the services: only cli/ imports cli/.
//
// Shared leaves: files that import nothing of finbook, so any layer may use them wherever
// they live; the `leaves-stay-leaves` rule keeps them so.

/** Layers from the bottom up; a path matches the first layer whose pattern it matches. */
const LAYERS = [
  ['base', '^src/(issues\\.ts|package-root\\.ts|v8-tiering\\.ts|input/)'],
  ['expr', '^src/expr/'],
  ['model', '^src/(model|cache)/'],
  ['compile', '^src/compile/'],
  ['compute', '^src/compute/'],
  ['plan', '^src/(layout/|plan/|charts/|pipeline\\.ts)'],
  ['write', '^src/write/'],
  ['office', '^src/office/'],
  ['verify', '^src/verify/'],
  ['services', '^src/(cli|jobs|batch|queue|mail|roundtrip|generate|api|services)/|^src/index\\.ts'],
];

const LEAVES = [
  '^src/layout/a1\\.ts$', // A1 addresses: every layer names cells
  '^src/compute/decimal\\.ts$', // decimal.js configured once (precision, rounding)
  '^src/compile/suggest\\.ts$', // "did you mean" for every message that names an unknown id
  '^src/compile/excel-limits\\.ts$', // Excel's limits on a cell's text, checked from the model on
];

const upward = LAYERS.flatMap(([name, path], i) => {
  const above = LAYERS.slice(i + 1);
  if (above.length === 0) return [];
  return [
    {
      name: `no-upward-from-${name}`,
      comment: `${name} may import only ${LAYERS.slice(0, i + 1).map(([n]) => n).join(', ')} (and the shared leaves)`,
      severity: 'error',
      from: { path },
      to: { path: above.map(([, p]) => `(${p})`).join('|'), pathNot: LEAVES },
    },
  ];
});

module.exports = {
  forbidden: [
    {
      name: 'no-cycle',
      comment: 'an import cycle: the layers are one way, and so are the modules inside a layer (types that refer to each other, `import type` both ways, are not a cycle at run time)',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    ...upward,
    {
      name: 'only-cli-imports-cli',
      comment: 'cli/ is the top: argument parsing, printing, exit codes; what a service needs lives below it',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/cli/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'leaves-stay-leaves',
      comment: 'a shared leaf imports nothing of finbook (it is usable from every layer)',
      severity: 'error',
      from: { path: LEAVES },
      to: { path: '^src/' },
    },
    {
      name: 'every-module-has-a-layer',
      comment: 'a new folder under src/ gets its place in LAYERS (and in docs/architecture.md)',
      severity: 'error',
      from: { path: '^src/', pathNot: [...LAYERS.map(([, p]) => p), '^src/types/'] },
      to: {},
    },
    {
      name: 'exceljs-internals-behind-the-seam',
      comment: "exceljs' private modules are reached only from write/exceljs-internals.ts (its contract test pins them)",
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/write/exceljs-internals\\.ts$' },
      to: { path: 'node_modules/exceljs/lib/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.js', '.cjs', '.mjs', '.d.ts'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
