//! The article of a saved web page (`.html`, `.htm`).
//!
//! The page is parsed as browsers parse it ([scraper], built on html5ever: broken markup
//! is repaired, entities are decoded). Its text is cut into blocks (paragraphs, headings,
//! list items, quotes, captions, preformatted text, table cells); the block that holds the
//! article is found by scoring containers as Readability does: every paragraph of some
//! length gives its parent and grandparent points for its length and its commas, and a
//! container loses what share of its text is links and gains or loses by the words in its
//! class and id (`article`, `content`, `story`, `body` against `nav`, `footer`, `share`,
//! `related`, `comment`, `cookie`, `subscribe`, `promo`, ...). The best container and
//! those of its siblings that score near it give the article; the page's first `<h1>`
//! leads it as the headline.
//!
//! Scripts, styles, form controls, buttons, frames, drawings, navigation, menus, asides,
//! footers, headers outside the article, hidden elements and elements whose class or id
//! says they are no content (share bars, cookie banners, related links, ...) are left out
//! before scoring (a `<form>` itself is kept: some pages wrap the whole article in one). Each block is one paragraph; a `<br>` is a line feed inside it.
//!
//! [scraper]: https://docs.rs/scraper

use std::collections::{HashMap, HashSet};

use ego_tree::{NodeId, NodeRef};
use scraper::{Html, Node};

/// How far into a page [`page_lang`] and [`sniff`] look.
const HEAD: usize = 64 << 10;

/// Whether `bytes` start as an HTML page: `<!DOCTYPE html` or `<html` after a byte order
/// mark, white space and comments.
pub fn sniff(bytes: &[u8]) -> bool {
    let mut rest = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    loop {
        while let Some((&c, tail)) = rest.split_first() {
            if c.is_ascii_whitespace() {
                rest = tail;
            } else {
                break;
            }
        }
        if rest.starts_with(b"<!--") {
            match memchr::memmem::find(rest, b"-->") {
                Some(end) => rest = &rest[end + 3..],
                None => return false,
            }
        } else if rest.starts_with(b"<?xml") {
            match memchr::memchr(b'>', rest) {
                Some(end) => rest = &rest[end + 1..],
                None => return false,
            }
        } else {
            break;
        }
    }
    let head = &rest[..rest.len().min(16)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    lower.starts_with(b"<!doctype html") || lower.starts_with(b"<html")
}

/// The `lang` attribute of the page's `<html>` element (`en-GB`), looked for in its first
/// 64 KB without parsing the page.
pub fn page_lang(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(HEAD)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(at) = memchr::memmem::find(&lower[from..], b"<html") {
        let start = from + at + 5;
        from = start;
        if lower
            .get(start)
            .is_some_and(|c| !c.is_ascii_whitespace() && *c != b'>')
        {
            continue;
        }
        let end = start + memchr::memchr(b'>', &lower[start..])?;
        let tag = &lower[start..end];
        let mut pos = 0;
        while let Some(i) = memchr::memmem::find(&tag[pos..], b"lang") {
            let i = pos + i;
            pos = i + 4;
            let before_ok = i == 0 || tag[i - 1].is_ascii_whitespace();
            let mut j = i + 4;
            while tag.get(j).is_some_and(u8::is_ascii_whitespace) {
                j += 1;
            }
            if !before_ok || tag.get(j) != Some(&b'=') {
                continue;
            }
            j += 1;
            while tag.get(j).is_some_and(u8::is_ascii_whitespace) {
                j += 1;
            }
            let raw = &head[start + j..end];
            let value: Vec<u8> = match raw.first() {
                Some(&q) if q == b'"' || q == b'\'' => {
                    raw[1..].iter().copied().take_while(|&c| c != q).collect()
                }
                _ => raw
                    .iter()
                    .copied()
                    .take_while(|c| !c.is_ascii_whitespace() && *c != b'/')
                    .collect(),
            };
            let value = String::from_utf8_lossy(&value).trim().to_string();
            return (!value.is_empty()).then_some(value);
        }
        return None;
    }
    None
}

/// The article text of an HTML page: paragraphs separated by blank lines, the headline
/// first. A page without text gives an empty string.
pub fn extract(html: &str) -> String {
    let doc = Html::parse_document(html);
    let mut walker = Walker {
        page: PageText::of(doc.tree.root()),
        ..Walker::default()
    };
    walker.walk(doc.tree.root(), false, false);
    walker.flush();
    let blocks = walker.blocks;
    let selected = select(&doc, &blocks);
    let mut out: Vec<&str> = Vec::new();
    let headline = headline(&doc);
    if let Some(h) = &headline {
        let inside = blocks
            .iter()
            .zip(&selected)
            .any(|(b, &s)| s && b.text == *h);
        if !inside {
            out.push(h);
        }
    }
    for (block, &keep) in blocks.iter().zip(&selected) {
        if keep {
            out.push(&block.text);
        }
    }
    let mut text = out.join("\n\n");
    if !text.is_empty() {
        text.push('\n');
    }
    text
}

/// A paragraph of the page's text.
#[derive(Debug)]
struct Block {
    text: String,
    /// Characters of the text inside links.
    link_chars: usize,
    /// The element whose inline content the block is.
    owner: NodeId,
    /// The owner's tag name.
    tag: &'static str,
}

/// Cuts the page into [`Block`]s, leaving out what is no content.
#[derive(Default)]
struct Walker {
    blocks: Vec<Block>,
    text: String,
    link_chars: usize,
    owner: Option<(NodeId, &'static str)>,
    page: PageText,
}

/// Elements left out with all they hold.
const DROP: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "aside", "footer", "button", "iframe", "svg",
    "select", "textarea", "input", "object", "embed", "canvas", "video", "audio", "map", "dialog",
    "menu", "head", "link", "meta", "label",
];

/// Elements that start a block of their own.
const BLOCK: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "figure",
    "figcaption",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "header",
    "body",
    "center",
    "address",
    "hr",
    "caption",
    "details",
    "summary",
    "hgroup",
    "picture",
];

