//! [`Record`]: what the pipeline knows of an entity before it becomes an
//! [`Entity`](crate::Entity), and [`DocRecords`], the records one text sees.

use super::{Label, SharedStr};

/// What the pipeline knows of an entity before it becomes an [`Entity`]:
/// a gazetteer line, or a name a rule found.
#[derive(Debug)]
pub(crate) struct Record {
    pub(crate) id: SharedStr,
    pub(crate) canonical: SharedStr,
    pub(crate) label: Label,
    /// `gazetteer:FILE` or `rule:NAME`.
    pub(crate) source: SharedStr,
}

/// The gazetteer's entity table, then the villages' (empty until they are
/// compiled), then the entities rules create for one text.
#[derive(Debug)]
pub(crate) struct DocRecords<'a> {
    pub(crate) base: &'a [Record],
    pub(crate) villages: &'a [Record],
    pub(crate) extra: Vec<Record>,
}

impl DocRecords<'_> {
    pub(crate) fn get(&self, entity: u32) -> Option<&Record> {
        let i = usize::try_from(entity).ok()?;
        let Some(v) = i.checked_sub(self.base.len()) else {
            return self.base.get(i);
        };
        match v.checked_sub(self.villages.len()) {
            None => self.villages.get(v),
            Some(j) => self.extra.get(j),
        }
    }

    pub(crate) fn label(&self, entity: u32) -> Option<&Label> {
        self.get(entity).map(|r| &r.label)
    }
}
