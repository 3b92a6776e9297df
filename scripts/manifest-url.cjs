/**
 * The manifest's URLs are written for the development server (https://localhost:3000). A build
 * for another host rewrites every occurrence to the build-time base URL, taken from
 * `--env baseUrl=…` or the ADDIN_BASE_URL environment variable. Used by webpack.config.js (copy of
 * manifest.xml into dist/) and by test/manifest.test.ts.
 */
"use strict";

const DEV_BASE_URL = "https://localhost:3000";

/**
 * Checks and normalises a base URL: https only (Office loads add-ins over https), no query or
 * fragment, no trailing slash. Throws an Error that says what to pass instead.
 * @param {string} raw
 * @returns {string}
 */
function normaliseBaseUrl(raw) {
  const text = String(raw).trim();
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new Error(
      `Base URL "${text}" is not a URL; pass e.g. --env baseUrl=https://addins.example.org/audit`,
    );
  }
  if (url.protocol !== "https:") {
    throw new Error(`Base URL "${text}" must use https: Office loads add-ins only over https.`);
  }
  if (url.search || url.hash) {
    throw new Error(`Base URL "${text}" must not have a query or fragment.`);
  }
  return url.href.replace(/\/+$/, "");
}

/**
 * The base URL of this build: `--env baseUrl=…` wins over ADDIN_BASE_URL; default the dev server.
 * @param {{ baseUrl?: string } | undefined} env webpack's env object
 * @param {NodeJS.ProcessEnv} [processEnv]
 * @returns {string}
 */
function resolveBaseUrl(env, processEnv = process.env) {
  const raw =
    (env && typeof env.baseUrl === "string" && env.baseUrl) || processEnv.ADDIN_BASE_URL || DEV_BASE_URL;
  return normaliseBaseUrl(raw);
}

/**
 * Replaces every https://localhost:3000 in a manifest with the base URL.
 * @param {string} xml
 * @param {string} baseUrl
 * @returns {string}
 */
function rewriteManifest(xml, baseUrl) {
  const base = normaliseBaseUrl(baseUrl);
  return String(xml).split(DEV_BASE_URL).join(base);
}

module.exports = { DEV_BASE_URL, normaliseBaseUrl, resolveBaseUrl, rewriteManifest };
