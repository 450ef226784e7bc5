//! The words the rules read: one pass over the text cuts it into words
//! (with their folded key, case shape and lexicon entry) and sums up what
//! the rules will need (`Summary`), so a text without triggers is done early.

use super::lexicon::bit;
use super::lexicon::Key;
use super::lexicon::Lex;
use super::lexicon::MAX_KEY;
use super::lexicon::{Data, DATA};
use crate::normalize::fold_lower;
use crate::normalize::is_word_char;

/// A word of the text: a run of word characters, joined across `'` or `-`
/// written without blanks (`Ma'ruf`, `Al-Baghdadi`), or one punctuation
/// character.
#[derive(Clone, Copy, Debug)]
pub(super) struct Word<'t> {
    pub(super) text: &'t str,
    /// Folded like the gazetteers, for words that are not ASCII or hold a
    /// `-`; the others fold to their ASCII lower case and compare ignoring
    /// ASCII case (see [`Word::is`]), which spares an allocation per word.
    pub(super) folded: Option<&'t str>,
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) sentence: usize,
    /// Starts with a letter or digit.
    pub(super) is_word: bool,
    /// Starts with an upper-case letter.
    pub(super) cap: bool,
    /// Has letters, all upper case.
    pub(super) all_caps: bool,
    /// Has a letter.
    pub(super) alpha: bool,
    /// First word of its sentence.
    pub(super) sentence_start: bool,
    /// What the rule data says of the word.
    pub(super) lex: Option<&'static Lex>,
    /// `lex`'s [`bit`] flags (0 without an entry).
    pub(super) bits: u16,
}

impl Word<'_> {
    /// Whether the word folds to `folded` (a lower-case trigger word).
    pub(super) fn is(&self, folded: &str) -> bool {
        match self.folded {
            Some(f) => f == folded,
            None => self.text.eq_ignore_ascii_case(folded),
        }
    }

    pub(super) fn stop(&self) -> bool {
        self.bits & bit::STOP != 0
    }

    pub(super) fn title_word(&self) -> bool {
        self.bits & bit::TITLE_WORD != 0
    }

    pub(super) fn has(&self, b: u16) -> bool {
        self.bits & b != 0
    }
}

/// The char at byte `i` of `text` (a char boundary).
#[inline]
pub(super) fn char_at(text: &str, i: usize) -> Option<char> {
    match text.as_bytes().get(i) {
        Some(&b) if b < 0x80 => Some(char::from(b)),
        Some(_) => text.get(i..).and_then(|r| r.chars().next()),
        None => None,
    }
}

/// The end of the word that starts with the word char at `start`.
#[inline]
pub(super) fn word_end(text: &str, start: usize, first: char) -> usize {
    let bytes = text.as_bytes();
    let mut end = start + first.len_utf8();
    while let Some(&b) = bytes.get(end) {
        if b.is_ascii_alphanumeric() {
            end += 1;
            continue;
        }
        let Some(d) = char_at(text, end) else { break };
        let after = end + d.len_utf8();
        // A joiner counts only with a word character right after it.
        let joins = matches!(d, '\'' | '’' | '-') && char_at(text, after).is_some_and(is_word_char);
        if !joins && !is_word_char(d) {
            break;
        }
        end = after;
    }
    end
}

pub(super) use crate::unglue::load8;

pub(super) const ONES: u64 = 0x0101_0101_0101_0101;
pub(super) const HIGH: u64 = 0x8080_8080_8080_8080;

/// Bit 7 set in each byte of `x` (all bytes below 0x80) within `lo..=hi`.
#[inline]
pub(super) fn in_range(x: u64, lo: u8, hi: u8) -> u64 {
    let ge = x.wrapping_add(ONES * u64::from(0x80 - lo));
    let gt = x.wrapping_add(ONES * u64::from(0x7f - hi));
    ge & !gt & HIGH
}

/// The low `n` bytes of a word (`n` ≤ 8).
#[inline]
// The mask fits in 64 bits by construction.
#[allow(clippy::cast_possible_truncation)]
pub(super) fn byte_mask(n: usize) -> u64 {
    // Through u128, a shift by 64 needs no branch.
    ((1u128 << (8 * n.min(8))) - 1) as u64
}

