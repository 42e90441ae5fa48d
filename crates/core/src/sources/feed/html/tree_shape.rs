//! Whether vendor HTML is simple enough for the HTML parser (html5ever, under the window's
//! sanitiser), whose work grows faster than its input on deep or broken markup: the elements
//! open at once and the elements built, counted the way its tree builder counts them — an end
//! tag does not close past a block it does not name (`<span><div></span>` stays two deep), and a
//! formatting element a block's end closed is rebuilt at the next tag or text (`<p><b></p>`
//! repeated rebuilds every earlier `<b>`). One linear pass; where it cannot tell, it counts more,
//! never less, than the parser builds.

/// The deepest tag nesting a vendor's HTML may have to be given to the HTML parser.
pub const MAX_NESTING: usize = 128;
/// The most elements (tags, and elements the parser rebuilds) a vendor's HTML may have to be
/// given to the HTML parser.
pub const MAX_TAGS: usize = 5_000;

/// Elements that never hold others (they do not deepen the nesting).
const VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Levels and elements kept free under the limits (see [`Tree::over`]).
const MARGIN_DEPTH: usize = 8;
const MARGIN_ELEMENTS: usize = 64;

/// Elements whose end tag may be left out: a new one closes the one before.
const OPTIONAL_END: &[&str] = &["li", "p", "dt", "dd", "tr", "td", "th", "option"];

/// Formatting elements: when a block's end closes one, it stays active and the parser rebuilds
/// it before the next content.
const FORMATTING: &[&str] = &[
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
];

/// The tree builder's "special" elements: an end tag of another name stops at one (ignored).
const SPECIAL: &[&str] = &[
    "address",
    "applet",
    "area",
    "article",
    "aside",
    "base",
    "basefont",
    "bgsound",
    "blockquote",
    "body",
    "br",
    "button",
    "caption",
    "center",
    "col",
    "colgroup",
    "dd",
    "details",
    "dir",
    "div",
    "dl",
    "dt",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "iframe",
    "img",
    "input",
    "keygen",
    "li",
    "link",
    "listing",
    "main",
    "marquee",
    "menu",
    "meta",
    "nav",
    "noembed",
    "noframes",
    "noscript",
    "object",
    "ol",
    "p",
    "param",
    "plaintext",
    "pre",
    "script",
    "search",
    "section",
    "select",
    "source",
    "style",
    "summary",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "track",
    "ul",
    "wbr",
    "xmp",
];

/// A table's parts: ignored by the parser outside a table.
const TABLE_PARTS: &[&str] = &[
    "caption", "col", "colgroup", "tbody", "td", "tfoot", "th", "thead", "tr",
];

/// Elements a search for an element "in scope" stops at.
const SCOPE: &[&str] = &[
    "applet", "caption", "html", "table", "td", "th", "marquee", "object", "template",
];

/// Start tags before which the parser does not rebuild closed formatting elements (blocks).
fn rebuilds_before(name: &str) -> bool {
    !SPECIAL.contains(&name)
        || matches!(
            name,
            "applet"
                | "marquee"
                | "object"
                | "area"
                | "br"
                | "embed"
                | "img"
                | "keygen"
                | "wbr"
                | "input"
                | "select"
                | "button"
        )
}

/// One open element: its name, and, for a formatting element still active, its tag (name and
/// attributes as written: the parser keeps at most three active alike).
struct Open {
    name: String,
    active: Option<String>,
}

/// The tree builder's stack of open elements, as far as depth and elements built go.
#[derive(Default)]
struct Tree {
    open: Vec<Open>,
    /// Active formatting elements a block's end closed (name, tag): rebuilt before the next
    /// content.
    closed_active: Vec<(String, String)>,
    built: usize,
}

impl Tree {
    /// Over the limits, less a margin for the few elements the parser adds that are not
    /// modelled here (the document's own, an implied one here and there).
    fn over(&self) -> bool {
        self.open.len() + MARGIN_DEPTH > MAX_NESTING || self.built + MARGIN_ELEMENTS > MAX_TAGS
    }

    /// The parser rebuilds the active formatting elements that are closed.
    fn reconstruct(&mut self) {
        self.built += self.closed_active.len();
        for (name, tag) in self.closed_active.drain(..) {
            self.open.push(Open {
                name,
                active: Some(tag),
            });
        }
    }

    /// Pops the open elements from `at` on; active formatting ones wait to be rebuilt.
    fn close_to(&mut self, at: usize) {
        for popped in self.open.drain(at..) {
            if let Some(tag) = popped.active {
                self.closed_active.push((popped.name, tag));
            }
        }
    }

    /// The innermost open `name`, not looking past an element `stop` names.
    fn find(&self, name: &str, stop: impl Fn(&str) -> bool) -> Option<usize> {
        for (at, open) in self.open.iter().enumerate().rev() {
            if open.name == name {
                return Some(at);
            }
            if stop(&open.name) {
                return None;
            }
        }
        None
    }

