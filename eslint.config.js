// The linter runs with the type checker: it catches what tsc does not, above all a promise nobody
// awaits (a write that may never finish, an error nobody sees). Formatting is not its business.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'cdk.out/**', '.local/**', 'web/dist/**', 'test-results/**'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-non-null-asserted-optional-chain': 'error',
      'no-var': 'error',
      'prefer-const': 'error',
      eqeqeq: ['error', 'always'],
      // zod's named `z` is a namespace object esbuild cannot tree-shake: every function bundle
      // then carries all of zod's locales (about 350 KB minified). The namespace import shakes.
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportDeclaration[source.value='zod'] > ImportSpecifier[imported.name='z']",
          message: "write `import * as z from 'zod'` (the named z keeps all of zod's locales in every bundle)",
        },
      ],
    },
  },
  {
    // What the functions bundle takes zod from shared/domain/zod.ts: zod/mini, which shakes to what
    // the schemas use (classic zod, about 60 KB more in every function, cannot), with the English
    // messages mini does not load. One classic import anywhere in a function's graph brings the
    // 60 KB back; test/infra/bundles.test.ts checks the bundles themselves.
    files: ['shared/**/*.ts', 'functions/**/*.ts', 'events/**/*.ts'],
    ignores: ['shared/domain/zod.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['zod', 'zod/**'], message: "import zod from shared/domain/zod.ts (zod/mini with zod's English messages)" }] },
      ],
    },
  },
);
