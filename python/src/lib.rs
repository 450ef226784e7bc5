//! Python bindings for `entitas` (PyO3, abi3): the native module
//! `entitas._entitas` with `extract` and `Extractor`, re-exported by the
//! package `entitas` (`../entitas/__init__.py`). The Python API is
//! documented in `../entitas/__init__.pyi` and `../README.md`; the
//! docstrings below are what `help()` shows.
//!
//! Every entity becomes a `dict` with the fields of `entitas::Entity`, or
//! with `compact=True` a tuple `(char_start, char_end, label, id)`
//! (`compact.rs`).
//! The extraction itself runs detached from the interpreter (the GIL is
//! released), so Python threads can share one `Extractor`, and
//! `extract_batch` runs on all cores through `Extractor::extract_batch`.

mod compact;

use compact::{Compact, Strings};
use entitas::{Case, Entity, Error, Overlap};
use pyo3::exceptions::{
    PyFileNotFoundError, PyOSError, PyPermissionError, PyTypeError, PyValueError,
};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};
use std::path::PathBuf;
use std::sync::OnceLock;

/// One entity as a Python dict. Keys are interned, so building many dicts
/// costs no string allocation for them.
fn entity_dict<'py>(py: Python<'py>, e: Entity) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item(intern!(py, "text"), e.text)?;
    d.set_item(intern!(py, "label"), e.label.as_str())?;
    d.set_item(intern!(py, "id"), e.id.as_str())?;
    d.set_item(intern!(py, "canonical"), e.canonical.as_str())?;
    d.set_item(intern!(py, "byte_start"), e.byte_start)?;
    d.set_item(intern!(py, "byte_end"), e.byte_end)?;
    d.set_item(intern!(py, "char_start"), e.char_start)?;
    d.set_item(intern!(py, "char_end"), e.char_end)?;
    d.set_item(intern!(py, "source"), e.source.as_str())?;
    d.set_item(intern!(py, "nested"), e.nested)?;
    let alternatives: Vec<&str> = e.alternatives.iter().map(|a| a.as_str()).collect();
    d.set_item(intern!(py, "alternatives"), alternatives)?;
    Ok(d)
}

fn entity_list<'py>(py: Python<'py>, entities: Vec<Entity>) -> PyResult<Bound<'py, PyList>> {
    let dicts = entities
        .into_iter()
        .map(|e| entity_dict(py, e))
        .collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, dicts)
}

/// The library's error as a Python exception: a file that cannot be read
/// is an `OSError` (`FileNotFoundError`, `PermissionError`), everything
/// else (a malformed gazetteer line, a duplicate id, a folder without
/// `.tsv` files) a `ValueError`. The message is the library's, one line:
/// `my.tsv:3:1: bad field count: ...`.
fn to_py_err(err: Error) -> PyErr {
    match &err {
        Error::Io { path, source } => {
            let path = path.display().to_string();
            // (errno, strerror, filename), as Python's own OSErrors:
            // `[Errno 2] No such file or directory: 'my.tsv'`.
            let errno = source.raw_os_error().unwrap_or(0);
            let message = source.to_string();
            let suffix = format!(" (os error {errno})");
            let strerror = message
                .strip_suffix(&suffix)
                .unwrap_or(&message)
                .to_string();
            let args = (errno, strerror, path);
            match source.kind() {
                std::io::ErrorKind::NotFound => PyFileNotFoundError::new_err(args),
                std::io::ErrorKind::PermissionDenied => PyPermissionError::new_err(args),
                _ => PyOSError::new_err(args),
            }
        }
        _ => PyValueError::new_err(err.to_string()),
    }
}

fn parse_case(case: &str) -> PyResult<Case> {
    match case {
        "auto" => Ok(Case::Auto),
        "smart" => Ok(Case::Smart),
        "insensitive" => Ok(Case::Insensitive),
        other => Err(PyValueError::new_err(format!(
            "case must be 'auto', 'smart' or 'insensitive', not {other:?}"
        ))),
    }
}