/// The run of ASCII letters and digits from `start`, eight bytes at a
/// time: its end, its key (lower case: bit 5 set, which letters and
/// digits alike allow) if it fits one, whether it has letters, and
/// whether it has lower-case ones.
#[inline]
pub(super) fn alnum_run(bytes: &[u8], start: usize) -> (usize, Option<Key>, bool, bool) {
    /// Bit 7 of each byte: letter, lower-case letter, not a letter or digit.
    #[inline]
    pub(super) fn classify(x: u64) -> (u64, u64, u64) {
        let ascii = !x & HIGH;
        let x7 = x & !HIGH;
        let lower = in_range(x7, b'a', b'z') & ascii;
        let letter = in_range(x7 | (ONES * 0x20), b'a', b'z') & ascii;
        let alnum = letter | (in_range(x7, b'0', b'9') & ascii);
        (letter, lower, !alnum & HIGH)
    }
    // The chunks are kept in registers: writing them to an array and
    // reading the key back whole stalls store forwarding.
    let mut chunks = [0u64; 3];
    let mut end = start;
    let (mut letters, mut lowers) = (0u64, 0u64);
    for k in 0.. {
        let x = load8(bytes, end);
        let (letter, lower, stop) = classify(x);
        let n = if stop == 0 {
            8
        } else {
            (stop.trailing_zeros() / 8) as usize
        };
        let mask = byte_mask(n);
        letters |= letter & mask;
        lowers |= lower & mask;
        let chunk = (x & mask) | ((ONES * 0x20) & mask);
        let [c0, c1, c2] = chunks;
        chunks = match k {
            0 => [chunk, 0, 0],
            1 => [c0, chunk, 0],
            2 => [c0, c1, chunk],
            _ => [c0, c1, c2],
        };
        end += n;
        if n < 8 {
            break;
        }
    }
    let len = end - start;
    let key = u8::try_from(len)
        .ok()
        .filter(|_| len <= MAX_KEY)
        .map(|len| Key { words: chunks, len });
    (end, key, letters != 0, lowers != 0)
}

/// Splits `text` into words and sentences in one pass. A sentence ends at a
/// line break, or after `.`, `!`, `?` or `…` followed by a blank, unless the
/// dot follows an abbreviation (an initial, or a word of
/// `rules/abbreviations.txt`: `Jl. Merdeka`, `Dr. Budi`).
///
/// The folded forms of the words that need one (not ASCII, or with a `-`)
/// go to `arena`, so that a word holds no allocation of its own.
/// Whether `word` (a mark) ends a sentence: `!`, `?`, `…`, or a `.` that
/// does not close an initial or an abbreviation just before it.
#[inline]
fn ends_a_sentence(word: &Word, before: &[Word], start: usize) -> bool {
    !word.is_word
        && match word.text {
            "!" | "?" | "…" => true,
            "." => !before.last().is_some_and(|w| {
                w.end == start
                    && w.cap
                    && (w.text.chars().count() == 1 || w.lex.is_some_and(|l| l.abbreviation))
            }),
            _ => false,
        }
}

/// The common case: ASCII letters and digits up to a blank or an ASCII
/// punctuation mark that joins nothing, or one such mark. They fold to their
/// ASCII lower case. `None` where the general path must cut the word.
#[inline]
fn ascii_word<'t>(
    text: &'t str,
    start: usize,
    sentence: usize,
    sentence_start: bool,
    data: &'static Data,
) -> Option<Word<'t>> {
    let bytes = text.as_bytes();
    let b = *bytes.get(start)?;
    if b.is_ascii_alphanumeric() {
        let (end, key, alpha, lower) = alnum_run(bytes, start);
        match bytes.get(end) {
            Some(&d) if d >= 0x80 || d == b'\'' || d == b'-' => None,
            _ => text.get(start..end).map(|slice| {
                let lex = key.and_then(|k| data.get(&k));
                Word {
                    text: slice,
                    folded: None,
                    start,
                    end,
                    sentence,
                    is_word: true,
                    cap: b.is_ascii_uppercase(),
                    all_caps: alpha && !lower,
                    alpha,
                    sentence_start,
                    lex,
                    bits: lex.map_or(0, |l| l.bits),
                }
            }),
        }
    } else if b < 0x80 && b != b'-' {
        let mut buf = [0u8; MAX_KEY];
        if let Some(first) = buf.first_mut() {
            *first = b.to_ascii_lowercase();
        }
        let lex = Key::packed(buf, 1).and_then(|k| data.get(&k));
        text.get(start..start + 1).map(|slice| Word {
            text: slice,
            folded: None,
            start,
            end: start + 1,
            sentence,
            is_word: false,
            cap: false,
            all_caps: false,
            alpha: false,
            sentence_start,
            lex,
            bits: lex.map_or(0, |l| l.bits),
        })
    } else {
        None
    }
}

