/**
 * custom-functions-metadata-plugin appends `CustomFunctions.associate("ID", fn);` lines to the
 * functions entry. In the shared runtime the same bundle also runs in a plain browser (the page
 * opened outside Excel, the browser tests) where the CustomFunctions global does not exist, and an
 * unguarded call would throw there. This loader runs after the plugin's loader and before ts-loader:
 * - when the entry already associates its functions itself (guarded), the appended lines are dropped;
 * - otherwise each appended call is guarded with `typeof CustomFunctions !== "undefined"`.
 */
"use strict";

const APPENDED = /\nCustomFunctions\.associate\("([^"]+)", ([A-Za-z_$][\w$]*)\);/g;

module.exports = function customFunctionsGuardLoader(source) {
  const firstAppended = source.search(APPENDED);
  if (firstAppended < 0) return source;
  const own = source.slice(0, firstAppended);
  const associatesItself = /CustomFunctions\s*\.\s*associate\s*\(/.test(own);
  return source.replace(APPENDED, (_line, id, fn) =>
    associatesItself
      ? ""
      : `\nif (typeof CustomFunctions !== "undefined") CustomFunctions.associate("${id}", ${fn});`,
  );
};
