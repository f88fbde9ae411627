//! Markdown: the prose of a CommonMark file, read with pulldown-cmark's
//! offset iterator.
//!
//! Front matter (YAML between `---` lines or TOML between `+++` lines, at the
//! very start) is not prose; its `lang`, `source_lang` and `title` fields are
//! read. Code, autolinks, link and image targets, footnote references and
//! task markers are not prose; link text and image alt text are (alt text as
//! a caption). Raw HTML is read as HTML, so an inline `<em>` splits nothing,
//! a `<script>` is skipped and comments are kept. Block elements end
//! paragraphs; soft and hard line breaks stay line breaks.

use super::html::HtmlReader;
use super::prose::Prose;
use super::{Document, Format, Scope};
use crate::error::LocatedError;
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};
use serde::Deserialize;
use std::ops::Range;
use std::sync::Arc;

pub fn read(path: &str, text: String) -> Result<Document, LocatedError> {
    let front = front_matter(&text);
    let fields = match &front {
        Some(front) => front.fields(path, &text)?,
        None => Fields::default(),
    };
    let mut prose = Prose::new(&text);
    Reader::default().read(&mut prose, front.map_or(0, |f| f.end));
    let mut doc = prose.into_document(path, Format::Markdown);
    doc.title = fields.title;
    doc.language = fields.lang;
    doc.source_language = fields.source_lang;
    Ok(doc)
}

/// The fields of front matter that mtlint reads; others are ignored.
#[derive(Debug, Default, PartialEq, Eq, Deserialize)]
struct Fields {
    lang: Option<String>,
    source_lang: Option<String>,
    title: Option<String>,
}

struct FrontMatter {
    toml: bool,
    /// The lines between the fences.
    content: Range<usize>,
    /// Where the Markdown starts, after the closing fence's line.
    end: usize,
}

/// Front matter opens on the first line with `---` (YAML) or `+++` (TOML)
/// and closes with the same fence (or `...` for YAML); unclosed, it is none.
fn front_matter(text: &str) -> Option<FrontMatter> {
    let mut lines = text.split_inclusive('\n').scan(0, |at, line| {
        let start = *at;
        *at += line.len();
        Some((start, line))
    });
    let (_, first) = lines.next()?;
    let fence = first.trim_end();
    let toml = match fence {
        "---" => false,
        "+++" => true,
        _ => return None,
    };
    lines
        .find(|(_, line)| {
            let line = line.trim_end();
            line == fence || (!toml && line == "...")
        })
        .map(|(start, line)| FrontMatter {
            toml,
            content: first.len()..start,
            end: start + line.len(),
        })
}

impl FrontMatter {
    fn fields(&self, path: &str, text: &str) -> Result<Fields, LocatedError> {
        let content = &text[self.content.clone()];
        if !self.toml {
            return Ok(yaml_fields(content));
        }
        toml::from_str(content).map_err(|e| {
            let span = e.span().unwrap_or(0..0);
            let at = self.content.start + span.start..self.content.start + span.end;
            LocatedError::at(
                path,
                Arc::from(text),
                at,
                format!("front matter is not valid TOML: {}", e.message().trim_end()),
            )
        })
    }
}

/// The top-level `key: value` lines of YAML front matter: enough for the
/// plain values of the three fields read, without a YAML parser.
fn yaml_fields(content: &str) -> Fields {
    let mut fields = Fields::default();
    for line in content.lines() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = yaml_scalar(value.trim());
        match key {
            "lang" => fields.lang = value,
            "source_lang" => fields.source_lang = value,
            "title" => fields.title = value,
            _ => {}
        }
    }
    fields
}

/// A quoted or plain one-line value; `None` for what is not one (a block
/// scalar, a list, an empty value).
fn yaml_scalar(value: &str) -> Option<String> {
    let text = if let Some(inner) = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
        inner.replace("\\\"", "\"").replace("\\\\", "\\")
    } else if let Some(inner) = value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')) {
        inner.replace("''", "'")
    } else if value.starts_with(['|', '>', '[', '{', '&', '*', '#']) {
        return None;
    } else {
        value
            .split(" #")
            .next()
            .unwrap_or("")
            .trim_end()
            .to_string()
    };
    (!text.is_empty()).then_some(text)
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
}

#[derive(Default)]
struct Reader {
    html: HtmlReader,
    /// Open headings, quotes and images, with where their text starts.
    scopes: Vec<(Scope, usize)>,
    in_code_block: bool,
    /// Inside `<https://…>`: the link text is the URL.
    in_autolink: bool,
    /// Inside an HTML block that was read whole when it opened.
    in_html_block: bool,
}

