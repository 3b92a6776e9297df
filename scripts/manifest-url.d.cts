/** Types of scripts/manifest-url.cjs (used by test/manifest.test.ts). */
export declare const DEV_BASE_URL: "https://localhost:3000";
export declare function normaliseBaseUrl(raw: string): string;
export declare function resolveBaseUrl(
  env: { readonly baseUrl?: string } | undefined,
  processEnv?: Readonly<Record<string, string | undefined>>,
): string;
export declare function rewriteManifest(xml: string, baseUrl: string): string;
