//! What the example binaries share: the options that configure the
//! extractor (`--gazetteer`, `--no-default-gazetteers`, `--case`,
//! `--nested`, `--no-rules`, `--no-model`).

use entitas::{Case, ExtractorBuilder, Overlap};

/// Applies `arg` to `builder` if it is an extractor option, taking its
/// value from `value`. `Ok(false)`: not an extractor option; `Err`: a
/// usage error.
pub fn extractor_option(
    arg: &str,
    value: &mut dyn FnMut(&str) -> Result<String, String>,
    builder: &mut ExtractorBuilder,
) -> Result<bool, String> {
    match arg {
        "--gazetteer" => {
            builder.gazetteer_file(value(arg)?);
        }
        "--no-default-gazetteers" => {
            builder.default_gazetteers(false);
        }
        "--case" => {
            builder.case(match value(arg)?.as_str() {
                "smart" => Case::Smart,
                "insensitive" => Case::Insensitive,
                other => return Err(format!("unknown case mode `{other}`")),
            });
        }
        "--nested" => {
            builder.overlap(Overlap::Nested);
        }
        "--no-rules" => {
            builder.rules(false);
        }
        "--no-model" => {
            builder.model(false);
        }
        _ => return Ok(false),
    }
    Ok(true)
}
