//! Glued words: where text scraped from web pages lost the space before a
//! link's text (`dilansirReuters`, `diSelat Malaka`, `kepadaPresiden`).
//!
//! A join is a lower-case ASCII letter followed directly by a capital, where
//! the word before the capital is a whole lower-case word of three letters
//! or more, or a two-letter common word ([`crate::common_words`]):
//! `dilansir|Reuters`, `di|Selat`; or a digit followed by a whole common word
//! (`Su-35|kepada`; not a clitic or suffix: `Su-35nya`, `1990an`). Names written
//! in camel case stay whole (`YouTube`, `KapanLagi`, `iPhone`, `McDonald`,
//! `detikNews`: a capital or no common word before the join). The extractor runs the
//! pipeline on a copy of the text with a space at every join and maps the
//! offsets back, so every span is still a slice of the original text.
//!
//! Two joins need to know the names, so the caller says which words are
//! pieces of a known alias ([`joins_known`]): a known name glued to the
//! stopword after it (`Malaka|pada`, `Subianto|atas`: the whole word is
//! neither known nor common), and a capitalized word glued to a known name
//! (`Presiden|Prabowo`, `Negeri|Rusia|Sergei`: the word before is common or
//! known), a known acronym glued to a word or to another acronym
//! (`IPW|selaku`, `Ketua|PDIP|DKI`). A few words that end no name split any
//! capitalized word (`Brata|dengan`), and a capitalized word after a join is
//! read like one after a space (`oleh|Megawati|sebab`). A word that is itself
//! a name stays whole (`Malaysiakini`), and so does one that is a common word
//! (`Jawaban` is not `Jawa ban`) or a `ke-…-an` word made from a name
//! (`keIndonesiaan`). Every check looks at a letter run of at most
//! [`MAX_GLUED`] bytes, so the cost stays linear in the text.

use crate::common_words;

/// Common words that begin media names in camel case (`detikNews`,
/// `detikJabar`): not a join.
const BRAND_PREFIXES: &[&str] = &["detik"];

/// Stopwords that also end many names (`Sarbini`, `Ramadan`, `Granada`,
/// `Claudia`): a name is not split before them.
const NAME_ENDINGS: &[&str] = &["ini", "dan", "ada", "dia", "mana", "para", "sang", "lagi"];

/// Words that follow names and end none (`Brata|dengan`, `Cempleng|mengatakan`,
/// `Sjamsoeddin|pekan`): a join after any capitalized start of four letters,
/// known or not.
const AFTER_NAMES: &[&str] = &[
    "adalah",
    "merupakan",
    "terdapat",
    "kepada",
    "selaku",
    "yakni",
    "yaitu",
    "bahwa",
    "dengan",
    "untuk",
    "sebagai",
    "karena",
    "ketika",
    "setelah",
    "sebelum",
    "tersebut",
    "seperti",
    "menurut",
    "bersama",
    "melalui",
    "terhadap",
    "tentang",
    "kemudian",
    "sedangkan",
    "pekan",
    "mengatakan",
    "menyatakan",
    "menjadi",
    "mendapat",
    "sempat",
    "sudah",
    "telah",
    "masih",
    "belum",
];

/// Bit `c - b'a'` of entry `n`: some word of [`AFTER_NAMES`] has `n`
/// bytes and starts with `c`. Evaluated at compile time: an index out of
/// bounds (a longer word) fails the build.
#[allow(clippy::indexing_slicing)]
const AFTER_NAME_SHAPES: [u32; 16] = {
    let mut table = [0u32; 16];
    let mut k = 0;
    while k < AFTER_NAMES.len() {
        let word = AFTER_NAMES[k].as_bytes();
        table[word.len()] |= 1 << (word[0] - b'a');
        k += 1;
    }
    table
};