/// Whether the line break at `at` is inside a sentence: scraped text
/// cuts link texts onto lines of their own (`dilansir\nAntara,\nSelasa`),
/// so a single break after a lower-case word or a comma, or before a
/// lower-case word or a comma, goes on with the sentence. A blank line, or
/// a break between two capitalized words (a headline and its text), ends it.
fn line_goes_on(out: &[Word], bytes: &[u8], at: usize) -> bool {
    let Some(prev) = out.last() else {
        return false;
    };
    let mut k = at + 1;
    while bytes
        .get(k)
        .is_some_and(|b| matches!(b, b' ' | b'\t' | b'\r'))
    {
        k += 1;
    }
    let Some(&next) = bytes.get(k) else {
        return false;
    };
    if next == b'\n' {
        return false;
    }
    let soft = |w: &str| matches!(w, "," | ";" | "(" | "-" | "/");
    let prev_soft = (prev.alpha && !prev.cap) || soft(prev.text);
    let next_soft = next.is_ascii_lowercase() || matches!(next, b',' | b';' | b')');
    prev_soft || next_soft
}

pub(super) fn words<'t>(text: &'t str, arena: &'t mut String) -> (Vec<Word<'t>>, Summary) {
    let data = &*DATA;
    let mut summary = Summary {
        headline: Vec::new(),
        starts: vec![0; text.len() / 64 + 1],
        first_words: Vec::new(),
        paren: false,
        head: false,
        title: false,
        say: false,
        context: false,
        name: false,
        media: false,
        lower_head: false,
    };
    // (content words, lower-case ones) of the current sentence.
    let (mut n, mut lower) = (0usize, 0usize);
    // (word index, range in `arena`) of the folded forms.
    let mut folded: Vec<(usize, usize, usize)> = Vec::new();
    let bytes = text.as_bytes();
    let mut out: Vec<Word> = Vec::with_capacity(text.len() / 6 + 1);
    let mut sentence = 0;
    let mut sentence_start = true;
    let mut ends_sentence = false;
    let mut start = 0;
    while let Some(&b) = bytes.get(start) {
        // ASCII blanks (the ones `char::is_whitespace` accepts).
        if matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) {
            if (b == b'\n' && !line_goes_on(&out, bytes, start)) || ends_sentence {
                if !sentence_start {
                    sentence += 1;
                }
                sentence_start = true;
            }
            ends_sentence = false;
            start += 1;
            continue;
        }
        let word = ascii_word(text, start, sentence, sentence_start, data);
        let word = match word {
            Some(w) => w,
            None => {
                let Some(c) = char_at(text, start) else {
                    break;
                };
                if c.is_whitespace() {
                    if ends_sentence {
                        if !sentence_start {
                            sentence += 1;
                        }
                        sentence_start = true;
                    }
                    ends_sentence = false;
                    start += c.len_utf8();
                    continue;
                }
                let Some((w, f)) = general_word(text, start, c, sentence, sentence_start, arena)
                else {
                    break;
                };
                if let Some((a, b)) = f {
                    folded.push((out.len(), a, b));
                }
                w
            }
        };
        ends_sentence = ends_a_sentence(&word, &out, start);
        start = word.end;
        summary.add(&word, &mut n, &mut lower);
        if word.sentence_start {
            summary.first_words.push((word.start, out.len()));
        }
        out.push(word);
        sentence_start = false;
    }
    if !out.is_empty() {
        summary.headline.push(n >= 3 && lower == 0);
    }
    let arena: &'t String = arena;
    for (i, a, b) in folded {
        if let Some(w) = out.get_mut(i) {
            w.folded = arena.get(a..b);
        }
    }
    (out, summary)
}

