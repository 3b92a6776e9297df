/**
 * Jest for `npm run test:interop`: the tests that run programs other than Node and Chromium
 * (Python's openpyxl), named *.interop.test.ts. `.ci/run` installs what they need.
 * @type {import('jest').Config}
 */
const base = require("./jest.config.js");

module.exports = {
  ...base,
  testMatch: ["**/*.interop.test.ts"],
  testPathIgnorePatterns: ["/node_modules/"],
};