    /// A new active formatting element `tag`: with three alike active already, the earliest of
    /// them is no longer active (the parser's "Noah's Ark" rule).
    fn activate(&mut self, tag: &str) {
        let open_alike = self
            .open
            .iter()
            .filter(|o| o.active.as_deref() == Some(tag))
            .count();
        let closed_alike = self.closed_active.iter().filter(|(_, t)| t == tag).count();
        if open_alike + closed_alike < 3 {
            return;
        }
        if let Some(first) = self
            .open
            .iter_mut()
            .find(|o| o.active.as_deref() == Some(tag))
        {
            first.active = None;
        } else if let Some(at) = self.closed_active.iter().position(|(_, t)| t == tag) {
            self.closed_active.remove(at);
        }
    }

    fn start(&mut self, name: String, tag: &str) {
        // Outside a table, the parser ignores a table's parts.
        if TABLE_PARTS.contains(&name.as_str()) && self.find("table", |_| false).is_none() {
            return;
        }
        if rebuilds_before(&name) {
            self.reconstruct();
        }
        self.built += 1;
        if VOID.contains(&name.as_str()) {
            return;
        }
        // A block closes an open `<p>` (looking past anything but a scope's edge).
        if !rebuilds_before(&name) {
            let edge = |open: &str| SCOPE.contains(&open) || open == "button";
            if let Some(at) = self.find("p", edge) {
                self.close_to(at);
            }
        }
        if OPTIONAL_END.contains(&name.as_str()) {
            let blocks = |open: &str| SPECIAL.contains(&open) && !matches!(open, "address" | "div");
            if let Some(at) = self.find(&name, blocks) {
                self.close_to(at);
            }
        }
        self.implied_table_rows(&name);
        let active = FORMATTING.contains(&name.as_str()).then(|| {
            self.activate(tag);
            tag.to_string()
        });
        self.open.push(Open { name, active });
    }

    /// A cell outside a row, or a row right in a table, gets the row and body the parser
    /// inserts around it.
    fn implied_table_rows(&mut self, name: &str) {
        let top = self.open.last().map(|o| o.name.as_str());
        let mut implied: &[&str] = &[];
        if matches!(name, "td" | "th") && top != Some("tr") {
            implied = if top == Some("tbody") {
                &["tr"]
            } else {
                &["tbody", "tr"]
            };
        } else if name == "tr" && top == Some("table") {
            implied = &["tbody"];
        }
        for part in implied {
            self.built += 1;
            self.open.push(Open {
                name: (*part).to_string(),
                active: None,
            });
        }
    }

    fn end(&mut self, name: &str) {
        if FORMATTING.contains(&name) {
            if let Some(at) = self.closed_active.iter().rposition(|(n, _)| n == name) {
                self.closed_active.remove(at);
            } else if let Some(at) = self.find(name, |open| SCOPE.contains(&open)) {
                // Out of scope (behind a table's edge) the end tag is ignored; in scope, the
                // adoption agency may clone what lies above it: counted as built.
                self.built += self.open.len() - at;
                self.open.remove(at);
            }
        } else if SPECIAL.contains(&name) {
            match self.find(name, |open| SCOPE.contains(&open)) {
                Some(at) => self.close_to(at),
                // `</p>` and `</br>` with nothing to close build an element.
                None => self.built += 1,
            }
        } else if let Some(at) = self.find(name, |open| SPECIAL.contains(&open)) {
            self.close_to(at);
        }
    }
}

/// Whether `html` is simple enough for the HTML parser: at most [`MAX_NESTING`] elements open at
/// once and [`MAX_TAGS`] elements built, counted as its tree builder counts them.
pub fn simple_enough(html: &str) -> bool {
    let bytes = html.as_bytes();
    // `&` and NUL cost the HTML parser as much as tags (runs of them are quadratic there).
    let references = bytes.iter().filter(|b| **b == b'&' || **b == 0).count();
    if references > MAX_TAGS {
        return false;
    }
    let mut tree = Tree::default();
    let mut at = 0;
    while at < bytes.len() {
        let next = bytes[at..].iter().position(|b| *b == b'<').map(|n| at + n);
        let text_end = next.unwrap_or(bytes.len());
        if text_end > at {
            tree.reconstruct();
        }
        let Some(open_at) = next else { break };
        let closing = bytes.get(open_at + 1) == Some(&b'/');
        let name_at = open_at + 1 + usize::from(closing);
        let name: String = bytes[name_at..]
            .iter()
            .take(10)
            .take_while(|b| b.is_ascii_alphanumeric())
            .map(|b| char::from(b.to_ascii_lowercase()))
            .collect();
        if !name.as_bytes().first().is_some_and(u8::is_ascii_alphabetic) {
            // `a < b`: text.
            tree.reconstruct();
            at = open_at + 1;
            continue;
        }
        let end = bytes[name_at..]
            .iter()
            .position(|b| *b == b'>')
            .map_or(bytes.len(), |end| name_at + end);
        at = (end + 1).min(bytes.len());
        if closing {
            tree.end(&name);
        } else {
            // Alike means the same name and attributes; a long tag is never taken as alike.
            let tag = html.get(name_at..end).filter(|t| t.len() <= 256);
            let unique = format!("{open_at}");
            tree.start(name, tag.unwrap_or(&unique));
        }
        if tree.over() {
            return false;
        }
    }
    true
}

#[cfg(test)]
#[path = "tree_shape_tests.rs"]
mod tests;
