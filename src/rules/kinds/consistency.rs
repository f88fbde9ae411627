//! `consistency`: names with one right spelling. Each entry has a canonical
//! form, misspelled `variants` (always flagged, suggesting the canonical
//! form) and accepted `alternatives` (house styles such as "Zelenskiy"),
//! flagged only when one article mixes two accepted spellings.

use super::{Candidate, Literal};
use crate::error::LocatedError;
use crate::rules::load::BuildCx;
use crate::rules::spec::{NameSpec, RuleSpec};
use std::ops::Range;

#[derive(Debug, Clone)]
pub struct Consistency {
    names: Vec<NameSpec>,
}

/// What a literal of a consistency rule stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Accepted,
    Variant,
}

/// A literal of the rule matched in the article: which name, which form.
#[derive(Debug, Clone)]
pub struct NameHit {
    pub name: usize,
    pub form: Form,
    pub span: Range<usize>,
}

pub fn build(cx: &BuildCx, spec: &RuleSpec) -> Result<Consistency, LocatedError> {
    let names = cx.required(&spec.names, "names", "consistency")?;
    for name in names.get_ref() {
        if name.canonical.trim().is_empty()
            || (name.variants.is_empty() && name.alternatives.is_empty())
        {
            return Err(cx.error(
                names.span(),
                format!("the name `{}` needs a canonical spelling and at least one variant or alternative", name.canonical),
            ));
        }
    }
    Ok(Consistency {
        names: names.get_ref().clone(),
    })
}

impl Consistency {
    /// Every spelling to look for, in a stable order matched by `form_of`.
    pub fn literals(&self) -> Vec<Literal> {
        self.spellings()
            .map(|(name, _, text)| Literal {
                text: text.to_string(),
                replacements: vec![self.names[name].canonical.clone()],
            })
            .collect()
    }

    /// The name and form of the `index`-th literal from `literals`.
    pub fn form_of(&self, index: usize) -> (usize, Form) {
        let (name, form, _) = self.spellings().nth(index).expect("index from literals()");
        (name, form)
    }

    fn spellings(&self) -> impl Iterator<Item = (usize, Form, &str)> {
        self.names.iter().enumerate().flat_map(|(i, n)| {
            std::iter::once((i, Form::Accepted, n.canonical.as_str()))
                .chain(
                    n.alternatives
                        .iter()
                        .map(move |a| (i, Form::Accepted, a.as_str())),
                )
                .chain(
                    n.variants
                        .iter()
                        .map(move |v| (i, Form::Variant, v.as_str())),
                )
        })
    }

    /// Variants always; accepted spellings that differ from the first
    /// accepted spelling of the same name in the article.
    pub fn resolve(&self, text: &str, mut hits: Vec<NameHit>) -> Vec<Candidate> {
        hits.sort_by_key(|h| h.span.start);
        let mut out = Vec::new();
        for hit in &hits {
            let canonical = &self.names[hit.name].canonical;
            let spelled = &text[hit.span.clone()];
            match hit.form {
                Form::Variant => out.push(Candidate {
                    span: hit.span.clone(),
                    replacements: vec![canonical.clone()],
                    message: None,
                }),
                Form::Accepted => {
                    let first = hits
                        .iter()
                        .find(|h| h.name == hit.name && h.form == Form::Accepted)
                        .map(|h| &text[h.span.clone()])
                        .expect("hit is itself accepted");
                    if first != spelled {
                        out.push(Candidate {
                            span: hit.span.clone(),
                            replacements: vec![first.to_string()],
                            message: Some(format!(
                                "`{spelled}` is spelled `{first}` earlier in this article: one article, one spelling"
                            )),
                        });
                    }
                }
            }
        }
        out
    }
}
