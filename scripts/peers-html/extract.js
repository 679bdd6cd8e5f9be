// Reads [[name, path], ...] as JSON on stdin; writes {name: text} with Mozilla
// Readability's article text, one paragraph per block element, blank lines between.
const fs = require("fs");
const { JSDOM, VirtualConsole } = require("jsdom");
const { Readability } = require("@mozilla/readability");

const BLOCK = new Set(["P", "DIV", "SECTION", "ARTICLE", "H1", "H2", "H3", "H4", "H5", "H6",
  "LI", "BLOCKQUOTE", "PRE", "FIGCAPTION", "TR", "TD", "TH", "DT", "DD", "TABLE", "UL", "OL",
  "FIGURE", "HEADER"]);

function text(node, out) {
  for (const child of node.childNodes) {
    if (child.nodeType === 3) {
      out.cur += child.nodeValue.replace(/\s+/g, " ");
    } else if (child.nodeType === 1) {
      if (child.tagName === "BR") { out.cur += "\n"; continue; }
      const block = BLOCK.has(child.tagName);
      if (block) flush(out);
      text(child, out);
      if (block) flush(out);
    }
  }
}

function flush(out) {
  const t = out.cur.split("\n").map((l) => l.trim()).filter((l) => l).join("\n");
  if (t) out.paras.push(t);
  out.cur = "";
}

const pages = JSON.parse(fs.readFileSync(0, "utf8"));
const result = {};
for (const [name, path] of pages) {
  try {
    const html = fs.readFileSync(path, "utf8");
    const dom = new JSDOM(html, { virtualConsole: new VirtualConsole() });
    const article = new Readability(dom.window.document).parse();
    if (!article) { result[name] = ""; continue; }
    const frag = new JSDOM(article.content).window.document.body;
    const out = { cur: "", paras: [] };
    text(frag, out);
    flush(out);
    result[name] = out.paras.join("\n\n");
  } catch (e) {
    process.stderr.write(`${name}: ${e}\n`);
    result[name] = "";
  }
}
process.stdout.write(JSON.stringify(result));
