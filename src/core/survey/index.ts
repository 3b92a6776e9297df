/**
 * The partner survey: the questionnaire to send (./questionnaire, from ./questions) and the import
 * of its responses (./import, on a file read as ./table; CSV text by ./csv).
 */
export * from "./questions";
export * from "./questionnaire";
export * from "./table";
export * from "./csv";
export * from "./import";