/// The class and id words of [`WORDS_FILE`], by list.
struct Words {
    /// Elements left out with all they hold.
    unlikely: Vec<&'static str>,
    /// Elements left out unless they hold much paragraph text.
    unlikely_unless_text: Vec<&'static str>,
    /// Words that keep an element the two lists above would leave out.
    maybe: Vec<&'static str>,
    /// Words of the article's container.
    positive: Vec<&'static str>,
    /// Words of containers that are not the article.
    negative: Vec<&'static str>,
}

/// The word lists: `[list]` headers, one word a line, `#` comments.
const WORDS_FILE: &str = include_str!("html_words.txt");

static WORDS: std::sync::LazyLock<Words> = std::sync::LazyLock::new(|| {
    let mut words = Words {
        unlikely: Vec::new(),
        unlikely_unless_text: Vec::new(),
        maybe: Vec::new(),
        positive: Vec::new(),
        negative: Vec::new(),
    };
    let mut list: Option<&mut Vec<&'static str>> = None;
    for line in WORDS_FILE.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            list = match name {
                "unlikely" => Some(&mut words.unlikely),
                "unlikely-unless-text" => Some(&mut words.unlikely_unless_text),
                "maybe" => Some(&mut words.maybe),
                "positive" => Some(&mut words.positive),
                "negative" => Some(&mut words.negative),
                _ => None,
            };
            continue;
        }
        if let Some(list) = list.as_mut() {
            list.push(line);
        }
    }
    words
});

/// Paragraph text an element must hold for [`Words::unlikely_unless_text`] not to leave
/// it out, in characters (and at least half of all its text).
const MUCH_TEXT: usize = 500;

/// The class and id of an element, lowercased.
fn class_id(el: &scraper::node::Element) -> String {
    let mut s = String::new();
    for name in ["class", "id"] {
        if let Some(v) = el.attr(name) {
            s.push_str(&v.to_ascii_lowercase());
            s.push(' ');
        }
    }
    s
}