/// Whether `rest` (lower case) has the length and first letter of a word
/// of [`AFTER_NAMES`]: false means it is none of them.
#[inline]
fn may_follow_names(rest: &str) -> bool {
    let first = rest.as_bytes().first().map_or(32, |b| b.wrapping_sub(b'a'));
    first < 26
        && AFTER_NAME_SHAPES
            .get(rest.len())
            .is_some_and(|bits| bits >> first & 1 != 0)
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `x` set where that byte is in `lo..=hi`
/// (ASCII `lo`, `hi`; other bytes never are).
#[inline]
fn in_range(x: u64, lo: u8, hi: u8) -> u64 {
    let y = x & !HIGH;
    let at_least = y.wrapping_add(ONES * u64::from(0x80 - lo));
    let above = y.wrapping_add(ONES * u64::from(0x7f - hi));
    at_least & !above & !x & HIGH
}

/// Clitics and suffixes written onto a word (`Su-35nya`, `1990an`): never
/// a word of their own after a join.
const CLITICS: &[&str] = &["nya", "lah", "kah", "pun", "tah", "an", "ku", "mu"];

/// The lower-case ASCII letters of `bytes` from `from`, if they run to the
/// end of the word (a non-alphanumeric byte or the end of the text).
fn lower_word(bytes: &[u8], from: usize) -> Option<&str> {
    let rest = bytes.get(from..)?;
    let n = rest.iter().take_while(|b| b.is_ascii_lowercase()).count();
    let ends_word = rest
        .get(n)
        .is_none_or(|b| !b.is_ascii_alphanumeric() && *b < 0x80);
    ends_word
        .then(|| std::str::from_utf8(rest.get(..n)?).ok())
        .flatten()
}

/// Whether a lower-case word glued after a name or a code is a word of its
/// own (`kepada`, `yang`): a stopword or a common word of three letters or
/// more, not a clitic.
fn own_word(word: &str) -> bool {
    word.len() >= 3
        && !CLITICS.contains(&word)
        && (common_words::is_stopword(word) || common_words::is_common(word))
}

/// The classes of 64 bytes, one bit a byte (byte 0 in bit 0).
struct Classes {
    upper: u64,
    lower: u64,
    digit: u64,
    /// ASCII bytes that are no letter or digit: a word ends there.
    boundary: u64,
}

impl Classes {
    #[inline(always)]
    fn of(group: &[u8; 64]) -> Classes {
        use wide::i8x16;
        let (mut upper, mut lower, mut digit, mut high) = (0u64, 0u64, 0u64, 0u64);
        for (k, chunk) in group.chunks_exact(16).enumerate() {
            let mut lanes = [0i8; 16];
            for (lane, &b) in lanes.iter_mut().zip(chunk) {
                *lane = i8::from_ne_bytes([b]);
            }
            let x = i8x16::new(lanes);
            // Bytes of 0x80 and up are negative: never in an ASCII range.
            let range = |lo: u8, hi: u8| {
                let [lo, hi] = [lo - 1, hi + 1].map(|b| i8x16::splat(i8::from_ne_bytes([b])));
                let inside = x.simd_gt(lo) & x.simd_lt(hi);
                u64::from(inside.to_bitmask() & 0xffff)
            };
            let shift = 16 * k;
            upper |= range(b'A', b'Z') << shift;
            lower |= range(b'a', b'z') << shift;
            digit |= range(b'0', b'9') << shift;
            high |= u64::from(x.to_bitmask() & 0xffff) << shift;
        }
        Classes {
            upper,
            lower,
            digit,
            boundary: !(upper | lower | digit | high),
        }
    }
}

/// Calls `f(base, pairs, starts)` for each 64-byte group of `bytes` from
/// the first, with two masks of one bit a byte (byte `base` in bit 0),
/// found with 16-byte vector compares (`wide`), so the text costs a
/// fraction of a nanosecond a byte. `pairs` has bit `j` where byte
/// `base + j - 1` is a lower-case ASCII letter and byte `base + j` a
/// capital, or the first a digit and the second a lower-case letter;
/// `starts`, where a capital starts a word, at the start of the text or
/// after an ASCII byte that is no letter or digit.
fn places(bytes: &[u8], mut f: impl FnMut(usize, u64, u64)) {
    // The last byte of the group before, its bits moved to bit 0 (the
    // start of the text ends a word).
    let (mut last_lower, mut last_digit, mut last_boundary) = (0u64, 0u64, 1u64);
    let mut base = 0;
    while base < bytes.len() {
        let c = match bytes
            .get(base..base + 64)
            .and_then(|g| <&[u8; 64]>::try_from(g).ok())
        {
            Some(group) => Classes::of(group),
            // The last group is padded with zero bytes: no letter or
            // digit, so nothing is found in the padding.
            None => {
                let mut group = [0u8; 64];
                let rest = bytes.get(base..).unwrap_or_default();
                if let Some(to) = group.get_mut(..rest.len()) {
                    to.copy_from_slice(rest);
                }
                Classes::of(&group)
            }
        };
        let pairs = (c.lower << 1 | last_lower) & c.upper | (c.digit << 1 | last_digit) & c.lower;
        let starts = (c.boundary << 1 | last_boundary) & c.upper;
        if pairs | starts != 0 {
            f(base, pairs, starts);
        }
        last_lower = c.lower >> 63;
        last_digit = c.digit >> 63;
        last_boundary = c.boundary >> 63;
        base += 64;
    }
}

/// The offsets of the set bits of `mask`, from `base`, in order.
fn bits(base: usize, mut mask: u64) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        (mask != 0).then(|| {
            let k = mask.trailing_zeros() as usize;
            mask &= mask - 1;
            base + k
        })
    })
}

