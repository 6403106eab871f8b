//! Inflected forms of one name: Russian case endings (`Путин`/`Путина`/`Путиным`,
//! `Зеленский`/`Зеленского`/`Зеленском`), the German genitive `-s` (`Habeck`/`Habecks`) and
//! Turkish case suffixes after an apostrophe (`Erdoğan'ın`, `Putin'e`).
//!
//! Copy in these languages writes one person's name in several forms in a single story. Those
//! forms are grammar, not spelling drift: they must link to one name, and they must never be
//! reported as a misspelling or as two spellings of one name.

/// Russian noun, adjective and name endings (nominative included as the empty ending), with
/// `й` written `и` and `ё` written `е` (see [`normalise`]): folded keys lose the breve.
const RU_ENDINGS: &[&str] = &[
    "", "а", "я", "у", "ю", "е", "ы", "и", "о", "ь", "ом", "ем", "ым", "им", "ои", "еи", "ою", "ею", "ую", "юю", "ая", "яя", "ии", "ыи",
    "ах", "ях", "ых", "их", "ого", "его", "ому", "ему", "ами", "ями", "ыми", "ими",
];

/// Consonants after which Russian never writes `ы` (`Зеленский`, never `Зеленскый`).
const RU_NO_Y_AFTER: &[char] = &['к', 'г', 'х', 'ж', 'ш', 'ч', 'щ'];

/// Shortest shared stem (in chars) for two words to count as forms of one name.
const MIN_STEM: usize = 3;

fn normalise(w: &str) -> String {
    w.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'й' => 'и',
            'ё' => 'е',
            c => c,
        })
        .collect()
}

/// Are `a` and `b` two grammatical forms of one name in copy of language `lang` (and not the
/// same spelling)? Case-insensitive; accepts raw or folded (`rules::util::fold`) words.
pub fn inflected_pair(a: &str, b: &str, lang: &str) -> bool {
    match lang {
        "ru" => ru_pair(a, b),
        "de" => de_pair(a, b),
        _ => false,
    }
}

/// A blocking key (hash) for [`inflected_pair`]: two words of copy in `lang` that are
/// inflected forms of one another have the same key (their first [`MIN_STEM`] letters, the way
/// the pair test reads them). `None` when the language declines no names or the word is too
/// short to pair with anything.
pub fn pair_key(w: &str, lang: &str) -> Option<u64> {
    let norm = match lang {
        "ru" => normalise(w),
        "de" => w.to_lowercase(),
        _ => return None,
    };
    let end = norm.char_indices().nth(MIN_STEM - 1).map(|(i, c)| i + c.len_utf8())?;
    Some(super::variant::key_hash(b'i', &norm.as_bytes()[..end]))
}

fn ru_pair(a: &str, b: &str) -> bool {
    let (a, b) = (normalise(a), normalise(b));
    if a == b || !a.chars().chain(b.chars()).all(|c| matches!(c, 'а'..='я' | '-')) {
        return false;
    }
    let (ac, bc): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let common = ac.iter().zip(&bc).take_while(|(x, y)| x == y).count();
    // the endings are suffixes of at most three letters: try every split point near the end
    (common.saturating_sub(3)..=common).rev().any(|stem| {
        stem >= MIN_STEM && {
            let ea: String = ac[stem..].iter().collect();
            let eb: String = bc[stem..].iter().collect();
            let ok = |e: &str| RU_ENDINGS.contains(&e) && !(e.starts_with('ы') && RU_NO_Y_AFTER.contains(&ac[stem - 1]));
            ok(&ea) && ok(&eb)
        }
    })
}

/// `Habeck` / `Habecks`, `Scholz` / `Scholz'`: the genitive.
fn de_pair(a: &str, b: &str) -> bool {
    let (a, b) = (a.to_lowercase(), b.to_lowercase());
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short.chars().count() >= MIN_STEM && long.strip_prefix(short.as_str()).is_some_and(|rest| matches!(rest, "s" | "'" | "’" | "'s" | "’s"))
}

/// Byte length of a word without its Turkish case suffix: `Erdoğan'ın` -> `Erdoğan`,
/// `Zelenski'ye` -> `Zelenski`. Turkish spelling separates suffixes on proper names with an
/// apostrophe; the suffix is all lower-case letters. `None` when there is no such suffix.
pub fn tr_suffix_start(word: &str) -> Option<usize> {
    let i = word.rfind(['\'', '’'])?;
    let rest = &word[i..];
    let suffix = rest.trim_start_matches(['\'', '’']);
    (i > 0 && !suffix.is_empty() && suffix.chars().count() <= 6 && suffix.chars().all(char::is_lowercase)).then_some(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_case_forms_are_one_name() {
        for (a, b) in [
            ("Путин", "Путина"),
            ("Путину", "Путиным"),
            ("Лавров", "Лаврову"),
            ("Зеленский", "Зеленского"),
            ("Зеленским", "Зеленском"),
            ("Сергей", "Сергея"),
            ("Сергеем", "Сергей"),
            ("Дмитрий", "Дмитрия"),
            ("Набиуллина", "Набиуллиной"),
            ("Мария", "Марией"),
            ("Шольц", "Шольцем"),
            ("аббас", "аббасом"),
            // folded keys (й loses its breve)
            ("зеленскии", "зеленского"),
        ] {
            assert!(inflected_pair(a, b, "ru"), "{a} / {b}");
        }
    }

    #[test]
    fn russian_spelling_drift_is_not_inflection() {
        for (a, b) in [("Зеленский", "Зеленскый"), ("Аракчи", "Арагчи"), ("Путин", "Путен"), ("Песков", "Пясков"), ("Путин", "Путин")]
        {
            assert!(!inflected_pair(a, b, "ru"), "{a} / {b}");
        }
        // Latin script and other copy languages: no Russian grammar
        assert!(!inflected_pair("Putin", "Putina", "ru"));
        assert!(!inflected_pair("Путин", "Путина", "en"));
    }

    #[test]
    fn german_genitive() {
        assert!(inflected_pair("Habeck", "Habecks", "de"));
        assert!(inflected_pair("Scholz'", "Scholz", "de"));
        assert!(!inflected_pair("Hans", "Hansa", "de"));
        assert!(!inflected_pair("Habeck", "Habecks", "en"));
    }

    #[test]
    fn turkish_apostrophe_suffixes() {
        assert_eq!(tr_suffix_start("Erdoğan'ın"), Some("Erdoğan".len()));
        assert_eq!(tr_suffix_start("Zelenski’ye"), Some("Zelenski".len()));
        assert_eq!(tr_suffix_start("Lavrov'la"), Some(6));
        assert_eq!(tr_suffix_start("O'Brien"), None);
        assert_eq!(tr_suffix_start("Erdoğan"), None);
    }
}