/// The extractor of the module-level `extract`: the library's defaults,
/// built on first use (the same as `entitas::extract`'s, which is then never
/// built).
fn default_extractor() -> &'static entitas::Extractor {
    static DEFAULT: OnceLock<entitas::Extractor> = OnceLock::new();
    DEFAULT.get_or_init(|| {
        entitas::Extractor::builder()
            .build()
            .expect("the embedded gazetteers are valid (checked by the library's tests)")
    })
}

/// The entities of `text` found by `extractor`, as dicts or, with
/// `compact`, as tuples; the search runs with the GIL released.
fn extract_with<'py>(
    py: Python<'py>,
    extractor: &entitas::Extractor,
    text: &str,
    compact: bool,
) -> PyResult<Bound<'py, PyList>> {
    if compact {
        let found = py.detach(|| {
            let mut found = Vec::new();
            extractor.extract_each(text, |e| found.push(Compact::from_ref(&e)));
            found
        });
        Strings::default().list(py, &found)
    } else {
        let entities = py.detach(|| extractor.extract(text));
        entity_list(py, entities)
    }
}

/// Find the entities in ``text`` with the default gazetteers embedded in
/// the library (flat output, auto case, all rules).
///
/// Returns a list of dicts, sorted by start offset, with the keys ``text``,
/// ``label``, ``id``, ``canonical``, ``byte_start``, ``byte_end``,
/// ``char_start``, ``char_end``, ``source``, ``nested`` and
/// ``alternatives``. ``text[e["char_start"]:e["char_end"]] == e["text"]``
/// always holds: char offsets are Python string indices.
///
/// With ``compact=True``, each entity is a tuple ``(char_start, char_end,
/// label, id)`` instead (136 bytes per entity on CPython 3.11, a dict 930); within
/// one call, repeated labels and ids are the same ``str`` object.
///
/// The default extractor is built on the first call (a fraction of a
/// second) and shared afterwards. The GIL is released while the text is searched.
#[pyfunction]
#[pyo3(signature = (text, *, compact = false))]
fn extract<'py>(py: Python<'py>, text: PyBackedStr, compact: bool) -> PyResult<Bound<'py, PyList>> {
    extract_with(py, default_extractor(), &text, compact)
}

/// `gazetteer_text` as TSV: a `str` as it is, or a list of rows, each a
/// `str` (one line) or a sequence of `str` cells (joined by tabs).
fn gazetteer_from_memory(t: &Bound<'_, PyAny>) -> PyResult<String> {
    if let Ok(s) = t.extract::<PyBackedStr>() {
        return Ok(s.to_string());
    }
    let bad = || {
        PyTypeError::new_err(
            "gazetteer_text takes a TSV str or a list of rows (each a str or a list of str cells)",
        )
    };
    let mut out = String::new();
    for row in t.try_iter().map_err(|_| bad())? {
        let row = row?;
        if let Ok(line) = row.extract::<PyBackedStr>() {
            out.push_str(&line);
        } else {
            let cells = row
                .try_iter()
                .map_err(|_| bad())?
                .map(|c| c?.extract::<PyBackedStr>().map_err(|_| bad()))
                .collect::<PyResult<Vec<PyBackedStr>>>()?;
            let cells: Vec<&str> = cells.iter().map(|c| &**c).collect();
            out.push_str(&cells.join("\t"));
        }
        out.push('\n');
    }
    Ok(out)
}

