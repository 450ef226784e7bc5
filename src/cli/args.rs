//! The command line's arguments (clap): what the user can ask for, and the extractor they configure.

use crate::{Case, Extractor, Overlap};
use clap::{Parser, ValueEnum};

/// Shown at the end of `--help`.
const AFTER_HELP: &str = "\
Input:
  INPUT is a text file (one document), a JSONL file (one document a line:
  {\"id\": ..., \"text\": ...}), a directory (each file in it one text
  document, in sorted order) or - for standard input. JSONL is recognized by
  the extension .jsonl/.ndjson, by --format jsonl, or by --input jsonl.

Examples:
  entitas article.txt                         a table of the entities
  entitas --format=json article.txt           one JSON document
  entitas --format jsonl corpus.jsonl         one output line per input line
  cat article.txt | entitas --format conll -  BIO tags, one token a line
  entitas --format html articles/ > page.html highlighted, with a legend
  entitas --text-field body --id-field url --format spacy news.jsonl

Exit status:
  0  every document was processed
  1  bad input: a file that cannot be read, invalid UTF-8 (without --lossy),
     a bad gazetteer, a JSONL line that cannot be decoded (without
     --skip-bad-lines: the other lines are still processed), or output that
     cannot be written (a closed stdout). A pipe closed early (| head) is not
     an error.
  2  bad arguments";

/// Finds named entities (countries, places, organizations, people,
/// weapons) in Indonesian text.
#[derive(Debug, Parser)]
#[command(version, about, after_help = AFTER_HELP)]
#[non_exhaustive]
pub struct Args {
    /// A text file, a JSONL file, a directory of text files, or - for stdin.
    #[arg(value_name = "INPUT")]
    pub input: String,

    /// Output format.
    #[arg(short, long, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// How to read INPUT (default: jsonl for .jsonl/.ndjson files and with
    /// --format jsonl, else text).
    #[arg(long = "input", value_enum, value_name = "KIND")]
    pub input_kind: Option<InputKind>,

    /// JSONL input: the field that holds a document's id.
    #[arg(long, value_name = "NAME", default_value = "id")]
    pub id_field: String,

    /// JSONL input: the field that holds a document's text.
    #[arg(long, value_name = "NAME", default_value = "text")]
    pub text_field: String,

    /// Add a gazetteer file, or a folder of .tsv files (repeatable).
    #[arg(short, long, value_name = "PATH")]
    pub gazetteer: Vec<String>,

    /// Use only the --gazetteer files.
    #[arg(long)]
    pub no_default_gazetteers: bool,

    /// Letter case policy: auto decides line by line whether capitals mark
    /// names; smart and insensitive override it.
    #[arg(long, value_enum, default_value_t = CaseArg::Auto)]
    pub case: CaseArg,

    /// Also report mentions nested inside longer ones.
    #[arg(long)]
    pub nested: bool,

    /// Gazetteer matches only: no title, head-noun, acronym, context-word or
    /// coreference rules.
    #[arg(long)]
    pub no_rules: bool,

    /// No learned tagger (its entities have the source `model:tagger`).
    #[arg(long)]
    pub no_model: bool,

    /// Text input: read invalid UTF-8 bytes as U+001A (one char per byte),
    /// so byte offsets stay those of the file, instead of stopping.
    #[arg(long)]
    pub lossy: bool,

    /// JSONL input: skip lines that cannot be decoded (counted on stderr)
    /// instead of reporting each and exiting with status 1.
    #[arg(long)]
    pub skip_bad_lines: bool,
}

/// The output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
#[non_exhaustive]
pub enum Format {
    /// One entity a line: label, text, canonical name, id, source, offsets.
    Table,
    /// One JSON document: {"id", "entities"}, or {"documents": [...]} for
    /// several documents.
    Json,
    /// One line {"id", "entities"} per document.
    Jsonl,
    /// One token a line with its BIO tag, a blank line between sentences.
    Conll,
    /// brat standoff annotations (.ann): T and N lines, char offsets.
    Brat,
    /// spaCy's JSON, one document a line: {"text", "ents", "user_data"}.
    Spacy,
    /// One self-contained HTML page, entities highlighted by label.
    Html,
}

/// How to read the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
#[non_exhaustive]
pub enum InputKind {
    /// The whole input is one document.
    Text,
    /// One JSON object a line.
    Jsonl,
}

/// `--case`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
#[non_exhaustive]
pub enum CaseArg {
    /// By the evidence of each line: as written in mixed case; case aside,
    /// common words kept out and the text recased for the rules, in lines
    /// without capitals, in all caps or in title case.
    Auto,
    /// Names match as written (or in all caps), whatever the line.
    Smart,
    /// Letter case is ignored.
    Insensitive,
}

impl Args {
    /// The extractor these options describe.
    pub fn extractor(&self) -> Result<Extractor, crate::Error> {
        let mut builder = Extractor::builder();
        for path in &self.gazetteer {
            builder.gazetteer_file(path);
        }
        if self.no_default_gazetteers {
            builder.default_gazetteers(false);
        }
        builder.case(match self.case {
            CaseArg::Auto => Case::Auto,
            CaseArg::Smart => Case::Smart,
            CaseArg::Insensitive => Case::Insensitive,
        });
        if self.nested {
            builder.overlap(Overlap::Nested);
        }
        if self.no_rules {
            builder.rules(false);
        }
        if self.no_model {
            builder.model(false);
        }
        builder.build()
    }
}
