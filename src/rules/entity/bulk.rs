//! The bulk entity lists, compiled by `build.rs` (`build/entity_bulk.rs`) from the `*-bulk`
//! lexicons: tens of thousands of legislators (EveryPolitician), organisations and newspapers
//! that entity-corruption knows beyond its hand-curated newsmakers. The tables are read in
//! place (string tables with hash tables of slots beside them): nothing is parsed or built at
//! start-up.
//!
//! What they are for: a written name that is a real person's or organisation's name is not a
//! corruption of a newsmaker's ([`is_name`], [`is_person_word`]); a surname one or two letters
//! from a listed legislator's, after the legislator's first name and in a story that points to
//! the legislator's country or party, is a slip ([`surname_candidates`]); a one-word newspaper
//! name a letter or two off before "newspaper" is a slip ([`outlet_candidates`]).

mod tables {
    include!(concat!(env!("OUT_DIR"), "/entity_bulk.rs"));
}

/// `u32` number `i` of a little-endian table.
fn at(table: &[u8], i: usize) -> u32 {
    let b = &table[4 * i..4 * i + 4];
    u32::from_le_bytes([b[0], b[1], b[2], b[3]])
}

/// String number `i` of a table of (offset, length) pairs.
fn string(table: &[u8], i: usize) -> &'static str {
    let (o, l) = (at(table, 2 * i) as usize, at(table, 2 * i + 1) as usize);
    &tables::STR[o..o + l]
}

/// Position of `key`, whose [`crate::flat::hash`] is `hash`, in a table of strings, through its
/// hash table of slots.
#[inline]
fn find(table: &'static [u8], slots: &'static [u8], key: &str, hash: u64) -> Option<usize> {
    let mask = slots.len() / 4 - 1;
    #[allow(clippy::cast_possible_truncation)]
    let mut i = (hash as usize) & mask;
    loop {
        let s = at(slots, i) as usize;
        if s == 0 {
            return None;
        }
        if string(table, s - 1) == key {
            return Some(s - 1);
        }
        i = (i + 1) & mask;
    }
}

/// The ids a key maps to in a (keys, slots, starts, postings) table.
fn postings(keys: &'static [u8], slots: &'static [u8], starts: &'static [u8], post: &'static [u8], key: &str) -> impl Iterator<Item = u32> {
    let range = find(keys, slots, key, crate::flat::hash(key)).map_or(0..0, |i| at(starts, i) as usize..at(starts, i + 1) as usize);
    range.map(move |j| at(post, j))
}

/// One written form of a listed person.
#[derive(Debug, Clone, Copy)]
pub struct Person {
    /// The canonical form, as the lexicon writes it.
    pub display: &'static str,
    /// Folded first names, space-separated ("jean-luc", "roberto edmundo angulo").
    pub first: &'static str,
    /// Folded surname (the last word).
    pub surname: &'static str,
    /// ISO 3166-1 alpha-2 code of the person's legislature.
    pub country: &'static str,
    /// Folded party or group, `|`-separated; may be empty.
    pub context: &'static str,
}

/// Person form `i`.
pub fn person(i: u32) -> Person {
    let s = |k: usize| string(tables::PEOPLE, i as usize * 5 + k);
    Person { display: s(0), first: s(1), surname: s(2), country: s(3), context: s(4) }
}

/// Person forms whose surname (five letters or more) is `key` or one deletion from it, given
/// `key` and each of its single deletions (the query side of the SymSpell index), when `key`
/// is written after `first`: none when no person whose last first name is `first` has such a
/// surname (a filter of first names and deletion keys says so without a look-up); else all of
/// them, whatever their first names.
pub fn surname_candidates(key: &str, first: &str, buf: &mut String, out: &mut Vec<u32>) {
    // only the positions (the key, then each deletion) the filter may find are looked up
    let may = surname_positions(key, first);
    if may != 0 {
        super::keys::single_deletions_masked(key, may, buf, |d| {
            out.extend(postings(tables::SURNAME_KEYS, tables::SURNAME_SLOTS, tables::SURNAME_STARTS, tables::SURNAME_POST, d));
        });
    }
}

/// The positions of `key` and its single deletions (as `keys::single_deletions_masked` reads
/// them) that may be a deletion key of the surname of a person whose last first name is
/// `first`. (A position not set is none.)
fn surname_positions(key: &str, first: &str) -> u64 {
    let bloom = tables::SURNAME_BLOOM;
    let lg = at(bloom, 0);
    let first = super::keys::poly(first.as_bytes());
    let (mut may, mut k) = (0u64, 0usize);
    super::keys::deletion_hashes(key, |h| {
        let (w, mask) = super::keys::Bloom::probe(super::keys::pair_hash(first, h), lg);
        let bits = u64::from(at(bloom, 1 + 2 * w)) | u64::from(at(bloom, 2 + 2 * w)) << 32;
        if bits & mask == mask {
            may |= 1 << k.min(63);
        }
        k += 1;
    });
    may
}

/// Person `i`'s surname (folded).
pub fn person_surname(i: u32) -> &'static str {
    string(tables::PEOPLE, i as usize * 5 + 2)
}

/// [`is_person_word`] of a key whose [`crate::flat::hash`] is known.
#[inline]
pub fn is_person_word_hashed(key: &str, hash: u64) -> bool {
    find(tables::TOKENS, tables::TOKEN_SLOTS, key, hash).is_some()
}

/// Is the folded, space-joined name a listed person's, organisation's or outlet's name?
pub fn is_name(key: &str) -> bool {
    is_name_hashed(key, crate::flat::hash(key))
}

/// [`is_name`] of a key whose [`crate::flat::hash`] is known.
#[inline]
pub fn is_name_hashed(key: &str, hash: u64) -> bool {
    find(tables::NAMES, tables::NAME_SLOTS, key, hash).is_some()
}

/// One-word newspapers (five letters or more) within two deletions of `key` on either side:
/// (name as written, country).
pub fn outlet_candidates(key: &str, out: &mut Vec<(&'static str, &'static str)>) {
    let mut ids: Vec<u32> = Vec::new();
    super::keys::deletions_upto2(key, |d| {
        ids.extend(postings(tables::OUTLET_KEYS, tables::OUTLET_SLOTS, tables::OUTLET_STARTS, tables::OUTLET_POST, d));
    });
    ids.sort_unstable();
    ids.dedup();
    out.extend(ids.into_iter().map(|i| (string(tables::OUTLETS, 2 * i as usize), string(tables::OUTLETS, 2 * i as usize + 1))));
}