/// Eight bytes of `bytes` from `i`, little-endian, zero past the end (the
/// rules' word scan reads text this way too).
#[inline]
pub(crate) fn load8(bytes: &[u8], i: usize) -> u64 {
    let mut b = [0u8; 8];
    match bytes.get(i..i + 8) {
        Some(s) => b.copy_from_slice(s),
        None => {
            let rest = bytes.get(i..).unwrap_or_default();
            if let Some(d) = b.get_mut(..rest.len()) {
                d.copy_from_slice(rest);
            }
        }
    }
    u64::from_le_bytes(b)
}

/// The end of the run of ASCII letters that starts at `i`, 8 bytes at a
/// time.
#[inline]
fn letters_end(bytes: &[u8], mut i: usize) -> usize {
    loop {
        let x = load8(bytes, i);
        let letters = in_range(x | (ONES * 0x20), b'a', b'z');
        let run = (!letters & HIGH).trailing_zeros() as usize / 8;
        if run < 8 {
            return i + run;
        }
        i += 8;
    }
}

/// The byte offsets of `text` where a space is missing before a name, in
/// order; empty for most texts.
#[cfg(test)]
fn joins(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    places(text.as_bytes(), |base, pairs, _| {
        out.extend(bits(base, pairs).filter_map(|j| pair_join(text, j.wrapping_sub(1))));
    });
    out
}

/// The join after byte `i` of a pair of [`places`], if it is one.
fn pair_join(text: &str, i: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let [a, b] = [i, i + 1].map(|k| bytes.get(k).copied().unwrap_or_default());
    // A model or number glued to the word after it: `Su-35|kepada`,
    // `F-16|dari`, `2016|lalu` (not `1990an`, `Su-35nya`).
    if a.is_ascii_digit() {
        if b.is_ascii_lowercase() && lower_word(bytes, i + 1).is_some_and(own_word) {
            return Some(i + 1);
        }
        return None;
    }
    // The word before the capital: a whole lower-case word (the run of
    // lower-case letters that ends at `i`; each run is read once, as a
    // capital ends it). A capital before it makes a camel-case name
    // (`KapanLagi`, `DiCaprio`, `YouTube`), which stays whole.
    let run = bytes
        .get(..=i)
        .unwrap_or_default()
        .iter()
        .rev()
        .take_while(|c| c.is_ascii_lowercase())
        .count();
    let run_start = i + 1 - run;
    let starts_word = run_start
        .checked_sub(1)
        .and_then(|s| bytes.get(s))
        .is_none_or(|c| !c.is_ascii_alphanumeric());
    let left = text.get(run_start..=i).unwrap_or_default();
    // Two letters must be a common word (`di`, `ke`); one letter is a
    // prefix (`iPhone`, `eKTP`, `mRNA`).
    let word = left.len() >= 3 || left.len() == 2 && common_words::is_common(left);
    (starts_word && word && !BRAND_PREFIXES.contains(&left)).then_some(i + 1)
}