/// Whether an element holds no content: by its tag, role, hidden state or class and id.
fn is_dropped(el: &scraper::node::Element, id: NodeId, in_article: bool, page: &PageText) -> bool {
    let tag = el.name();
    if DROP.contains(&tag) {
        return true;
    }
    if tag == "header" && !in_article {
        return true;
    }
    if el.attr("hidden").is_some() || el.attr("aria-hidden") == Some("true") {
        return true;
    }
    if let Some(style) = el.attr("style") {
        let style: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if style.contains("display:none") || style.contains("visibility:hidden") {
            return true;
        }
    }
    if let Some(role) = el.attr("role") {
        if matches!(
            role,
            "navigation"
                | "menu"
                | "menubar"
                | "complementary"
                | "alert"
                | "alertdialog"
                | "dialog"
                | "banner"
                | "contentinfo"
                | "search"
        ) {
            return true;
        }
    }
    if matches!(tag, "body" | "html" | "article" | "main" | "a") {
        return false;
    }
    let names = class_id(el);
    if names.is_empty() {
        return false;
    }
    let words = &*WORDS;
    if words.maybe.iter().any(|w| names.contains(w)) || page.holds_article.contains(&id) {
        return false;
    }
    if words.unlikely.iter().any(|w| names.contains(w)) {
        return true;
    }
    if words.unlikely_unless_text.iter().any(|w| names.contains(w)) {
        let (prose, all) = page.chars.get(&id).copied().unwrap_or((0, 0));
        return prose < MUCH_TEXT || prose * 2 < all;
    }
    false
}

/// What [`is_dropped`] needs to know of the whole page before the walk.
#[derive(Default)]
struct PageText {
    /// Characters of paragraph text (in `<p>`, outside links) and of all text, by element.
    chars: HashMap<NodeId, (usize, usize)>,
    /// The elements that hold an `<article>`, a `<main>` or an `itemprop="articleBody"`.
    holds_article: HashSet<NodeId>,
}

impl PageText {
    fn of(root: NodeRef<'_, Node>) -> PageText {
        let mut page = PageText::default();
        // Open elements with their counts so far, whether in a `<p>`, whether in a link.
        let mut stack: Vec<(NodeId, usize, usize, bool, bool)> = Vec::new();
        for edge in root.traverse() {
            match edge {
                ego_tree::iter::Edge::Open(node) => match node.value() {
                    Node::Element(el) => {
                        let (in_p, in_a) = stack.last().map_or((false, false), |t| (t.3, t.4));
                        let tag = el.name();
                        if matches!(tag, "article" | "main")
                            || el.attr("itemprop") == Some("articleBody")
                        {
                            for t in &stack {
                                page.holds_article.insert(t.0);
                            }
                        }
                        stack.push((node.id(), 0, 0, in_p || tag == "p", in_a || tag == "a"));
                    }
                    Node::Text(t) => {
                        if let Some(top) = stack.last_mut() {
                            let n = t.trim().chars().count();
                            top.2 += n;
                            if top.3 && !top.4 {
                                top.1 += n;
                            }
                        }
                    }
                    _ => {}
                },
                ego_tree::iter::Edge::Close(node) => {
                    if node.value().is_element() {
                        if let Some((id, prose, all, _, _)) = stack.pop() {
                            if let Some(parent) = stack.last_mut() {
                                parent.1 += prose;
                                parent.2 += all;
                            }
                            page.chars.insert(id, (prose, all));
                        }
                    }
                }
            }
        }
        page
    }
}

impl Walker {
    /// Walks `node`'s subtree: `pre` keeps white space, `link` counts text as link text.
    fn walk(&mut self, node: NodeRef<'_, Node>, pre: bool, link: bool) {
        self.walk_in(node, pre, link, false);
    }

    fn walk_in(&mut self, node: NodeRef<'_, Node>, pre: bool, link: bool, in_article: bool) {
        match node.value() {
            Node::Text(t) => self.push_text(t, pre, link),
            Node::Element(el) => {
                if is_dropped(el, node.id(), in_article, &self.page) {
                    return;
                }
                let tag = el.name();
                if tag == "br" {
                    self.text.push('\n');
                    return;
                }
                let in_article = in_article || tag == "article" || tag == "main";
                let pre = pre || tag == "pre";
                let link = link || tag == "a";
                if let Some(&block) = BLOCK.iter().find(|&&b| b == tag) {
                    self.flush();
                    let saved = self.owner.replace((node.id(), block));
                    for child in node.children() {
                        self.walk_in(child, pre, link, in_article);
                    }
                    self.flush();
                    self.owner = saved;
                } else {
                    if matches!(tag, "td" | "th") {
                        self.text.push(' ');
                    }
                    for child in node.children() {
                        self.walk_in(child, pre, link, in_article);
                    }
                }
            }
            Node::Document | Node::Fragment => {
                for child in node.children() {
                    self.walk_in(child, pre, link, in_article);
                }
            }
            _ => {}
        }
    }

