//! [`SharedStr`]: the ids, names and sources entities share with the
//! extractor, and the process-wide table of interned strings.

use once_cell::sync::Lazy;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::Arc;

/// An immutable string shared by every [`Entity`](crate::Entity) that holds it: ids,
/// canonical names, sources and custom labels come from the extractor's
/// records, so handing them out costs at most a reference count, not a
/// copy (nothing at all for the compiled default gazetteers, whose strings
/// live in the program's static data).
///
/// It reads like a `&str` (it derefs to one, compares with `str`, `&str`
/// and `String`, formats and serializes as a plain string).
///
/// ```
/// let found = entitas::extract("Rusia menyerang.");
/// assert_eq!(found[0].id, "country:RUS");
/// assert!(found[0].id.starts_with("country:"));
/// let id: String = found[0].id.to_string();
/// # assert_eq!(id, "country:RUS");
/// ```
#[derive(Clone)]
pub struct SharedStr(Repr);

#[derive(Clone)]
enum Repr {
    Static(&'static str),
    Shared(Arc<str>),
}

impl SharedStr {
    /// A `SharedStr` of a `'static` string: no allocation, and clones copy
    /// a pointer.
    pub const fn from_static(s: &'static str) -> SharedStr {
        SharedStr(Repr::Static(s))
    }

    /// The string.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Static(s) => s,
            Repr::Shared(s) => s,
        }
    }
}

impl std::ops::Deref for SharedStr {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for SharedStr {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl std::borrow::Borrow<str> for SharedStr {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for SharedStr {
    fn eq(&self, other: &SharedStr) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for SharedStr {}

impl std::hash::Hash for SharedStr {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl PartialOrd for SharedStr {
    fn partial_cmp(&self, other: &SharedStr) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for SharedStr {
    fn cmp(&self, other: &SharedStr) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Serialize for SharedStr {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for SharedStr {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<SharedStr, D::Error> {
        String::deserialize(deserializer).map(SharedStr::from)
    }
}

impl fmt::Debug for SharedStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for SharedStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl From<&str> for SharedStr {
    fn from(s: &str) -> SharedStr {
        SharedStr(Repr::Shared(Arc::from(s)))
    }
}

impl From<String> for SharedStr {
    fn from(s: String) -> SharedStr {
        SharedStr(Repr::Shared(Arc::from(s)))
    }
}

impl From<Arc<str>> for SharedStr {
    fn from(s: Arc<str>) -> SharedStr {
        SharedStr(Repr::Shared(s))
    }
}

impl From<SharedStr> for String {
    fn from(s: SharedStr) -> String {
        s.as_str().to_string()
    }
}

impl PartialEq<str> for SharedStr {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for SharedStr {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for SharedStr {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<SharedStr> for str {
    fn eq(&self, other: &SharedStr) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<SharedStr> for &str {
    fn eq(&self, other: &SharedStr) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<SharedStr> for String {
    fn eq(&self, other: &SharedStr) -> bool {
        self.as_str() == other.as_str()
    }
}

/// `s` as a static `SharedStr`, for the few strings that every entity of a
/// gazetteer shares (its source, a custom label): their clones then touch
/// no reference count, which threads extracting side by side would
/// otherwise fight over. Each distinct string is allocated once for the
/// life of the process; past [`INTERNED_MAX`] of them, strings are shared
/// with a reference count instead, so the memory kept stays bounded.
pub(crate) fn interned(s: &str) -> SharedStr {
    use std::collections::HashSet;
    use std::sync::{Mutex, PoisonError};
    static TABLE: Lazy<Mutex<HashSet<&'static str>>> = Lazy::new(Mutex::default);
    let mut table = TABLE.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(&kept) = table.get(s) {
        return SharedStr::from_static(kept);
    }
    if table.len() >= INTERNED_MAX {
        return SharedStr::from(s);
    }
    let kept: &'static str = Box::leak(Box::from(s));
    table.insert(kept);
    SharedStr::from_static(kept)
}

/// How many distinct strings [`interned`] keeps at most.
const INTERNED_MAX: usize = 4096;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interned_strings_are_kept_once() {
        let a = interned("gazetteer:interned-test");
        let b = interned(&String::from("gazetteer:interned-test"));
        assert_eq!(a, b);
        assert!(std::ptr::eq(a.as_str(), b.as_str()), "one copy");
        assert!(matches!(a.0, Repr::Static(_)));
    }
}
