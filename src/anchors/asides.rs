//! Asides: cross-references such as `Read also: ...` or `Читайте также: ...` that one
//! version adds or drops on its own. The aligner lets them go unmatched cheaply, and the
//! checks do not report them as missing content. Their openings are the `[asides]` of the
//! data files (`src/anchors/data/`).

use super::lexicon;

/// Whether `text` opens like an aside of any language (its first 20 characters, lower
/// case, start with an opening of the data files).
pub(crate) fn is_aside(text: &str) -> bool {
    let head: String = text.chars().take(20).flat_map(crate::lang::lower).collect();
    lexicon::all()
        .iter()
        .flat_map(|l| &l.asides)
        .any(|a| head.starts_with(a))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asides_are_recognised_in_every_language() {
        for text in [
            "Read also: the news",
            "READ MORE about it",
            "Related: a story",
            "Читайте также: новости дня",
            "См. также",
            "Читайте також: новини",
            "Дивіться також",
        ] {
            assert!(is_aside(text), "{text}");
        }
        for text in ["He read also the news", "Смотрите, также", ""] {
            assert!(!is_aside(text), "{text}");
        }
    }
}
