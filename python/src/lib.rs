//! Python bindings for `entitas` (PyO3, abi3): `entitas.extract`,
//! `entitas.Extractor`. The Python API is documented in `../entitas.pyi`
//! and `../README.md`; the docstrings below are what `help()` shows.
//!
//! Every entity becomes a `dict` with the fields of `entitas::Entity`.
//! The extraction itself runs detached from the interpreter (the GIL is
//! released), so Python threads can share one `Extractor`, and
//! `extract_batch` runs on all cores through `Extractor::extract_batch`.

use entitas::{Case, Entity, Error, Overlap};
use pyo3::exceptions::{
    PyFileNotFoundError, PyOSError, PyPermissionError, PyTypeError, PyValueError,
};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};
use std::path::PathBuf;

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

/// Find the entities in ``text`` with the default gazetteers embedded in
/// the library (flat output, auto case, all rules).
///
/// Returns a list of dicts, sorted by start offset, with the keys ``text``,
/// ``label``, ``id``, ``canonical``, ``byte_start``, ``byte_end``,
/// ``char_start``, ``char_end``, ``source``, ``nested`` and
/// ``alternatives``. ``text[e["char_start"]:e["char_end"]] == e["text"]``
/// always holds: char offsets are Python string indices.
///
/// The default extractor is built on the first call (a fraction of a
/// second) and shared afterwards. The GIL is released while the text is searched.
#[pyfunction]
fn extract<'py>(py: Python<'py>, text: PyBackedStr) -> PyResult<Bound<'py, PyList>> {
    let entities = py.detach(|| entitas::extract(&text));
    entity_list(py, entities)
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
/// nested=False, rules=True)``
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
}

#[pymethods]
impl Extractor {
    #[new]
    #[pyo3(signature = (gazetteers = None, default_gazetteers = true, case = "auto", nested = false, rules = true, gazetteer_text = None))]
    fn new(
        py: Python<'_>,
        gazetteers: Option<&Bound<'_, PyAny>>,
        default_gazetteers: bool,
        case: &str,
        nested: bool,
        rules: bool,
        gazetteer_text: Option<&Bound<'_, PyAny>>,
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
            .rules(rules);
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
        })
    }

    /// Find the entities in ``text``: a list of dicts sorted by start
    /// offset (see ``entitas.extract`` for the keys). Never fails on any
    /// ``str``. Releases the GIL while it searches.
    fn extract<'py>(&self, py: Python<'py>, text: PyBackedStr) -> PyResult<Bound<'py, PyList>> {
        let entities = py.detach(|| self.inner.extract(&text));
        entity_list(py, entities)
    }

    /// Find the entities in many texts at once, on all cores, with the GIL
    /// released: returns one list of entity dicts per text, in the order
    /// of ``texts`` (the same as ``[self.extract(t) for t in texts]``).
    ///
    /// ``texts`` is any iterable of ``str`` (a list, a tuple, a
    /// generator); a single ``str`` is refused with ``TypeError``.
    fn extract_batch<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
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
        let found = py.detach(|| self.inner.extract_batch(&texts));
        let lists = found
            .into_iter()
            .map(|entities| entity_list(py, entities))
            .collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, lists)
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
        Ok(format!(
            "Extractor(gazetteers={}, default_gazetteers={}, case='{}', nested={}, rules={})",
            paths.repr()?,
            py_bool(self.default_gazetteers),
            self.case,
            py_bool(self.nested),
            py_bool(self.rules),
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
#[pymodule]
#[pyo3(name = "entitas")]
fn entitas_py(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_class::<Extractor>()?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
