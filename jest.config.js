/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  // *.interop.test.ts need programs beside Node (openpyxl): `npm run test:interop` runs them
  testPathIgnorePatterns: ["/node_modules/", "\\.interop\\.test\\.tsx?$"],
  setupFiles: ["<rootDir>/test/setup/custom-functions.ts"],
  moduleNameMapper: {
    "^office-addin-manifest$": "<rootDir>/test/setup/office-addin-manifest-stub.js",
  },
  transform: {
    "^.+\\.tsx?$": [
      "ts-jest",
      {
        // transpile each file on its own (no type check here: npm test runs tsc first)
        tsconfig: {
          module: "commonjs",
          moduleResolution: "node",
          jsx: "react-jsx",
          esModuleInterop: true,
          target: "ES2020",
          isolatedModules: true,
        },
      },
    ],
  },
  testTimeout: 60000,
};