/// The joins of the letter pairs ([`pair_join`]) and the ones that need the names: `known` says
/// whether a word (ASCII, any case) is a piece of some alias.
pub(crate) fn joins_known(text: &str, known: impl Fn(&str) -> bool) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut named = false; // whether a join of `capital_joins` was added
    let mut skip_to = 0; // the end of the last word read
    places(bytes, |base, pairs, starts| {
        let first = out.len();
        for i in bits(base, pairs) {
            if let Some(j) = pair_join(text, i.wrapping_sub(1)) {
                if !confix(bytes, j, &known) {
                    out.push(j);
                }
            }
        }
        // ASCII letter runs that start a word, or start after a join
        // (`oleh|Megawatisebab`), and begin with a capital (a join is
        // before one): the group's starts and joins merged in order, each
        // run read once.
        let joined = out.len();
        let mut starts = bits(base, starts).peekable();
        let mut next = first;
        loop {
            let join = out.get(next).copied().filter(|_| next < joined);
            let i = match (starts.peek().copied(), join) {
                (Some(s), Some(j)) if s <= j => {
                    starts.next();
                    s
                }
                (_, Some(j)) => {
                    next += 1;
                    j
                }
                (Some(s), None) => {
                    starts.next();
                    s
                }
                (None, None) => break,
            };
            if i < skip_to || !bytes.get(i).is_some_and(u8::is_ascii_uppercase) {
                continue;
            }
            let end = letters_end(bytes, i);
            let ends_word = bytes
                .get(end)
                .is_none_or(|b| !b.is_ascii_alphanumeric() && *b < 0x80);
            if ends_word {
                let word = text.get(i..end).unwrap_or_default();
                let had = out.len();
                capital_joins(word, i, &known, &mut out);
                named |= out.len() > had;
            }
            skip_to = end;
        }
    });
    if named {
        out.sort_unstable();
        out.dedup();
    }
    out
}

/// Whether the join at `j` is inside a `ke-…-an` word made from a name
/// (`keIndonesiaan`, `keJawaannya`): the prefix is part of the word.
fn confix(bytes: &[u8], j: usize, known: &impl Fn(&str) -> bool) -> bool {
    let prefix = j >= 2
        && bytes.get(j - 2..j) == Some(b"ke")
        && (j == 2 || bytes.get(j - 3).is_some_and(|b| !b.is_ascii_alphanumeric()));
    if !prefix {
        return false;
    }
    let rest = bytes.get(j..).unwrap_or_default();
    let n = rest
        .iter()
        .take(MAX_GLUED + 1)
        .take_while(|b| b.is_ascii_alphabetic())
        .count();
    if n > MAX_GLUED {
        return false;
    }
    let Some(word) = rest.get(..n).and_then(|w| std::str::from_utf8(w).ok()) else {
        return false;
    };
    let stem = word
        .strip_suffix("annya")
        .or_else(|| word.strip_suffix("an"));
    stem.is_some_and(|s| s.len() >= 3 && known(s)) && !known(word)
}

/// The longest letter run searched for joins inside it, in bytes.
const MAX_GLUED: usize = 128;

/// The joins inside one capitalized ASCII word at `at`: camel-case parts
/// glued to a known name, then a known name glued to a common word.
fn capital_joins(word: &str, at: usize, known: &impl Fn(&str) -> bool, out: &mut Vec<usize>) {
    // A few glued words are some tens of letters (`NegeriRusiaSergei`); a
    // longer run is no text (and its checks below would be quadratic).
    if word.len() < 6 || word.len() > MAX_GLUED {
        return;
    }
    // Most words have one capital, the first: only a name glued to the
    // word after it can be in them, and the cheap test of the rest comes
    // before asking whether the whole word is known or common.
    if word.bytes().skip(1).all(|b| b.is_ascii_lowercase()) {
        if let Some(k) = tail_split(word, false, known) {
            if !known(word) && !common_words::is_common(&word.to_ascii_lowercase()) {
                out.push(at + k);
            }
        }
        return;
    }
    // A word of capitals only (`JAKARTA`, `COVID`) has no join in it: every
    // split below ends a part at a lower-case letter.
    if !word.bytes().any(|b| b.is_ascii_lowercase()) || known(word) {
        return;
    }
    let parts = camel_parts(word, known);
    if parts.len() > 2 {
        for w in parts.windows(3) {
            let &[a, b, c] = w else { continue };
            if let (Some(left), Some(right)) = (word.get(a..b), word.get(b..c)) {
                if parts_join(left, right, known) {
                    out.push(at + b);
                }
            }
        }
        // A name glued to the word after it, inside a part: `Irandan|Nigeria`.
        for w in parts.windows(2) {
            let &[a, b] = w else { continue };
            let followed = b < word.len();
            if let Some(part) = word.get(a..b) {
                tail_join(part, at + a, followed, known, out);
            }
        }
    }
    // With two parts, the word is its capitals and the lower-case letters
    // after them (`YouTube` has three): no name glued to a word after it is
    // in there, as those start with one capital.
}