/// A compiled set of gazetteers that finds entities in text.
///
/// ``Extractor(gazetteers=None, default_gazetteers=True, case="auto",
/// nested=False, rules=True, gazetteer_text=None, model=True)``
///
/// * ``gazetteers``: paths of gazetteer files (``.tsv``) or folders (every
///   ``.tsv`` in them, in name order); they take priority over the
///   defaults.
/// * ``default_gazetteers``: include the gazetteers embedded in the
///   library.
/// * ``case``: ``"auto"`` (the default: line by line, by whether its
///   capitals mark names), ``"smart"`` (an alias with capitals matches
///   those capitals or all caps) or ``"insensitive"`` (case ignored).
/// * ``nested``: also report mentions inside longer ones, with
///   ``"nested": True``.
/// * ``rules``: run the rule stage (titles, saying verbs, head nouns,
///   acronyms, context words, coreference); ``False`` gives gazetteer matches only.
/// * ``gazetteer_text``: one more gazetteer from memory, in the file format:
///   a TSV ``str``, or a list of rows (each a line ``str`` or a list of
///   ``str`` cells); its errors name ``<gazetteer_text>:line:column``.
/// * ``model``: run the learned tagger, which adds people, organizations
///   and places where the gazetteers and rules found nothing (source
///   ``model:tagger``); it runs only with the default gazetteers and rules on.
///
/// Raises ``TypeError`` for a ``gazetteers`` that is a single ``str`` (write
/// ``[path]``) or holds something other than paths.
///
/// Raises ``ValueError`` for a malformed gazetteer (the message names
/// ``file:line:column``), a duplicate id or a bad ``case``, and
/// ``OSError`` (``FileNotFoundError``...) for a file that cannot be read.
///
/// An ``Extractor`` is immutable and thread-safe: share one between
/// threads. Every method releases the GIL while it searches.
#[pyclass(frozen, module = "entitas")]
struct Extractor {
    inner: entitas::Extractor,
    gazetteers: Vec<PathBuf>,
    default_gazetteers: bool,
    case: &'static str,
    nested: bool,
    rules: bool,
    /// `gazetteer_text` as TSV, kept for pickling.
    memory: Option<String>,
    model: bool,
}

#[pymethods]
impl Extractor {
    #[new]
    // The arguments are the Python keyword arguments, one each.
    #[allow(clippy::too_many_arguments)]
    #[pyo3(signature = (gazetteers = None, default_gazetteers = true, case = "auto", nested = false, rules = true, gazetteer_text = None, model = true))]
    fn new(
        py: Python<'_>,
        gazetteers: Option<&Bound<'_, PyAny>>,
        default_gazetteers: bool,
        case: &str,
        nested: bool,
        rules: bool,
        gazetteer_text: Option<&Bound<'_, PyAny>>,
        model: bool,
    ) -> PyResult<Self> {
        let case_mode = parse_case(case)?;
        let gazetteers = match gazetteers {
            None => Vec::new(),
            Some(g) if g.is_instance_of::<PyString>() => {
                return Err(PyTypeError::new_err(format!(
                    "gazetteers takes a list of paths, not a str: write gazetteers=[{}]",
                    g.repr()?
                )))
            }
            Some(g) => g
                .try_iter()
                .map_err(|_| {
                    PyTypeError::new_err("gazetteers takes a list of paths (str or os.PathLike)")
                })?
                .map(|p| {
                    p?.extract::<PathBuf>().map_err(|_| {
                        PyTypeError::new_err(
                            "gazetteers takes a list of paths (str or os.PathLike)",
                        )
                    })
                })
                .collect::<PyResult<Vec<PathBuf>>>()?,
        };
        let memory = match gazetteer_text {
            None => None,
            Some(t) => Some(gazetteer_from_memory(t)?),
        };
        let mut builder = entitas::Extractor::builder();
        builder
            .default_gazetteers(default_gazetteers)
            .case(case_mode)
            .overlap(if nested {
                Overlap::Nested
            } else {
                Overlap::Flat
            })
            .rules(rules)
            .model(model);
        for path in &gazetteers {
            builder.gazetteer_file(path);
        }
        if let Some(text) = &memory {
            builder.gazetteer_text("<gazetteer_text>", text);
        }
        // Reading and compiling the gazetteers takes a noticeable time (0.16 s
        // for the defaults): let other Python threads run meanwhile.
        let inner = py.detach(|| builder.build()).map_err(to_py_err)?;
        Ok(Extractor {
            inner,
            gazetteers,
            default_gazetteers,
            case: match case_mode {
                Case::Smart => "smart",
                Case::Insensitive => "insensitive",
                _ => "auto",
            },
            nested,
            rules,
            memory,
            model,
        })
    }

