/**
 * Builds test/browser/fake-office.ts into dist-test/fake-office.js: a stand-in for Office.js
 * that the browser tests serve at the Office.js URL. No eval in the output (the page's CSP).
 */
"use strict";

const path = require("node:path");

const ROOT = path.resolve(__dirname, "../..");

module.exports = {
  mode: "development",
  devtool: false,
  context: ROOT,
  entry: { "fake-office": "./test/browser/fake-office.ts" },
  output: { path: path.join(ROOT, "dist-test"), filename: "[name].js", clean: true },
  resolve: { extensions: [".ts", ".js"] },
  module: {
    rules: [
      {
        test: /\.ts$/,
        exclude: /node_modules/,
        use: { loader: "ts-loader", options: { transpileOnly: true, compilerOptions: { module: "esnext" } } },
      },
    ],
  },
  performance: { hints: false },
};