    fn push_text(&mut self, t: &str, pre: bool, link: bool) {
        let before = self.text.chars().count();
        if pre {
            self.text.push_str(t);
        } else {
            for (i, word) in t.split(char::is_whitespace).enumerate() {
                if i > 0 && !self.text.ends_with([' ', '\n']) && !self.text.is_empty() {
                    self.text.push(' ');
                }
                self.text.push_str(word);
            }
        }
        if link {
            self.link_chars += self.text.chars().count().saturating_sub(before);
        }
    }

    /// Ends the current block.
    fn flush(&mut self) {
        let raw = std::mem::take(&mut self.text);
        let link_chars = std::mem::take(&mut self.link_chars);
        let pre = self.owner.is_some_and(|(_, t)| t == "pre");
        let lines: Vec<&str> = raw
            .split('\n')
            .map(|l| if pre { l.trim_end() } else { l.trim() })
            .collect();
        let mut text = lines.join("\n");
        if !pre {
            while text.contains("\n\n") {
                text = text.replace("\n\n", "\n");
            }
        }
        let text = text.trim_matches('\n').to_string();
        if text.trim().is_empty() {
            return;
        }
        if let Some((owner, tag)) = self.owner {
            self.blocks.push(Block {
                text,
                link_chars,
                owner,
                tag,
            });
        }
    }
}

/// The page's headline: its first `<h1>` with text, else its `og:title`.
fn headline(doc: &Html) -> Option<String> {
    let h1 = scraper::Selector::parse("h1").ok()?;
    for el in doc.select(&h1) {
        let dropped = el.ancestors().any(|a| {
            a.value()
                .as_element()
                .is_some_and(|e| matches!(e.name(), "nav" | "footer" | "aside" | "script"))
        });
        let text = el.text().collect::<Vec<_>>().join(" ");
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if !dropped && !text.is_empty() {
            return Some(text);
        }
    }
    let og = scraper::Selector::parse(r#"meta[property="og:title"]"#).ok()?;
    doc.select(&og)
        .filter_map(|m| m.value().attr("content"))
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .find(|t| !t.is_empty())
}

/// The points a container's class and id give it.
fn class_weight(el: &scraper::node::Element) -> f64 {
    let names = class_id(el);
    let mut w = 0.0;
    if WORDS.negative.iter().any(|n| names.contains(n)) {
        w -= 25.0;
    }
    if WORDS.positive.iter().any(|p| names.contains(p)) {
        w += 25.0;
    }
    w
}

/// The container the article is in, from the best-scoring one: the closest ancestor that
/// holds three of the other containers scoring near it (an article cut into parts), else
/// a parent that scores more than the way up to it, then up through parents with no
/// other child element (Readability's rules).
fn promote<'a>(
    mut top: NodeRef<'a, Node>,
    mut top_score: f64,
    scores: &HashMap<NodeId, f64>,
) -> (NodeRef<'a, Node>, f64) {
    let score_of = |n: NodeRef<'_, Node>| scores.get(&n.id()).copied();
    let mut near: Vec<(NodeId, f64)> = scores
        .iter()
        .filter(|&(&id, &s)| id != top.id() && s >= top_score * 0.75)
        .map(|(&id, &s)| (id, s))
        .collect();
    near.sort_by(|a, b| b.1.total_cmp(&a.1));
    near.truncate(4);
    if near.len() >= 3 {
        let near: HashSet<NodeId> = near.into_iter().map(|(id, _)| id).collect();
        for ancestor in top.ancestors() {
            if ancestor.value().as_element().is_none() {
                break;
            }
            let held = ancestor
                .descendants()
                .filter(|d| near.contains(&d.id()))
                .take(3)
                .count();
            if held >= 3 {
                top_score = score_of(ancestor).unwrap_or(top_score).max(top_score);
                top = ancestor;
                break;
            }
        }
    } else {
        let mut last = top_score;
        let threshold = top_score / 3.0;
        for parent in top.ancestors() {
            let Some(el) = parent.value().as_element() else {
                break;
            };
            if el.name() == "body" {
                break;
            }
            let Some(score) = score_of(parent) else {
                continue;
            };
            if score < threshold {
                break;
            }
            if score > last {
                top = parent;
                top_score = score;
                break;
            }
            last = score;
        }
    }
    while let Some(parent) = top.parent() {
        let only = parent
            .value()
            .as_element()
            .is_some_and(|e| e.name() != "body")
            && parent.children().filter(|c| c.value().is_element()).count() == 1;
        if !only {
            break;
        }
        top = parent;
        top_score = score_of(parent).unwrap_or(top_score).max(top_score);
    }
    (top, top_score)
}

