import js from "@eslint/js";
import tseslint from "typescript-eslint";

/** The shells src/core must never import (the core's contracts live in src/core instead). */
const SHELLS = [
  "**/taskpane",
  "**/taskpane/**",
  "**/excel",
  "**/excel/**",
  "**/xlsx",
  "**/xlsx/**",
  "**/cli",
  "**/cli/**",
  "**/commands",
  "**/commands/**",
  "**/functions",
  "**/functions/**",
];
const NO_SHELL =
  "src/core imports no shell (taskpane, excel, xlsx, cli, functions, commands): put the contract in src/core and let the shell import it.";

export default tseslint.config(
  {
    ignores: [
      "dist/**",
      "dist-test/**",
      "node_modules/**",
      "coverage/**",
      "test-output/**",
      "**/*.js",
      "**/*.cjs",
      "**/*.mjs",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts", "**/*.tsx"],
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": ["error", { allow: ["warn", "error"] }],
      "no-eval": "error",
      "no-implied-eval": "error",
    },
  },
  {
    files: ["src/cli/**/*.ts", "bench/**/*.ts", "scripts/**/*.ts", "test/**/*.ts", "test/**/*.tsx"],
    rules: { "no-console": "off" },
  },
  {
    files: ["src/core/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["react", "react-dom", "@fluentui/*", "exceljs", "fs", "path", "node:*"],
              message: "src/core stays pure: no React, Office, exceljs or Node APIs.",
            },
            { group: SHELLS, message: NO_SHELL },
          ],
        },
      ],
      "no-restricted-globals": ["error", "Excel", "Office", "process", "require"],
    },
  },
  {
    files: ["src/**/*.ts", "src/**/*.tsx"],
    ignores: ["src/excel/**"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "MemberExpression[object.name='Excel'][property.name='run']",
          message: "Only src/excel calls Excel.run; the pane and commands receive operations from it.",
        },
      ],
    },
  },
);