/// A word that starts with the non-blank char `c` at `start`, the slow way:
/// any script, joiners, folding.
/// Its folded form, if it has one, goes to `arena` (the range is returned).
pub(super) fn general_word<'t>(
    text: &'t str,
    start: usize,
    c: char,
    sentence: usize,
    sentence_start: bool,
    arena: &mut String,
) -> Option<(Word<'t>, Option<(usize, usize)>)> {
    let data = &*DATA;
    let is_word = is_word_char(c);
    let end = if is_word {
        word_end(text, start, c)
    } else {
        start + c.len_utf8()
    };
    let slice = text.get(start..end)?;
    let bytes = slice.as_bytes();
    let ascii = bytes.is_ascii();
    let (lex, range) = if ascii && !bytes.contains(&b'-') {
        // ASCII without `-` folds to its lower case.
        (Key::lower(bytes).and_then(|k| data.get(&k)), None)
    } else {
        // ASCII with `-` folds to its lower case with blanks for the
        // dashes (a `-` inside a word has word chars on both sides; a lone
        // one folds to nothing); the rest goes through `fold_lower`.
        let a = arena.len();
        if ascii && is_word {
            arena.extend(bytes.iter().map(|&b| {
                if b == b'-' {
                    ' '
                } else {
                    char::from(b.to_ascii_lowercase())
                }
            }));
        } else if !(ascii && bytes == b"-") {
            arena.push_str(&fold_lower(slice));
        }
        let lex = arena.get(a..).and_then(|f| data.lex(f.as_bytes()));
        (lex, Some((a, arena.len())))
    };
    let alpha = slice.chars().any(char::is_alphabetic);
    let word = Word {
        text: slice,
        folded: None,
        start,
        end,
        sentence,
        is_word,
        cap: c.is_uppercase(),
        all_caps: is_word && alpha && !slice.chars().any(char::is_lowercase),
        alpha,
        sentence_start,
        lex,
        bits: lex.map_or(0, |l| l.bits),
    };
    Some((word, range))
}

/// What one pass over the words tells before the rules run.
pub(super) struct Summary {
    /// Headline flag per sentence. Headlines: sentences with three or
    /// more words, none in lower case but the prepositions and conjunctions
    /// of [`HEADLINE_LOWER`]. A sentence with a lower-case verb (`Presiden
    /// Joko Widodo meresmikan …`) is not one.
    pub(super) headline: Vec<bool>,
    /// A bit per byte of the text, set where a sentence's first word starts.
    pub(super) starts: Vec<u64>,
    /// `(start byte, word index)` of each sentence's first word, in order:
    /// a short list to search instead of all the words.
    pub(super) first_words: Vec<(usize, usize)>,
    /// Whether the text has a `(` (acronyms), a capitalized head noun, a
    /// title, a lower-case verb of saying.
    pub(super) paren: bool,
    pub(super) head: bool,
    pub(super) title: bool,
    pub(super) say: bool,
    /// A word of `rules/context.txt`.
    pub(super) context: bool,
    /// A capitalized known given or family name.
    pub(super) name: bool,
    /// A media cue (`dilansir`).
    pub(super) media: bool,
    /// A place word of `rules/lower-heads.txt` in lower case.
    pub(super) lower_head: bool,
}

impl Summary {
    /// Takes in the next word; `n` and `lower` count the content words
    /// of the current sentence and the lower-case ones.
    #[inline]
    pub(super) fn add(&mut self, w: &Word, n: &mut usize, lower: &mut usize) {
        if w.sentence_start {
            if let Some(b) = self.starts.get_mut(w.start / 64) {
                *b |= 1 << (w.start % 64);
            }
            if w.sentence > 0 {
                self.headline.push(*n >= 3 && *lower == 0);
                (*n, *lower) = (0, 0);
            }
        }
        self.paren |= w.text == "(";
        if w.bits != 0 {
            self.head |= w.cap && w.has(bit::HEAD);
            self.title |= w.has(bit::TITLE);
            self.say |= (!w.cap || w.sentence_start) && w.has(bit::SAY);
            self.context |= w.has(bit::CONTEXT);
            self.name |= w.cap && w.has(bit::NAME);
            self.media |= w.has(bit::MEDIA);
            self.lower_head |= !w.cap && w.has(bit::LOWER_HEAD);
        }
        if w.is_word && w.alpha && !w.has(bit::HEADLINE_LOWER) {
            *n += 1;
            *lower += usize::from(!w.cap);
        }
    }
}