    /// Find the entities in ``text``: a list of dicts sorted by start
    /// offset (see ``entitas.extract`` for the keys), or with
    /// ``compact=True`` of tuples ``(char_start, char_end, label, id)``.
    /// Never fails on any ``str``. Releases the GIL while it searches.
    #[pyo3(signature = (text, *, compact = false))]
    fn extract<'py>(
        &self,
        py: Python<'py>,
        text: PyBackedStr,
        compact: bool,
    ) -> PyResult<Bound<'py, PyList>> {
        extract_with(py, &self.inner, &text, compact)
    }

    /// Find the entities in many texts at once, on all cores, with the GIL
    /// released: returns one list of entities per text, in the order
    /// of ``texts`` (the same as ``[self.extract(t, compact=compact) for t
    /// in texts]``; with ``compact=True`` repeated labels and ids are the
    /// same ``str`` object across the whole batch).
    ///
    /// ``texts`` is any iterable of ``str`` (a list, a tuple, a
    /// generator); a single ``str`` is refused with ``TypeError``.
    #[pyo3(signature = (texts, *, compact = false))]
    fn extract_batch<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        compact: bool,
    ) -> PyResult<Bound<'py, PyList>> {
        if texts.is_instance_of::<PyString>() {
            return Err(PyTypeError::new_err(
                "extract_batch takes an iterable of str, not a str: use extract(text) for one text",
            ));
        }
        let texts = texts
            .try_iter()?
            .map(|t| t?.extract::<PyBackedStr>())
            .collect::<PyResult<Vec<PyBackedStr>>>()?;
        let lists = if compact {
            let found = py.detach(|| {
                self.inner.extract_batch_with(&texts, |_, entities| {
                    entities
                        .into_iter()
                        .map(Compact::from_entity)
                        .collect::<Vec<_>>()
                })
            });
            let mut strings = Strings::default();
            found
                .iter()
                .map(|one| strings.list(py, one))
                .collect::<PyResult<Vec<_>>>()?
        } else {
            let found = py.detach(|| self.inner.extract_batch(&texts));
            found
                .into_iter()
                .map(|entities| entity_list(py, entities))
                .collect::<PyResult<Vec<_>>>()?
        };
        PyList::new(py, lists)
    }

    /// Whether nested mentions are reported (``nested=True``).
    #[getter]
    fn nested(&self) -> bool {
        self.nested
    }

    /// Number of entities in the gazetteers.
    #[getter]
    fn entity_count(&self) -> usize {
        self.inner.entity_count()
    }

    /// Number of distinct folded aliases the automaton searches for.
    #[getter]
    fn pattern_count(&self) -> usize {
        self.inner.pattern_count()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let paths = PyList::new(py, self.gazetteers.iter().map(|p| p.display().to_string()))?;
        let py_bool = |b: bool| if b { "True" } else { "False" };
        // `model` is shown only when it is off (its default is on).
        Ok(format!(
            "Extractor(gazetteers={}, default_gazetteers={}, case='{}', nested={}, rules={}{})",
            paths.repr()?,
            py_bool(self.default_gazetteers),
            self.case,
            py_bool(self.nested),
            py_bool(self.rules),
            if self.model { "" } else { ", model=False" },
        ))
    }

    /// Pickling rebuilds the extractor from its arguments (gazetteer files
    /// are read again where it is unpickled): an ``Extractor`` can go to a
    /// ``multiprocessing`` or Spark worker.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let this = slf.get();
        let args = (
            this.gazetteers.clone(),
            this.default_gazetteers,
            this.case,
            this.nested,
            this.rules,
            this.memory.clone(),
            this.model,
        );
        (slf.get_type(), args).into_pyobject(py)
    }
}

/// Named entities in Indonesian text, found with gazetteers.
///
/// ``entitas.extract(text)`` uses the default gazetteers embedded in the
/// library; ``entitas.Extractor(...)`` adds your own gazetteers, nested
/// mentions, a case policy, and ``extract_batch`` on all cores.
///
/// >>> import entitas
/// >>> [(e["text"], e["label"], e["id"]) for e in entitas.extract("Menteri Pertahanan Rusia Sergei Shoigu mengunjungi Iran.")]
/// [('Rusia', 'COUNTRY', 'country:RUS'), ('Sergei Shoigu', 'PERSON', 'person:sergei-shoigu'), ('Iran', 'COUNTRY', 'country:IRN')]
///
/// This is the native module ``entitas._entitas``; import ``entitas``.
#[pymodule]
#[pyo3(name = "_entitas")]
fn entitas_py(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_class::<Extractor>()?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