/// Which blocks are the article.
fn select(doc: &Html, blocks: &[Block]) -> Vec<bool> {
    // Text and link text of every element, from its blocks.
    let mut chars: HashMap<NodeId, (usize, usize)> = HashMap::new();
    let mut scores: HashMap<NodeId, f64> = HashMap::new();
    let initial = |node: NodeRef<'_, Node>| -> f64 {
        let Some(el) = node.value().as_element() else {
            return 0.0;
        };
        let base = match el.name() {
            "div" | "article" | "main" | "section" => 5.0,
            "pre" | "td" | "blockquote" => 3.0,
            "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
            _ => 0.0,
        };
        base + class_weight(el)
    };
    for block in blocks {
        let len = block.text.chars().count();
        let Some(owner) = doc.tree.get(block.owner) else {
            continue;
        };
        for node in std::iter::once(owner).chain(owner.ancestors()) {
            let e = chars.entry(node.id()).or_default();
            e.0 += len;
            e.1 += block.link_chars;
        }
        if len < 25
            || !matches!(
                block.tag,
                "p" | "td" | "pre" | "div" | "blockquote" | "section"
            )
        {
            continue;
        }
        let commas = block.text.matches([',', '，', '،']).count() as f64;
        let points = 1.0 + commas + (len as f64 / 100.0).min(3.0);
        for (level, node) in owner.ancestors().take(5).enumerate() {
            if node.value().as_element().is_none() {
                break;
            }
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f64 * 3.0,
            };
            *scores.entry(node.id()).or_insert_with(|| initial(node)) += points / divider;
        }
    }
    let density = |id: NodeId| -> f64 {
        let (t, l) = chars.get(&id).copied().unwrap_or((0, 0));
        if t == 0 {
            0.0
        } else {
            l as f64 / t as f64
        }
    };
    let mut best: Option<(NodeId, f64)> = None;
    let mut final_scores: HashMap<NodeId, f64> = HashMap::new();
    for (&id, &s) in &scores {
        let f = s * (1.0 - density(id));
        final_scores.insert(id, f);
        if best.is_none_or(|(_, b)| f > b) {
            best = Some((id, f));
        }
    }
    let mut roots: HashSet<NodeId> = HashSet::new();
    let best = best
        .and_then(|(id, s)| doc.tree.get(id).map(|n| (n, s)))
        .map(|(top, s)| promote(top, s, &final_scores));
    match best {
        Some((top, top_score)) => {
            roots.insert(top.id());
            let threshold = (top_score * 0.2).max(10.0);
            if let Some(parent) = top.parent() {
                for sibling in parent.children() {
                    if sibling.id() == top.id() {
                        continue;
                    }
                    let score = final_scores.get(&sibling.id()).copied().unwrap_or(0.0);
                    let keep = score >= threshold || {
                        let (t, _) = chars.get(&sibling.id()).copied().unwrap_or((0, 0));
                        sibling
                            .value()
                            .as_element()
                            .is_some_and(|e| e.name() == "p")
                            && t > 80
                            && density(sibling.id()) < 0.25
                    };
                    if keep {
                        roots.insert(sibling.id());
                    }
                }
            }
        }
        None => {
            // No paragraph long enough to score: the whole page.
            return blocks
                .iter()
                .map(|b| b.link_chars * 2 <= b.text.len())
                .collect();
        }
    }
    blocks
        .iter()
        .map(|block| {
            let Some(owner) = doc.tree.get(block.owner) else {
                return false;
            };
            let inside = std::iter::once(owner)
                .chain(owner.ancestors())
                .any(|n| roots.contains(&n.id()));
            let len = block.text.chars().count().max(1);
            inside && block.link_chars * 2 <= len
        })
        .collect()
}

#[cfg(test)]
mod tests;
