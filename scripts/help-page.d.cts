export declare const HELP_FILE: string;
export declare function anchorOf(id: string): string;
export declare function helpUrl(baseUrl: string, id: string): string;
export declare function rewriteMetadata(json: string, baseUrl: string): string;
export declare function renderHelpPage(json: string): string;