impl Reader {
    fn read(&mut self, prose: &mut Prose, from: usize) {
        let body = &prose.source()[from..];
        for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
            let range = from + range.start..from + range.end;
            match event {
                Event::Start(tag) => self.start(prose, &tag, range),
                Event::End(tag) => self.end(prose, tag),
                Event::Text(text) if !self.hidden() => prose.push(&text, range),
                Event::SoftBreak | Event::HardBreak => prose.line_break(range),
                Event::InlineHtml(_) => self.html.feed(prose, range),
                Event::Html(_) if !self.in_html_block => self.html.feed(prose, range),
                Event::Rule => prose.end_block(),
                _ => {}
            }
        }
    }

    fn hidden(&self) -> bool {
        self.in_code_block || self.in_autolink || self.html.hidden()
    }

    fn start(&mut self, prose: &mut Prose, tag: &Tag, range: Range<usize>) {
        if is_block(tag.to_end()) {
            prose.end_block();
        }
        match tag {
            Tag::Heading { .. } => self.open(prose, Scope::Heading),
            Tag::BlockQuote(_) => self.open(prose, Scope::Quote),
            Tag::Image { .. } => self.open(prose, Scope::Caption),
            Tag::CodeBlock(_) => self.in_code_block = true,
            Tag::Link { link_type, .. } => {
                self.in_autolink = matches!(link_type, LinkType::Autolink | LinkType::Email)
            }
            // Read whole, so that a tag or comment over several lines holds
            // together; inside a quote its lines carry `>` and are read apart.
            Tag::HtmlBlock if !self.in_quote() => {
                self.in_html_block = true;
                self.html.feed(prose, range);
            }
            _ => {}
        }
    }

    fn end(&mut self, prose: &mut Prose, tag: TagEnd) {
        match tag {
            TagEnd::Heading(_) | TagEnd::BlockQuote(_) | TagEnd::Image => {
                if let Some((scope, start)) = self.scopes.pop() {
                    prose.close_scope(start, scope);
                }
            }
            TagEnd::CodeBlock => self.in_code_block = false,
            TagEnd::Link => self.in_autolink = false,
            TagEnd::HtmlBlock => self.in_html_block = false,
            _ => {}
        }
        if is_block(tag) {
            prose.end_block();
        }
    }

    fn open(&mut self, prose: &Prose, scope: Scope) {
        self.scopes.push((scope, prose.scope_start()));
    }

    fn in_quote(&self) -> bool {
        self.scopes.iter().any(|(s, _)| *s == Scope::Quote)
    }
}

/// Whether a tag is a block (it ends a paragraph): all but the inline ones.
fn is_block(tag: TagEnd) -> bool {
    !matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        read("t.md", text.to_string()).unwrap()
    }

    #[test]
    fn prose_keeps_link_and_alt_text_and_drops_code_and_targets() {
        let d = doc(
            "# Talks in Kiev\n\nSee [the Kiev report](https://kiev.example/x) and \
                     `Kiev` or <https://kiev.example>.\n\n```\nKiev\n```\n\n![Kiev at night](kiev.jpg)\n",
        );
        assert_eq!(
            d.text,
            "Talks in Kiev\n\nSee the Kiev report and  or .\n\nKiev at night"
        );
        assert_eq!(
            d.scopes,
            vec![(0..13, Scope::Heading), (46..59, Scope::Caption)]
        );
    }

    #[test]
    fn yaml_and_toml_front_matter_fields_are_read() {
        let d = doc(
            "---\ntitle: \"Talks: day two\"\nsource_lang: pt # from Lusa\ntags: [a]\n---\nBody.\n",
        );
        assert_eq!(d.title.as_deref(), Some("Talks: day two"));
        assert_eq!(d.source_language.as_deref(), Some("pt"));
        assert_eq!(d.text, "Body.");
        let d = doc("+++\nlang = 'en'\ntitle = \"T\"\n[extra]\nx = 1\n+++\nBody.\n");
        assert_eq!(
            (d.language.as_deref(), d.title.as_deref()),
            (Some("en"), Some("T"))
        );
    }

    #[test]
    fn broken_toml_front_matter_is_reported_where_it_is() {
        let err = read("t.md", "+++\ntitle = \n+++\nBody\n".into()).unwrap_err();
        assert!(err.location().starts_with("t.md:2:"), "{}", err.location());
    }

    #[test]
    fn a_thematic_break_later_on_is_not_front_matter() {
        let d = doc("Intro.\n\n---\ntitle: x\n---\n\nEnd.\n");
        assert_eq!(d.title, None);
        assert!(d.text.contains("title: x"));
    }
}
