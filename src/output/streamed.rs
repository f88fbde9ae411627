//! One pretty-printed JSON document for a whole run (`--format json`,
//! `--format sarif`) written as the run goes: its one long array (findings,
//! results) an item at a time, so that a run over a large file or many
//! files never holds all of them. The text is the same as printing the
//! whole document at the end.

use serde_json::Value;

/// Stands for the items in the document: a string no finding holds.
const PLACEHOLDER: &str = "\u{0}mtlint-items\u{0}";

/// The items written so far. The document is given by a function from its
/// items to the whole `Value`; the array must come, in key order, before
/// every value of the document that is known only at the end.
#[derive(Default)]
pub(super) struct StreamedArray {
    written: usize,
    /// The indentation of an item, known once the head is written.
    indent: String,
}

impl StreamedArray {
    /// The text of one more item: before the first, the document's head.
    pub(super) fn item(&mut self, document: impl Fn(Vec<Value>) -> Value, item: &Value) -> String {
        let mut out = String::new();
        if self.written == 0 {
            let (head, indent, _) = split(&document(vec![Value::from(PLACEHOLDER)]));
            out.push_str(&head);
            self.indent = indent;
        } else {
            out.push_str(",\n");
        }
        self.written += 1;
        let text = serde_json::to_string_pretty(item).expect("values serialise");
        out.push_str(&self.indent);
        // Pretty JSON escapes line breaks inside strings, so every line break
        // here is between values.
        out.push_str(&text.replace('\n', &format!("\n{}", self.indent)));
        out
    }

    /// The text that ends the document: all of it when no item came.
    pub(super) fn finish(&mut self, document: impl Fn(Vec<Value>) -> Value) -> String {
        let mut out = if self.written == 0 {
            serde_json::to_string_pretty(&document(Vec::new())).expect("values serialise")
        } else {
            split(&document(vec![Value::from(PLACEHOLDER)])).2
        };
        out.push('\n');
        out
    }
}

/// The pretty text of `document` before the line of the placeholder, the
/// indentation of that line, and the text after the placeholder.
fn split(document: &Value) -> (String, String, String) {
    let text = serde_json::to_string_pretty(document).expect("values serialise");
    let marker = serde_json::to_string(PLACEHOLDER).expect("strings serialise");
    let at = text
        .find(&marker)
        .expect("the document holds the placeholder");
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    (
        text[..line_start].to_string(),
        text[line_start..at].to_string(),
        text[at + marker.len()..].to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn document(items: Vec<Value>, end: &str) -> Value {
        json!({ "a": { "items": items, "z": end }, "b": [1, 2] })
    }

    #[test]
    fn written_item_by_item_it_is_the_document_printed_whole() {
        let items = [json!({"x": 1, "y": "two\nlines"}), json!([3]), json!("s")];
        for n in 0..=items.len() {
            let mut array = StreamedArray::default();
            let mut text = String::new();
            for item in &items[..n] {
                text.push_str(&array.item(|i| document(i, ""), item));
            }
            text.push_str(&array.finish(|i| document(i, "known at the end")));
            let whole = document(items[..n].to_vec(), "known at the end");
            let mut expected = serde_json::to_string_pretty(&whole).unwrap();
            expected.push('\n');
            assert_eq!(text, expected);
        }
    }
}
