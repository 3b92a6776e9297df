/**
 * Imported first by the only module of the pane that uses a zod schema (settings-form.ts), before
 * the schema is defined: the page's
 * Content-Security-Policy forbids eval, so zod must not compile schemas with `new Function`, and
 * must not even probe for it (the caught probe is still reported as a CSP violation).
 */
import { config } from "zod";

config({ jitless: true });
