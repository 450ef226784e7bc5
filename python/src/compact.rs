//! The compact form of entities (`compact=True`): one tuple
//! `(char_start, char_end, label, id)` per entity instead of a dict, with
//! each distinct label and id one shared Python `str`.
//!
//! The entities are first gathered in Rust as [`Compact`] (two offsets,
//! the label and the id, shared with the extractor: no string copied),
//! with the GIL released; the tuples are then made with it held. Within
//! one call (one `extract`, or one whole `extract_batch`) every repeated
//! id or custom label is the same `str` object, made once; the five
//! built-in labels are interned for the whole process.

use entitas::{Entity, EntityRef, Label, SharedStr};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString};
use std::collections::HashMap;

/// One entity, reduced to what the compact tuple holds.
pub(crate) struct Compact {
    char_start: usize,
    char_end: usize,
    label: Label,
    id: SharedStr,
}

impl Compact {
    pub(crate) fn from_ref(e: &EntityRef<'_>) -> Compact {
        Compact {
            char_start: e.char_start,
            char_end: e.char_end,
            label: e.label.clone(),
            id: e.id.clone(),
        }
    }

    pub(crate) fn from_entity(e: Entity) -> Compact {
        Compact {
            char_start: e.char_start,
            char_end: e.char_end,
            label: e.label,
            id: e.id,
        }
    }
}

/// The `str` objects of one call's labels and ids, one per distinct string.
#[derive(Default)]
pub(crate) struct Strings<'a, 'py> {
    seen: HashMap<&'a str, Bound<'py, PyString>>,
}

impl<'a, 'py> Strings<'a, 'py> {
    fn get(&mut self, py: Python<'py>, s: &'a str) -> Bound<'py, PyString> {
        self.seen
            .entry(s)
            .or_insert_with(|| PyString::new(py, s))
            .clone()
    }

    fn label(&mut self, py: Python<'py>, label: &'a Label) -> Bound<'py, PyString> {
        match label {
            Label::Person => intern!(py, "PERSON").clone(),
            Label::Organization => intern!(py, "ORGANIZATION").clone(),
            Label::Country => intern!(py, "COUNTRY").clone(),
            Label::Location => intern!(py, "LOCATION").clone(),
            Label::Weapon => intern!(py, "WEAPON").clone(),
            other => self.get(py, other.as_str()),
        }
    }

    /// The list of tuples `(char_start, char_end, label, id)` for `found`.
    pub(crate) fn list(
        &mut self,
        py: Python<'py>,
        found: &'a [Compact],
    ) -> PyResult<Bound<'py, PyList>> {
        PyList::new(
            py,
            found.iter().map(|c| {
                (
                    c.char_start,
                    c.char_end,
                    self.label(py, &c.label),
                    self.get(py, c.id.as_str()),
                )
            }),
        )
    }
}
