/**
 * The add-in manifest (manifest.xml) and the URL rewrite that dist/manifest.xml gets at build time.
 * The XML is read with a tiny element walker (no dependency): enough for an add-in manifest.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DEV_BASE_URL, normaliseBaseUrl, resolveBaseUrl, rewriteManifest } from "../scripts/manifest-url.cjs";
import { REQUIRED_SETS } from "../src/excel/requirements";

const ROOT = join(__dirname, "..");
const SOURCE = readFileSync(join(ROOT, "manifest.xml"), "utf8");

interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  text: string;
}

function decode(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

/** Parses elements, attributes and text; skips the declaration, comments and CDATA-free markup. */
function parseXml(xml: string): XmlElement {
  const body = xml.replace(/<\?[\s\S]*?\?>/g, "").replace(/<!--[\s\S]*?-->/g, "");
  const root: XmlElement = { name: "#document", attributes: {}, children: [], text: "" };
  const stack: XmlElement[] = [root];
  const token = /<(\/?)([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;
  let m: RegExpExecArray | null;
  while ((m = token.exec(body)) !== null) {
    const [, closing, name, attrText, selfClosing, text] = m;
    const top = stack[stack.length - 1];
    if (text !== undefined) {
      top.text += decode(text);
      continue;
    }
    if (closing) {
      if (top.name !== name) throw new Error(`</${name}> closes <${top.name}>`);
      stack.pop();
      continue;
    }
    const attributes: Record<string, string> = {};
    for (const a of attrText.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
      attributes[a[1]] = decode(a[2] ?? a[3] ?? "");
    }
    const element: XmlElement = { name, attributes, children: [], text: "" };
    top.children.push(element);
    if (!selfClosing) stack.push(element);
  }
  if (stack.length !== 1) throw new Error(`<${stack[stack.length - 1].name}> is not closed`);
  return root;
}

function all(root: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement): void => {
    if (e.name === name) out.push(e);
    e.children.forEach(walk);
  };
  walk(root);
  return out;
}

function one(root: XmlElement, name: string): XmlElement {
  const found = all(root, name);
  if (found.length !== 1) throw new Error(`expected one <${name}>, found ${found.length}`);
  return found[0];
}

function child(e: XmlElement, name: string): XmlElement {
  const found = e.children.find((c) => c.name === name);
  if (!found) throw new Error(`<${e.name}> has no <${name}>`);
  return found;
}

/** Every URL in a manifest: attribute values that look like URLs (not namespaces) and AppDomain texts. */
function urls(root: XmlElement): string[] {
  const out: string[] = [];
  const walk = (e: XmlElement): void => {
    for (const [name, v] of Object.entries(e.attributes)) {
      if (!name.startsWith("xmlns") && /^[a-z]+:\/\//i.test(v)) out.push(v);
    }
    if (/^[a-z]+:\/\//i.test(e.text.trim())) out.push(e.text.trim());
    e.children.forEach(walk);
  };
  walk(root);
  return out;
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const data = readFileSync(file);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!data.subarray(0, 8).equals(signature)) throw new Error(`${file} is not a PNG`);
  if (data.toString("ascii", 12, 16) !== "IHDR") throw new Error(`${file} has no IHDR first`);
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

const doc = parseXml(SOURCE);
const app = one(doc, "OfficeApp");
const resources = one(doc, "Resources");
const resourceIds = new Map<string, XmlElement>();
for (const group of resources.children) {
  for (const r of group.children) {
    if (resourceIds.has(r.attributes.id)) throw new Error(`duplicate resource id ${r.attributes.id}`);
    resourceIds.set(r.attributes.id, r);
  }
}
const resource = (id: string): string => {
  const r = resourceIds.get(id);
  if (!r) throw new Error(`no resource ${id}`);
  return r.attributes.DefaultValue;
};

describe("manifest.xml", () => {
  test("is an Excel task pane add-in with a fixed id", () => {
    expect(app.attributes["xsi:type"]).toBe("TaskPaneApp");
    expect(child(app, "Id").text.trim()).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    expect(child(app, "Id").text.trim()).toBe("c05c1259-e346-4186-bec3-2f44f6614b21");
    expect(child(app, "Version").text.trim()).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(child(app, "ProviderName").text.trim()).not.toBe("");
    expect(child(app, "DisplayName").attributes.DefaultValue).toBe("Partnership Audit");
    expect(child(app, "Description").attributes.DefaultValue.length).toBeGreaterThan(20);
    expect(child(app, "Hosts").children.map((h) => h.attributes.Name)).toEqual(["Workbook"]);
  });

  test("asks for ReadWriteDocument and nothing more", () => {
    expect(all(doc, "Permissions").map((p) => p.text.trim())).toEqual(["ReadWriteDocument"]);
  });

  test("declares exactly the requirement sets the code needs (the list the pane also checks)", () => {
    const sets = all(child(app, "Requirements"), "Set").map(
      (s) => `${s.attributes.Name} ${s.attributes.MinVersion}`,
    );
    expect(sets).toEqual(["ExcelApi 1.13", "SharedRuntime 1.1", "CustomFunctionsRuntime 1.3"]);
    expect(sets).toEqual(REQUIRED_SETS.map((r) => `${r.name} ${r.version}`));
  });

  test("the support and learn-more links are the add-in's own help page", () => {
    expect(child(app, "SupportUrl").attributes.DefaultValue).toBe(`${DEV_BASE_URL}/help.html`);
    expect(resource("GetStarted.LearnMoreUrl")).toBe(`${DEV_BASE_URL}/help.html`);
  });

  test("every resource id has at most 32 characters and every resid is defined", () => {
    for (const id of resourceIds.keys()) expect(id.length).toBeLessThanOrEqual(32);
    const referenced = new Set<string>();
    const walk = (e: XmlElement): void => {
      if (e.attributes.resid !== undefined) referenced.add(e.attributes.resid);
      e.children.forEach(walk);
    };
    walk(doc);
    expect(referenced.size).toBeGreaterThan(5);
    for (const id of referenced) {
      expect(id.length).toBeLessThanOrEqual(32);
      expect(resourceIds.has(id) ? id : `undefined resid ${id}`).toBe(id);
    }
  });

  test("every URL is https on the dev server, https://localhost:3000", () => {
    const found = urls(app);
    expect(found.length).toBeGreaterThan(8);
    for (const url of found)
      expect(
        url.startsWith(`${DEV_BASE_URL}/`) || url === DEV_BASE_URL ? url : `not on the dev server: ${url}`,
      ).toBe(url);
  });

  test("one shared runtime serves the task pane, the custom functions and the commands", () => {
    const runtime = one(doc, "Runtime");
    expect(runtime.attributes).toEqual({ resid: "Taskpane.Url", lifetime: "long" });
    expect(resource("Taskpane.Url")).toBe(`${DEV_BASE_URL}/taskpane.html`);
    const functions = all(doc, "ExtensionPoint").find((e) => e.attributes["xsi:type"] === "CustomFunctions");
    if (!functions) throw new Error("no CustomFunctions extension point");
    const location = (name: string): string =>
      child(child(functions, name), "SourceLocation").attributes.resid;
    expect(location("Page")).toBe("Taskpane.Url");
    expect(resource(location("Script"))).toBe(`${DEV_BASE_URL}/functions.js`);
    expect(resource(location("Metadata"))).toBe(`${DEV_BASE_URL}/functions.json`);
    expect(resource(child(functions, "Namespace").attributes.resid)).toBe("AUDIT");
    expect(one(doc, "FunctionFile").attributes.resid).toBe("Taskpane.Url");
  });

  test("the Home tab has a button that opens the pane and one that checks the workbook", () => {
    const tab = one(doc, "OfficeTab");
    expect(tab.attributes.id).toBe("TabHome");
    const controls = all(tab, "Control");
    const show = controls
      .map((c) => child(c, "Action"))
      .find((a) => a.attributes["xsi:type"] === "ShowTaskpane");
    if (!show) throw new Error("no ShowTaskpane button");
    expect(child(show, "TaskpaneId").text.trim()).toBe("ButtonId1");
    expect(child(show, "SourceLocation").attributes.resid).toBe("Taskpane.Url");
    const labels = controls.map((c) => resource(child(c, "Label").attributes.resid));
    expect(labels).toContain("Partnership audit");
    const execute = controls
      .map((c) => child(c, "Action"))
      .find((a) => a.attributes["xsi:type"] === "ExecuteFunction");
    if (!execute) throw new Error("no ExecuteFunction button");
    const name = child(execute, "FunctionName").text.trim();
    const commands = readFileSync(join(ROOT, "src/commands/commands.ts"), "utf8");
    expect(commands).toContain(`Office.actions.associate("${name}"`);
  });

  test("icons exist in assets/ with the pixel sizes the manifest says", () => {
    const icons: { url: string; size: number }[] = [
      { url: child(app, "IconUrl").attributes.DefaultValue, size: 32 },
      { url: child(app, "HighResolutionIconUrl").attributes.DefaultValue, size: 64 },
      ...[...resourceIds.values()]
        .filter((r) => r.name === "bt:Image")
        .map((r) => ({
          url: r.attributes.DefaultValue,
          size: Number(/(\d+)x\1$/.exec(r.attributes.id)?.[1]),
        })),
    ];
    for (const image of all(doc, "bt:Image").filter((i) => i.attributes.size !== undefined)) {
      expect(resource(image.attributes.resid)).toMatch(new RegExp(`icon-${image.attributes.size}\\.png$`));
    }
    const sizes = new Set<number>();
    for (const { url, size } of icons) {
      expect(url.startsWith(`${DEV_BASE_URL}/assets/`)).toBe(true);
      const file = join(ROOT, url.slice(`${DEV_BASE_URL}/`.length));
      expect(pngSize(file)).toEqual({ width: size, height: size });
      sizes.add(size);
    }
    expect([...sizes].sort((a, b) => a - b)).toEqual([16, 32, 64, 80]);
  });
});

describe("dist/manifest.xml: the build's base URL", () => {
  const base = "https://addins.example.org/partnership-audit";

  test("every localhost URL is replaced by the base URL", () => {
    const rewritten = rewriteManifest(SOURCE, `${base}/`);
    expect(rewritten).not.toContain("localhost");
    const found = urls(one(parseXml(rewritten), "OfficeApp"));
    expect(found.length).toBe(urls(app).length);
    for (const url of found) expect(url.startsWith(base) ? url : `not rewritten: ${url}`).toBe(url);
    expect(rewritten).toContain(`<bt:Url id="Taskpane.Url" DefaultValue="${base}/taskpane.html"/>`);
    expect(rewritten).toContain(`<AppDomain>${base}</AppDomain>`);
  });

  test("the default keeps the dev server", () => {
    expect(rewriteManifest(SOURCE, DEV_BASE_URL)).toBe(SOURCE);
    expect(resolveBaseUrl(undefined, {})).toBe(DEV_BASE_URL);
  });

  test("--env baseUrl wins over ADDIN_BASE_URL", () => {
    expect(resolveBaseUrl({ baseUrl: "https://a.example" }, { ADDIN_BASE_URL: "https://b.example" })).toBe(
      "https://a.example",
    );
    expect(resolveBaseUrl({}, { ADDIN_BASE_URL: "https://b.example/x/" })).toBe("https://b.example/x");
  });

  test("a base URL that Office cannot load is refused with a message", () => {
    expect(() => normaliseBaseUrl("http://addins.example.org")).toThrow(/https/);
    expect(() => normaliseBaseUrl("addins.example.org")).toThrow(/not a URL/);
    expect(() => normaliseBaseUrl("https://addins.example.org/?a=1")).toThrow(/query/);
  });
});