/// The parts of a capitalized `word` for [`capital_joins`], as offsets,
/// its length last: a capital and the lower-case letters after it; a run of
/// capitals before a capitalized word is a part of its own when the run is
/// a known acronym (`PAN|Zulkifli`).
fn camel_parts(word: &str, known: &impl Fn(&str) -> bool) -> Vec<usize> {
    let bytes = word.as_bytes();
    let mut parts = vec![0];
    for (k, pair) in bytes.windows(2).enumerate() {
        if let [a, b] = pair {
            if a.is_ascii_lowercase() && b.is_ascii_uppercase() {
                parts.push(k + 1);
            }
        }
    }
    for (k, triple) in bytes.windows(3).enumerate() {
        if let [a, b, c] = triple {
            if a.is_ascii_uppercase()
                && b.is_ascii_uppercase()
                && c.is_ascii_lowercase()
                && k >= 1
                && word.len() - (k + 1) >= 4
                && word
                    .get(..=k)
                    .filter(|l| l.bytes().all(|x| x.is_ascii_uppercase()))
                    .is_some_and(known)
            {
                parts.push(k + 1);
            }
        }
    }
    // A known acronym glued to the lower-case word after it (`IPW|selaku`,
    // `DPR|yang`), and a run of capitals after a lower-case letter made of
    // two known acronyms of three letters or more (`Ketua|PDIP|DKI`).
    let mut whole_runs = Vec::new(); // ends of acronyms glued to a lower-case word
    let mut k = 0;
    while k < bytes.len() {
        let caps = bytes
            .get(k..)
            .unwrap_or_default()
            .iter()
            .take_while(|b| b.is_ascii_uppercase())
            .count();
        if caps == 0 {
            k += 1;
            continue;
        }
        let end = k + caps;
        let run = word.get(k..end).unwrap_or_default();
        let lower = bytes
            .get(end..)
            .unwrap_or_default()
            .iter()
            .take_while(|b| b.is_ascii_lowercase())
            .count();
        let rest = word.get(end..end + lower).unwrap_or_default();
        if caps >= 2 && own_word(rest) && known(run) {
            parts.push(end);
            whole_runs.push(end);
        }
        let after_lower = k > 0 && bytes.get(k - 1).is_some_and(u8::is_ascii_lowercase);
        if after_lower && caps >= 6 && lower == 0 && !known(run) {
            if let Some(j) = (3..=caps - 3)
                .rev()
                .find(|&j| run.get(..j).is_some_and(known) && run.get(j..).is_some_and(known))
            {
                parts.push(k + j);
            }
        }
        k = end;
    }
    parts.sort_unstable();
    parts.dedup();
    // `IPW|selaku`: the last capital does not start a word of its own.
    parts.retain(|p| !whole_runs.contains(&(p + 1)));
    parts.push(word.len());
    parts
}

