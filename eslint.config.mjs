// @ts-check
import eslint from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import eslintPluginPrettierRecommended from 'eslint-plugin-prettier/recommended';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Which way dependencies may point (DESIGN.md "Shape of the code"; docs in README "Layout").
 * Each lib may import only the libs listed before it, so no two libs can import each other; `workflow` (the pure
 * machine) imports nothing of ours. Apps import libs, never another app. Across packages only through the
 * package's `@app/<lib>` alias and its `src/index.ts`: no relative path out of a package, no `@app/<lib>/<file>`.
 * Tests, the bench and the seed scripts may import anything.
 */
const LIB_LAYERS = ['workflow', 'common', 'documents', 'calendar', 'db', 'catalogue', 'transfer', 'accounts', 'cases'];
const libPolicies = LIB_LAYERS.slice(1).map((lib, i) => ({
  from: { element: { type: lib } },
  allow: { to: { element: { types: { anyOf: LIB_LAYERS.slice(0, i + 1) } } } },
}));
const dependencyBoundaries = {
  plugins: { boundaries },
  settings: {
    'import/resolver': { typescript: { project: './tsconfig.json' } },
    // Re-exports, require() and import() count as dependencies too, not only import statements.
    'boundaries/dependency-nodes': ['import', 'export', 'require', 'dynamic-import'],
    'boundaries/elements': [
      { type: 'app', pattern: 'apps/*', capture: ['app'] },
      ...LIB_LAYERS.map((lib) => ({ type: lib, pattern: `libs/${lib}` })),
      // A new lib lands here until it is given its place in LIB_LAYERS; nothing may import it or be imported by it.
      { type: 'unplaced-lib', pattern: 'libs/*', capture: ['lib'] },
      // seeds/*.json stay unclassified: data any package may read (the cli's demo applicants, for one).
      { type: 'tool', pattern: '{test,bench,seeds/scripts}' },
    ].map((element) => ({ ...element, partialMatch: false })),
  },
  rules: {
    'boundaries/dependencies': [
      'error',
      {
        default: 'disallow',
        // Shown when no policy allows the edge: a lib importing one at its level or above, or anything from workflow.
        message:
          '{{from.element.path}} may not import {{to.element.path}}: libs import only libs listed before them in LIB_LAYERS (eslint.config.mjs); libs/workflow imports nothing of ours',
        policies: [
          {
            from: { element: { type: 'app' } },
            allow: { to: { element: { types: { anyOf: LIB_LAYERS } } } },
          },
          ...libPolicies,
          {
            from: { element: { types: { noneOf: ['tool'] } } },
            disallow: { to: { element: { fileInternalPath: '!src/index.ts' } } },
            message: 'import another package only through its index: `@app/<lib>`, not a file inside it',
          },
          {
            from: { element: { types: { noneOf: ['tool'] } } },
            disallow: { dependency: { source: '!@app/**' } },
            message:
              'import another package through its `@app/<lib>` alias, not a relative path out of this one',
          },
          // Last, so that their message wins over the two above (the last matching policy decides).
          {
            from: { element: { types: { noneOf: ['tool'] } } },
            disallow: { to: { element: { type: 'app' } } },
            message:
              'nothing imports an app (here {{from.element.path}} imports {{to.element.path}}): move the shared code to a lib',
          },
          { from: { element: { type: 'tool' } }, allow: { to: { element: { types: '*' } } } },
        ],
      },
    ],
  },
};

export default tseslint.config(
  { ignores: ['eslint.config.mjs', 'dist/**', 'node_modules/**', 'scripts/**', 'jest.config.js'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  eslintPluginPrettierRecommended,
  dependencyBoundaries,
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.jest },
      sourceType: 'commonjs',
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-floating-promises': 'warn',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
);
