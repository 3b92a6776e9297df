/**
 * Webpack build of the add-in: one shared runtime page (taskpane.html) loads the custom functions,
 * the task pane and the ribbon commands; functions.json is generated from the JSDoc of
 * src/functions/functions.ts; dist/manifest.xml points at the build's base URL.
 *
 *   npm run build                                   production build for https://localhost:3000
 *   ADDIN_BASE_URL=https://host/audit npm run build  production build for another host
 *   npx webpack --mode production --env baseUrl=https://host/audit
 */
"use strict";

const path = require("node:path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const fs = require("node:fs");
const { resolveBaseUrl, rewriteManifest } = require("./scripts/manifest-url.cjs");
const { HELP_FILE, renderHelpPage, rewriteMetadata } = require("./scripts/help-page.cjs");

const OFFICE_JS_ORIGIN = "https://appsforoffice.microsoft.com";
const OFFICE_JS_URL = `${OFFICE_JS_ORIGIN}/lib/1/hosted/office.js`;
const FUNCTIONS_ENTRY = path.resolve(__dirname, "src/functions/functions.ts");

/**
 * Content-Security-Policy of every page, as a meta tag (the pages are static files; a host that
 * can send headers may send the same policy as a header and add frame-ancestors).
 * - scripts: this add-in's own bundles and Office.js from Microsoft's CDN only; no inline script,
 *   no eval (devtool below never uses eval in production).
 * - styles: 'unsafe-inline' is needed because Fluent UI v9 (Griffel) injects <style> elements at
 *   run time; this allows inline styles only, never inline script.
 * - connect-src 'self': the add-in makes no network request of its own; Office.js's optional
 *   telemetry endpoints are deliberately not allowed (Office.js works without them).
 */
const CSP = [
  "default-src 'self'",
  `script-src 'self' ${OFFICE_JS_ORIGIN}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join("; ");

/** Where the bundle report for scripts/check-bundle-size.mjs is written (outside dist: not deployed). */
const BUNDLE_REPORT = path.resolve(__dirname, "test-output/bundle-report.json");

/**
 * Writes, for every entry, the files of its initial chunks and the npm packages bundled in them,
 * so that the size check can tell initial code from on-demand chunks and spot a test-only package.
 */
class BundleReportPlugin {
  apply(compiler) {
    compiler.hooks.done.tap("BundleReportPlugin", (stats) => {
      if (stats.hasErrors()) return;
      const { compilation } = stats;
      const describe = (group) => {
        const files = new Set();
        const packages = new Set();
        for (const chunk of group.chunks) {
          for (const file of chunk.files) if (file.endsWith(".js")) files.add(file);
          for (const module of compilation.chunkGraph.getChunkModulesIterable(chunk)) {
            const resources = module.modules ? module.modules.map((m) => m.resource) : [module.resource];
            for (const resource of resources) {
              const match = resource && /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(resource);
              if (match) packages.add(match[1].replace(/\\/g, "/"));
            }
          }
        }
        return { files: [...files].sort(), packages: [...packages].sort() };
      };
      const entries = {};
      for (const [name, entrypoint] of compilation.entrypoints) entries[name] = describe(entrypoint);
      // the on-demand chunk groups named in the code (webpackChunkName): pane, views, xlsx reader
      const chunkGroups = {};
      for (const [name, group] of compilation.namedChunkGroups)
        if (!compilation.entrypoints.has(name)) chunkGroups[name] = describe(group);
      fs.mkdirSync(path.dirname(BUNDLE_REPORT), { recursive: true });
      fs.writeFileSync(
        BUNDLE_REPORT,
        JSON.stringify(
          { hash: compilation.hash, outputPath: compilation.outputOptions.path, entries, chunkGroups },
          null,
          2,
        ),
      );
    });
  }
}

/**
 * functions.json's help URLs on the build's base URL, and dist/help.html from the same metadata
 * (scripts/help-page.cjs). Runs after custom-functions-metadata-plugin has added functions.json.
 */
class HelpPagePlugin {
  constructor(baseUrl) {
    this.baseUrl = baseUrl;
  }
  apply(compiler) {
    const { Compilation, WebpackError, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap("HelpPagePlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "HelpPagePlugin", stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          const asset = compilation.getAsset("functions.json");
          if (!asset) return; // the metadata plugin reported its own error
          try {
            const json = rewriteMetadata(asset.source.source().toString(), this.baseUrl);
            compilation.updateAsset("functions.json", new sources.RawSource(json));
            compilation.emitAsset(HELP_FILE, new sources.RawSource(renderHelpPage(json)));
          } catch (error) {
            compilation.errors.push(new WebpackError(`help page: ${error.message}`));
          }
        },
      );
    });
  }
}

module.exports = (env = {}, argv = {}) => {
  const mode = argv.mode === "development" ? "development" : "production";
  const dev = mode === "development";
  const baseUrl = resolveBaseUrl(env);

  const page = (filename, template, chunks) =>
    new HtmlWebpackPlugin({
      filename,
      template,
      chunks,
      chunksSortMode: "manual",
      inject: "head",
      scriptLoading: "defer",
      templateParameters: { csp: CSP, officeJsUrl: OFFICE_JS_URL },
      minify: dev ? false : { collapseWhitespace: true, removeComments: true },
    });

  return {
    mode,
    // No eval-based source maps, ever: the pages' CSP forbids eval.
    devtool: "source-map",
    entry: {
      // Self-contained: the manifest's Functions.Script.Url names it.
      functions: FUNCTIONS_ENTRY,
      taskpane: "./src/taskpane/index.tsx",
      // The commands share the task pane's runtime and modules (the Excel operations, the core):
      // in the shared runtime both run in taskpane.html, so that code is downloaded and run once.
      commands: { import: "./src/commands/commands.ts", dependOn: "taskpane" },
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      // Entry names are stable: the manifest names functions.js.
      filename: "[name].js",
      // On-demand chunks: the pane once Office is ready, each view when first opened, the xlsx
      // reader when a file is imported (named by webpackChunkName in the code).
      chunkFilename: "chunks/[name].[contenthash:8].js",
      clean: true,
      publicPath: "auto",
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js", ".mjs"],
      // Node built-ins are not polyfilled: nothing the pane bundles needs them.
      fallback: { fs: false, path: false, stream: false, crypto: false, zlib: false },
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            // module: esnext keeps import() so that webpack splits on-demand chunks.
            options: {
              transpileOnly: false,
              // Type errors of bundled files fail the build; other files (bench, tests) are typechecked by tsc.
              onlyCompileBundledFiles: true,
              compilerOptions: { module: "esnext", sourceMap: true },
            },
          },
        },
        {
          // Runs before ts-loader, after custom-functions-metadata-plugin's loader.
          test: FUNCTIONS_ENTRY,
          use: path.resolve(__dirname, "scripts/webpack/custom-functions-guard-loader.cjs"),
        },
      ],
    },
    optimization: {
      // functions.js carries its own runtime; commands.js uses the task pane's (dependOn above).
      runtimeChunk: false,
      splitChunks: { chunks: "async" },
    },
    performance: { hints: false },
    plugins: [
      new BundleReportPlugin(),
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: FUNCTIONS_ENTRY }),
      new HelpPagePlugin(baseUrl),
      // The shared runtime: custom functions, task pane and commands in one page (the manifest's
      // Taskpane.Url is also its FunctionFile and the custom functions' Page).
      page("taskpane.html", "./src/taskpane/taskpane.html", ["functions", "taskpane", "commands"]),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: {
              transformer: (content) => rewriteManifest(content.toString("utf8"), baseUrl),
              cache: false,
            },
          },
        ],
      }),
    ],
  };
};