/// Whether two camel-case parts of a word are two words:
/// `PresidenPrabowo`, `NegeriRusiaSergei` (each part of three letters or
/// more, the later one known, the one before common or known), `PAN|Zulkifli`
/// (a known acronym first), `Indofood|Franciscus` (a known name of six
/// letters or more, not a common word, then a capitalized word of five or
/// more, not a common word or a prefixed verb either: `BlackBerry`,
/// `GarudaFood`, `IndonesiaMengajar`, `IndonesiaTerserah` stay whole).
fn parts_join(left: &str, right: &str, known: &impl Fn(&str) -> bool) -> bool {
    let acronym = left.len() >= 2 && left.bytes().all(|x| x.is_ascii_uppercase());
    let left_common = common_words::is_common(&left.to_ascii_lowercase());
    let left_ok = known(left) || left_common;
    let two_names = left.len() >= 6
        && right.len() >= 5
        && known(left)
        && !left_common
        && right.bytes().skip(1).all(|x| x.is_ascii_lowercase())
        && !common_words::is_common(&right.to_ascii_lowercase())
        && !(right.len() >= 7
            && ["Meng", "Meny", "Mem", "Men", "Ber", "Ter", "Di"]
                .iter()
                .any(|p| right.starts_with(p)));
    (acronym && left_ok)
        || left.len() >= 3 && right.len() >= 3 && known(right) && left_ok
        || two_names
}

/// `Malakapada`, `Megawatimengatakan`: in a capitalized `part` (capital,
/// then lower case), the longest known start of four letters or more
/// before a stopword of three letters or more, a common word of five or
/// more or a prefixed verb (a shorter or rarer rest splits names:
/// `Sambi|sari`). Before another capitalized part (`Roddickdan|Davydenko`)
/// a conjunction is a join after any start of four letters, and so is one
/// of [`AFTER_NAMES`] anywhere (`Bratadengan`, `Sampanganadalah`: names
/// the gazetteers do not know).
fn tail_join(
    part: &str,
    at: usize,
    followed: bool,
    known: &impl Fn(&str) -> bool,
    out: &mut Vec<usize>,
) {
    if let Some(k) = tail_split(part, followed, known) {
        out.push(at + k);
        if followed {
            out.push(at + part.len()); // `dan|China`
        }
    }
}

/// Where [`tail_join`] splits `part`, if anywhere.
fn tail_split(part: &str, followed: bool, known: &impl Fn(&str) -> bool) -> Option<usize> {
    if part.len() < 7 || !part.bytes().skip(1).all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    // The longest of those words first: `Rama|sebelum`, not `Ramase|belum`.
    // Most rests have no length and first letter of one: a bit says so.
    let after_name = (4..=part.len().saturating_sub(3)).find(|&k| {
        part.get(k..).is_some_and(|rest| {
            rest.len() >= 5 && may_follow_names(rest) && AFTER_NAMES.contains(&rest)
        })
    });
    if after_name.is_some() {
        return after_name;
    }
    (4..=part.len().saturating_sub(3)).rev().find(|&k| {
        let (Some(name), Some(rest)) = (part.get(..k), part.get(k..)) else {
            return false;
        };
        let conjunction = followed && matches!(rest, "dan" | "atau" | "serta" | "dengan");
        let prefixed = rest.len() >= 6
            && matches!(rest.as_bytes(), [b'm' | b'b' | b't', b'e', ..])
            && ["meng", "meny", "mem", "men", "ber", "ter"]
                .iter()
                .any(|p| rest.starts_with(p));
        // Stopwords are common words: most rests are neither, and the
        // filter says so without a lookup.
        if !conjunction && !prefixed && !common_words::may_be_common(rest) {
            return false;
        }
        let word = common_words::is_stopword(rest) && !NAME_ENDINGS.contains(&rest)
            || rest.len() >= 5 && common_words::is_common(rest)
            || prefixed
            || rest.len() >= 7 && rest.starts_with("di") && common_words::is_common(rest);
        conjunction || (word && known(name))
    })
}

/// `text` with a space inserted at each of `joins`.
pub(crate) fn spaced(text: &str, joins: &[usize]) -> String {
    let mut out = String::with_capacity(text.len() + joins.len());
    let mut at = 0;
    for &j in joins {
        out.push_str(text.get(at..j).unwrap_or_default());
        out.push(' ');
        at = j;
    }
    out.push_str(text.get(at..).unwrap_or_default());
    out
}

