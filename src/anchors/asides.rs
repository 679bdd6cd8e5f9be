//! Asides: cross-references such as `Read also: ...` or `Читайте также: ...` that one
//! version adds or drops on its own. The aligner lets them go unmatched cheaply, and the
//! checks do not report them as missing content. Their openings are the `[asides]` of the
//! data files (`src/anchors/data/`).

use super::lexicon;

/// Whether `text` opens like an aside of any language (its first 20 characters, lower
/// case, start with an opening of the data files).
pub(crate) fn is_aside(text: &str) -> bool {
    // The asides by their first char: this runs on every sentence the aligner reads, and
    // most sentences start with a char no aside starts with.
    static BY_FIRST: std::sync::OnceLock<Vec<(char, &'static str)>> = std::sync::OnceLock::new();
    let by_first = BY_FIRST.get_or_init(|| {
        let mut v: Vec<(char, &'static str)> = lexicon::all()
            .iter()
            .flat_map(|l| &l.asides)
            .filter_map(|&a| Some((a.chars().next()?, a)))
            .collect();
        v.sort_unstable();
        v
    });
    let Some(first) = text
        .chars()
        .next()
        .and_then(|c| crate::lang::lower(c).next())
    else {
        return false;
    };
    let from = by_first.partition_point(|&(c, _)| c < first);
    let candidates = by_first[from..].iter().take_while(|&&(c, _)| c == first);
    let mut head = String::new();
    for &(_, aside) in candidates {
        if head.is_empty() {
            head = text.chars().take(20).flat_map(crate::lang::lower).collect();
        }
        if head.starts_with(aside) {
            return true;
        }
    }
    false
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
