//! `substitution`: wrong → right pairs (`replace = { "Kiev" = "Kyiv" }`). The
//! right side is the suggestion, carried in `replacements` and used by `fix`.

use super::Literal;
use crate::error::LocatedError;
use crate::rules::load::BuildCx;
use crate::rules::spec::RuleSpec;

pub fn build(cx: &BuildCx, spec: &RuleSpec) -> Result<Vec<Literal>, LocatedError> {
    let table = cx.required(&spec.replace, "replace", "substitution")?;
    if table.get_ref().is_empty() {
        return Err(cx.error(
            table.span(),
            "`replace` needs at least one `\"wrong\" = \"right\"` pair",
        ));
    }
    let mut literals = Vec::new();
    for (wrong, right) in table.get_ref() {
        let replacements = right.clone().into_vec();
        if wrong.trim().is_empty() || replacements.is_empty() {
            return Err(cx.error(
                table.span(),
                format!("`{wrong}` needs a non-empty wrong side and at least one replacement"),
            ));
        }
        literals.push(Literal {
            text: wrong.trim().to_string(),
            replacements,
        });
    }
    Ok(literals)
}