/// The original offset of byte `at` of the spaced text.
pub(crate) fn original(joins: &[usize], at: usize) -> usize {
    // The k-th inserted space sits at spaced offset joins[k] + k, which
    // grows with k: a binary search for the spaces before `at`.
    let (mut lo, mut hi) = (0, joins.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if joins.get(mid).is_some_and(|&j| j + mid < at) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    at - lo
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Joins that need the names, with a stand-in for the matcher's words.
    #[test]
    fn the_words_after_names_pass_their_filter() {
        for word in AFTER_NAMES {
            assert!(may_follow_names(word), "{word}");
        }
        assert!(!may_follow_names("zzzzz"));
        assert!(!may_follow_names(""));
    }

    #[test]
    fn joins_that_need_the_names() {
        let known = |w: &str| {
            [
                "prabowo",
                "subianto",
                "malaka",
                "rusia",
                "sergei",
                "china",
                "rama",
                "sarb",
                "pan",
                "megawati",
                "ipw",
                "pdip",
                "dki",
                "pdi",
                "jakarta",
                "indonesia",
                "amerika",
                "malaysia",
                "malaysiakini",
                "indofood",
                "black",
                "garuda",
            ]
            .contains(&w.to_ascii_lowercase().as_str())
        };
        let cases: &[(&str, &str)] = &[
            (
                "kepada PresidenPrabowo Subiantoatas dukungan",
                "kepada Presiden Prabowo Subianto atas dukungan",
            ),
            ("diSelat Malakapada pekan", "di Selat Malaka pada pekan"),
            (
                "Luar NegeriRusiaSergei Lavrov",
                "Luar Negeri Rusia Sergei Lavrov",
            ),
            // Not common, not known before the capital: a camel-case name.
            ("saham PetroChina naik", "saham PetroChina naik"),
            // Stopwords that end names do not split them.
            ("bulan Ramadan dan Sarbini", "bulan Ramadan dan Sarbini"),
            // A common word is not a name glued to another.
            ("Rusiayang", "Rusia yang"),
            // A name glued to a verb, to a conjunction and the next name,
            // a known acronym to the name after it.
            ("Rusiamengatakan bahwa", "Rusia mengatakan bahwa"),
            // `dan` ends names (`Ramadan`): only before another name.
            ("Chinadan Rusia", "Chinadan Rusia"),
            ("RusiadanChina", "Rusia dan China"),
            ("KawandanTeman", "Kawan dan Teman"),
            ("Ketum PANPrabowo", "Ketum PAN Prabowo"),
            // A known name glued to a capitalized word after it.
            ("DirekturIndofoodFranciscus", "Direktur Indofood Franciscus"),
            ("BlackBerry dan GarudaFood", "BlackBerry dan GarudaFood"),
            (
                "#IndonesiaMengajar #IndonesiaTerserah",
                "#IndonesiaMengajar #IndonesiaTerserah",
            ),
            // Not known: stays whole.
            ("Sambisari dan McDonald", "Sambisari dan McDonald"),
            // A glued name after a join is read like one after a space.
            ("olehMegawatisebab hanya", "oleh Megawati sebab hanya"),
            ("sejakJakartaditetapkan", "sejak Jakarta ditetapkan"),
            // Words that end no name split unknown names too, the longest
            // first.
            ("Pangeran Bratadengan", "Pangeran Brata dengan"),
            ("Kelurahan Sampanganadalah", "Kelurahan Sampangan adalah"),
            ("Ramasebelum", "Rama sebelum"),
            // Known acronyms glued to a word or to each other.
            ("danIPWselaku pengawas", "dan IPW selaku pengawas"),
            ("(KetuaPDIPDKI)", "(Ketua PDIP DKI)"),
            ("IPWnya dan PDIPDKI", "IPWnya dan PDIPDKI"),
            // Words that hold a name stay whole.
            (
                "keIndonesiaan Amerikanisasi Jakartanya Malaysiakini",
                "keIndonesiaan Amerikanisasi Jakartanya Malaysiakini",
            ),
        ];
        for &(text, want) in cases {
            assert_eq!(spaced(text, &joins_known(text, known)), want, "{text}");
        }
    }

    fn unglued(text: &str) -> String {
        spaced(text, &joins(text))
    }

    #[test]
    fn join_kinds() {
        for (glued, want) in [
            (
                "seperti dilansirReuters, Senin",
                "seperti dilansir Reuters, Senin",
            ),
            (
                "patroli gabungan diSelat Malaka",
                "patroli gabungan di Selat Malaka",
            ),
            ("kepadaPresiden Prabowo", "kepada Presiden Prabowo"),
            // Camel-case names stay whole.
            ("video YouTube dan TikTok", "video YouTube dan TikTok"),
            (
                "KapanLagi, detikJabar, DiCaprio",
                "KapanLagi, detikJabar, DiCaprio",
            ),
            ("iPhone baru McDonald", "iPhone baru McDonald"),
            // A model code or number glued to the word after it, not to a
            // clitic or suffix.
            (
                "Sukhoi Su-35kepada Indonesia",
                "Sukhoi Su-35 kepada Indonesia",
            ),
            ("F-16dan 2016lalu", "F-16 dan 2016 lalu"),
            ("Su-35nya tahun 1990an, 4x4", "Su-35nya tahun 1990an, 4x4"),
            ("tanpa sambungan", "tanpa sambungan"),
            ("", ""),
        ] {
            assert_eq!(unglued(glued), want, "{glued}");
        }
    }

    #[test]
    fn offsets_map_back() {
        let text = "dilansirReuters diSelat";
        let j = joins(text);
        assert_eq!(j, [8, 18]);
        let s = spaced(text, &j);
        let reuters = s.find("Reuters").unwrap();
        assert_eq!(original(&j, reuters), 8);
        assert_eq!(original(&j, reuters + 7), 15);
        let selat = s.find("Selat").unwrap();
        assert_eq!(&text[original(&j, selat)..original(&j, selat + 5)], "Selat");
    }

    #[test]
    fn the_fast_test_agrees_with_bytes() {
        for t in [
            "abcdefgH",
            "abcdefghIjk",
            "ABCDEFGH",
            "aaaaaaaa",
            "aaaaaaaaaaaaaaaB",
            "a\u{e9}B",
            "1234567a",
            "12345678a",
            "12345678",
            "a1b",
            "aB",
            "Ab",
            "abcdefgHabcdefgHaB1a",
            "abcdefghijklmno1pqrsT",
            "",
        ]
        .into_iter()
        .map(String::from)
        .chain(
            // Pairs and starts on each side of a 64-byte group's edge.
            (58..70).flat_map(|n| {
                let run = "a".repeat(n);
                [
                    format!("{run}B x"),
                    format!("{run} Bc"),
                    format!("{}1a{run}Ab", "x".repeat(n)),
                ]
            }),
        ) {
            let t = t.as_str();
            let slow: Vec<usize> = (0..t.len().saturating_sub(1))
                .filter(|&i| {
                    let w = &t.as_bytes()[i..i + 2];
                    w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase()
                        || w[0].is_ascii_digit() && w[1].is_ascii_lowercase()
                })
                .collect();
            let (mut pairs, mut starts_found) = (Vec::new(), Vec::new());
            places(t.as_bytes(), |base, p, st| {
                pairs.extend(bits(base, p).map(|j| j - 1));
                starts_found.extend(bits(base, st));
            });
            assert_eq!(pairs, slow, "{t}");
            let b = t.as_bytes();
            let starts: Vec<usize> = (0..t.len())
                .filter(|&i| {
                    b[i].is_ascii_uppercase()
                        && (i == 0 || !b[i - 1].is_ascii_alphanumeric() && b[i - 1] < 0x80)
                })
                .collect();
            assert_eq!(starts_found, starts, "{t}");
            for i in 0..t.len() {
                let run = b[i..]
                    .iter()
                    .take_while(|c| c.is_ascii_alphabetic())
                    .count();
                assert_eq!(letters_end(b, i), i + run, "{t} at {i}");
            }
        }
    }

    #[test]
    fn original_offsets_agree_with_counting_the_spaces() {
        let joins = [3, 4, 9, 20, 21, 22, 40];
        let text: String = (0..50).map(|_| 'a').collect();
        let spaced = spaced(&text, &joins);
        for at in 0..=spaced.len() {
            let before = spaced.get(..at).map_or(0, |s| s.matches(' ').count());
            assert_eq!(original(&joins, at), at - before, "at {at}");
        }
    }
}
