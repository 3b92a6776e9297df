/**
 * zod without eval, for the task pane page: its Content-Security-Policy forbids eval, so zod must
 * not compile schemas with `new Function`, and must not even probe for it (the caught probe is
 * still reported as a CSP violation). zod probes when it first parses, so this must run before any
 * schema parses: operations.ts loads it before every helper module (checks, figures, import and
 * set-up parse through the core's schemas), and the Settings form imports it before its schema.
 * The command-line tool does not load it (Node has no CSP; zod's compiled parsers are faster).
 */
import { config } from "zod";

config({ jitless: true });
