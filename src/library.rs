//! "My journeys": runs the user keeps in this browser under a name, each
//! stored as share-link text so the same codec and validation apply when it
//! is opened again. Pure and natively tested; the page reads and writes it
//! as JSON in localStorage.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Where the library is kept.
pub const LIBRARY_KEY: &str = "cx-journey/v1/library";
/// Where a library that could not be read is kept (see
/// [`crate::storage::copy_key`]).
pub const DAMAGED_LIBRARY_KEY: &str = "cx-journey/v1/library-damaged";

/// Which saved journey is open, with the run the page had when it was
/// written, so that a reload still saves over that journey.
pub const OPEN_KEY: &str = "cx-journey/v1/open";

/// At most this many journeys are kept; saving one more asks to delete one.
pub const MAX_ENTRIES: usize = 100;
/// Names longer than this are cut.
pub const MAX_NAME_CHARS: usize = 120;

/// A saved journey. The storage key names the format (`v1`), so a later
/// version of the page may add fields under it but not change these: what
/// it added is kept and written back as it was.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Entry {
    pub id: u64,
    pub name: String,
    /// The run as share-link text (`v1.…`).
    pub run: String,
    /// When it was last saved, in milliseconds since 1970 (as `Date.now()`).
    pub saved_at: f64,
    /// Fields a later version added.
    #[serde(skip)]
    later: Map<String, Value>,
}

const ENTRY_FIELDS: [&str; 4] = ["id", "name", "run", "saved_at"];

impl Entry {
    /// Reads a stored entry: its own fields, and whatever a later version
    /// added beside them. What cannot be read comes back as its own fields
    /// alone, which hold its name if it has one.
    fn read(item: Value) -> Result<Entry, Value> {
        let Value::Object(mut later) = item else {
            return Err(item);
        };
        // Inserted one by one: collecting a map would compile a sort.
        let mut own = Map::new();
        for field in ENTRY_FIELDS {
            if let Some(value) = later.remove(field) {
                own.insert(field.to_string(), value);
            }
        }
        let own = Value::Object(own);
        match Entry::deserialize(&own) {
            Ok(entry) => Ok(Entry { later, ..entry }),
            Err(_) => Err(own),
        }
    }

    fn to_value(&self) -> Value {
        let mut fields = self.later.clone();
        fields.insert("id".into(), self.id.into());
        fields.insert("name".into(), self.name.clone().into());
        fields.insert("run".into(), self.run.clone().into());
        fields.insert("saved_at".into(), self.saved_at.into());
        Value::Object(fields)
    }
}

/// Saved journeys, most recently saved first.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Library {
    entries: Vec<Entry>,
    /// What a later version stored beside the entries.
    later: Map<String, Value>,
}

impl Library {
    /// Reads a stored library entry by entry, so that one damaged entry
    /// does not hide the others: what could be read, and what could not.
    /// An id stored twice is given anew to its second entry.
    pub fn read(text: &str) -> (Library, Option<Unreadable>) {
        let Ok(Value::Object(mut stored)) = serde_json::from_str(text) else {
            return (Library::default(), Some(Unreadable::All));
        };
        let Some(Value::Array(items)) = stored.remove("entries") else {
            return (Library::default(), Some(Unreadable::All));
        };
        let mut library = Library {
            entries: Vec::new(),
            later: stored,
        };
        let mut lost = Vec::new();
        for item in items {
            match Entry::read(item) {
                Ok(entry) => library.entries.push(entry),
                Err(item) => lost.push(
                    item.get("name")
                        .and_then(Value::as_str)
                        .map(clean_name)
                        .filter(|name| !name.is_empty()),
                ),
            }
        }
        // Once all are read, so that a new id is none of the later ones.
        for at in 1..library.entries.len() {
            if library.entries[..at]
                .iter()
                .any(|e| e.id == library.entries[at].id)
            {
                library.entries[at].id = library.new_id();
            }
        }
        let unreadable = (!lost.is_empty()).then_some(Unreadable::Entries(lost));
        (library, unreadable)
    }

    pub fn to_json(&self) -> String {
        let mut stored = self.later.clone();
        let entries = self.entries.iter().map(Entry::to_value).collect();
        stored.insert("entries".into(), Value::Array(entries));
        Value::Object(stored).to_string()
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn get(&self, id: u64) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id)
    }

    /// Saves `run` under `name`: over entry `id` when it still exists,
    /// otherwise as a new entry. Returns the entry's id, or `None` when the
    /// library is full. An entry saved over keeps the name it was given in
    /// My journeys, unless the journey itself was renamed since.
    pub fn save(&mut self, id: Option<u64>, name: &str, run: &str, now: f64) -> Option<u64> {
        let name = clean_name(name);
        let updated = id.and_then(|id| self.entries.iter().position(|e| e.id == id));
        let entry = match updated {
            Some(at) => {
                let mut entry = self.entries.remove(at);
                if journey_name(&entry.run) != journey_name(run) {
                    entry.name = name;
                }
                entry.run = run.to_string();
                entry.saved_at = now;
                entry
            }
            None if self.entries.len() >= MAX_ENTRIES => return None,
            None => Entry {
                id: self.new_id(),
                name,
                run: run.to_string(),
                saved_at: now,
                later: Map::new(),
            },
        };
        let id = entry.id;
        self.entries.insert(0, entry);
        Some(id)
    }

    /// One more than the largest id, so a deleted entry's id is not given
    /// again; ids read from storage may be anything, and past u64::MAX the
    /// smallest id not in use.
    fn new_id(&self) -> u64 {
        let next = self
            .entries
            .iter()
            .map(|e| e.id)
            .max()
            .map_or(Some(1), |id| id.checked_add(1));
        next.unwrap_or_else(|| {
            (1..)
                .find(|id| self.entries.iter().all(|e| e.id != *id))
                .expect("at most MAX_ENTRIES ids are in use")
        })
    }

    /// Renames entry `id`; a blank name is refused.
    pub fn rename(&mut self, id: u64, name: &str) -> Result<(), String> {
        let name = clean_name(name);
        if name.is_empty() {
            return Err("A saved journey needs a name.".into());
        }
        let entry = self
            .entries
            .iter_mut()
            .find(|e| e.id == id)
            .ok_or("That saved journey no longer exists.")?;
        entry.name = name;
        Ok(())
    }

    /// Removes entry `id`, returning it and where it was (for undo).
    pub fn remove(&mut self, id: u64) -> Option<(usize, Entry)> {
        let at = self.entries.iter().position(|e| e.id == id)?;
        Some((at, self.entries.remove(at)))
    }

    /// Puts back an entry removed by [`Library::remove`], even past
    /// [`MAX_ENTRIES`] (a library stored by hand may hold more).
    pub fn restore(&mut self, at: usize, entry: Entry) {
        if self.get(entry.id).is_none() {
            self.entries.insert(at.min(self.entries.len()), entry);
        }
    }
}

/// The name of the journey in a run, when the run can be read.
fn journey_name(run: &str) -> Option<String> {
    journey_core::share::decode(run)
        .ok()
        .map(|r| r.scenario.name)
}

/// A name on one line, without surrounding spaces, at most
/// [`MAX_NAME_CHARS`] characters.
fn clean_name(name: &str) -> String {
    let one_line: String = name
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    one_line.trim().chars().take(MAX_NAME_CHARS).collect()
}

/// What of a stored library could not be read.
#[derive(Debug, PartialEq)]
pub enum Unreadable {
    /// Nothing: the stored text is damaged.
    All,
    /// These entries, at least one (by name, when it can be read).
    Entries(Vec<Option<String>>),
}

/// What the page says of a stored library it could not wholly read,
/// `listed` entries being readable; `kept` is where the stored text was
/// copied, `None` when it could not be.
pub fn unreadable_message(unreadable: &Unreadable, listed: usize, kept: Option<&str>) -> String {
    let kept = kept_message(kept);
    let Unreadable::Entries(lost) = unreadable else {
        return format!(
            "Your saved journeys could not be read: the stored text is damaged; the list \
             starts empty. {kept}"
        );
    };
    let other = if lost.is_empty() { "" } else { " other" };
    let listed = match listed {
        0 => String::new(),
        1 => format!(" Your{other} saved journey is listed."),
        n => format!(" Your{other} {n} saved journeys are listed."),
    };
    let mut which: Vec<String> = lost.iter().flatten().map(|n| format!("“{n}”")).collect();
    let unnamed = lost.len() - which.len();
    let more = if which.is_empty() { "" } else { " more" };
    match unnamed {
        0 => {}
        1 if which.is_empty() => which.push("A saved journey".into()),
        1 => which.push("one more saved journey".into()),
        n => which.push(format!("{n}{more} saved journeys")),
    }
    let sentence = match which.split_last() {
        None => "Part of what My journeys stored could not be read.".to_string(),
        Some((only, [])) if lost.len() == 1 => format!("{only} could not be read: it is damaged."),
        Some((last, [])) => format!("{last} could not be read: they are damaged."),
        Some((last, rest)) => {
            format!(
                "{} and {last} could not be read: they are damaged.",
                rest.join(", ")
            )
        }
    };
    format!("{sentence}{listed} {kept}")
}

fn kept_message(kept: Option<&str>) -> String {
    match kept {
        Some(key) => format!("The stored copy was kept as {key}."),
        None => "No copy could be kept aside: the next change to My journeys replaces the \
                 stored text."
            .into(),
    }
}

/// What [`OPEN_KEY`] holds while saved journey `id` is open and `run` is
/// on the page.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Open {
    id: u64,
    run: String,
}

/// The text kept under [`OPEN_KEY`] while saved journey `id` is open with
/// `run` on the page.
pub fn open_record(id: u64, run: &str) -> String {
    let open = Open {
        id,
        run: run.to_string(),
    };
    serde_json::to_string(&open).unwrap_or_default()
}

/// The saved journey that was open before a reload: the one `record` names,
/// if the page reopened with the run it was written with (not, say, someone
/// else's link) and the journey is still saved. Anything unreadable is
/// simply no journey: the page then saves as new, as before it was opened.
pub fn reopened<'a>(record: &str, current: &str, library: &'a Library) -> Option<&'a Entry> {
    let open: Open = serde_json::from_str(record).ok()?;
    if open.run != current {
        return None;
    }
    library.get(open.id)
}

/// What a link opened in the page keeps of the journey it replaces.
#[derive(Debug, PartialEq)]
pub enum Kept {
    /// The journey, saved in the library (over the open saved journey, or
    /// as a new one) under this name.
    Saved { library: Library, name: String },
    /// The journey needed saving as a new one, but the library is full.
    Full { name: String },
}

/// Before a link opened in the page replaces the journey `current` (named
/// `name`): keeps any work in it that is not saved, as opening a saved
/// journey or an example does. Unsaved changes to the open saved journey
/// (the one `record` names, open with `current`) go over it; otherwise a
/// journey the user `edited` since the page opened, and not saved as it
/// is, becomes a new saved journey. `None`: nothing to keep.
pub fn keep_before_link(
    library: &Library,
    record: Option<&str>,
    current: &str,
    name: &str,
    edited: bool,
    now: f64,
) -> Option<Kept> {
    if let Some(entry) = record.and_then(|record| reopened(record, current, library)) {
        if entry.run == current {
            return None;
        }
        let mut next = library.clone();
        next.save(Some(entry.id), &entry.name, current, now)?;
        return Some(Kept::Saved {
            library: next,
            name: entry.name.clone(),
        });
    }
    if !edited || library.entries.iter().any(|e| e.run == current) {
        return None;
    }
    let mut next = library.clone();
    Some(match next.save(None, name, current, now) {
        Some(id) => Kept::Saved {
            name: next.get(id).map(|e| e.name.clone()).unwrap_or_default(),
            library: next,
        },
        None => Kept::Full {
            name: clean_name(name),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use journey_core::share::{self, SharedRun};

    #[test]
    fn a_new_entry_gets_an_id_not_in_use_whatever_the_stored_ids() {
        let mut library = Library::default();
        let a = library.save(None, "A", "v1.a", 1.0).unwrap();
        library.entries[0].id = u64::MAX;
        let b = library.save(None, "B", "v1.b", 2.0).unwrap();
        let c = library.save(None, "C", "v1.c", 3.0).unwrap();
        assert_eq!((a, b, c), (1, 1, 2));
        library.remove(c);
        assert_eq!(library.save(None, "D", "v1.d", 4.0), Some(2));
        let mut ids: Vec<u64> = library.entries().iter().map(|e| e.id).collect();
        ids.sort_unstable();
        assert_eq!(ids, [1, 2, u64::MAX]);
    }

    #[test]
    fn saving_over_an_entry_keeps_its_name_unless_the_journey_was_renamed() {
        let run = |name: &str, seed: u64| {
            let mut scenario =
                journey_core::Scenario::from_json(crate::presets::DEFAULT_SCENARIO).unwrap();
            scenario.name = name.into();
            share::encode(&SharedRun {
                scenario,
                seed,
                trials: 100,
            })
        };
        let mut library = Library::default();
        let id = library
            .save(None, "Home cover", &run("Home cover", 1), 1.0)
            .unwrap();
        library.rename(id, "Q3 plan").unwrap();
        library.save(Some(id), "Home cover", &run("Home cover", 2), 2.0);
        assert_eq!(library.get(id).unwrap().name, "Q3 plan");
        library.save(Some(id), "Home cover v2", &run("Home cover v2", 2), 3.0);
        assert_eq!(library.get(id).unwrap().name, "Home cover v2");
        assert_eq!(library.entries().len(), 1);
    }

    #[test]
    fn a_link_opened_in_the_page_keeps_the_work_it_replaces() {
        let mut library = Library::default();
        let a = library.save(None, "A", "v1.a", 1.0).unwrap();
        let b = library.save(None, "B", "v1.b", 2.0).unwrap();
        let keep = |record: Option<&str>, current: &str, edited: bool| {
            keep_before_link(&library, record, current, "Mine", edited, 3.0)
        };
        // Unsaved changes to the open journey go over it, edited or not
        // since this page opened (a reload keeps them unsaved).
        let record = open_record(a, "v1.a-edited");
        for edited in [false, true] {
            let Some(Kept::Saved {
                library: saved,
                name,
            }) = keep(Some(&record), "v1.a-edited", edited)
            else {
                panic!("A's changes are kept");
            };
            assert_eq!(name, "A");
            let entry = saved.get(a).unwrap();
            assert_eq!((entry.run.as_str(), entry.saved_at), ("v1.a-edited", 3.0));
            assert_eq!((saved.get(b), saved.entries().len()), (library.get(b), 2));
        }
        // The open journey as saved: nothing to keep.
        assert_eq!(keep(Some(&open_record(b, "v1.b")), "v1.b", true), None);
        // No journey open: an edited one not saved as it is becomes new.
        let Some(Kept::Saved {
            library: saved,
            name,
        }) = keep(None, "v1.mine", true)
        else {
            panic!("the edited journey is kept");
        };
        assert_eq!((name.as_str(), saved.entries().len()), ("Mine", 3));
        assert_eq!(saved.entries()[0].run, "v1.mine");
        // Not edited since the page opened, or already saved as it is.
        assert_eq!(keep(None, "v1.mine", false), None);
        assert_eq!(keep(None, "v1.b", true), None);
        // A record for another run, or unreadable, is no journey open.
        assert_eq!(keep(Some(&record), "v1.b", true), None);
        assert!(matches!(
            keep(Some("{"), "v1.mine", true),
            Some(Kept::Saved { .. })
        ));
        // A full library cannot take a new one, and says so.
        let mut full = Library::default();
        for i in 0..MAX_ENTRIES {
            full.save(None, "x", &format!("v1.{i}"), 0.0).unwrap();
        }
        assert_eq!(
            keep_before_link(&full, None, "v1.mine", " Mine\n", true, 3.0),
            Some(Kept::Full {
                name: "Mine".into()
            })
        );
    }

    #[test]
    fn the_open_journey_is_found_again_only_with_the_same_run() {
        let mut library = Library::default();
        let a = library.save(None, "A", "v1.a", 1.0).unwrap();
        let b = library.save(None, "B", "v1.b", 2.0).unwrap();
        // Open with unsaved edits: the journey is still the one open.
        let record = open_record(a, "v1.a-edited");
        assert_eq!(
            reopened(&record, "v1.a-edited", &library).map(|e| e.id),
            Some(a)
        );
        assert_eq!(
            reopened(&open_record(b, "v1.b"), "v1.b", &library).map(|e| e.id),
            Some(b)
        );
        // Another run on the page (a link, another tab): none.
        assert_eq!(reopened(&record, "v1.other", &library), None);
        // Deleted since, or an unreadable record: none.
        library.remove(a);
        assert_eq!(reopened(&record, "v1.a-edited", &library), None);
        for damaged in [
            "",
            "{",
            "null",
            "{\"id\": -1, \"run\": \"v1.b\"}",
            "{\"id\": 1}",
        ] {
            assert_eq!(reopened(damaged, "v1.b", &library), None, "{damaged}");
        }
    }

    fn names(library: &Library) -> Vec<&str> {
        library.entries().iter().map(|e| e.name.as_str()).collect()
    }

    #[test]
    fn saving_adds_new_entries_first_and_updates_in_place() {
        let mut library = Library::default();
        let a = library.save(None, "Retail", "v1.a", 1.0).unwrap();
        let b = library.save(None, "Bank", "v1.b", 2.0).unwrap();
        assert_ne!(a, b);
        assert_eq!(names(&library), ["Bank", "Retail"]);
        assert_eq!(library.save(Some(a), "ignored", "v1.a2", 3.0), Some(a));
        assert_eq!(
            names(&library),
            ["Retail", "Bank"],
            "the update moves first"
        );
        assert_eq!(library.get(a).unwrap().run, "v1.a2");
        assert_eq!(library.get(a).unwrap().saved_at, 3.0);
        // An id that is gone makes a new entry.
        let (_, _) = library.remove(a).unwrap();
        let c = library.save(Some(a), "Retail again", "v1.c", 4.0).unwrap();
        assert_ne!(c, b);
        assert_eq!(names(&library), ["Retail again", "Bank"]);
    }

    #[test]
    fn a_full_library_refuses_new_entries_but_updates() {
        let mut library = Library::default();
        for i in 0..MAX_ENTRIES {
            library
                .save(None, &format!("J{i}"), "v1.x", i as f64)
                .unwrap();
        }
        assert_eq!(library.save(None, "one more", "v1.y", 0.0), None);
        let first = library.entries()[0].id;
        assert_eq!(library.save(Some(first), "", "v1.z", 0.0), Some(first));
    }

    #[test]
    fn rename_cleans_and_refuses_blank_names() {
        let mut library = Library::default();
        let id = library.save(None, "  A\njourney\t ", "v1.a", 1.0).unwrap();
        assert_eq!(library.get(id).unwrap().name, "A journey");
        assert!(library.rename(id, "   ").is_err());
        assert!(library.rename(id + 7, "x").is_err());
        library.rename(id, &"n".repeat(500)).unwrap();
        assert_eq!(library.get(id).unwrap().name.len(), MAX_NAME_CHARS);
        library.rename(id, "<b>Bank</b>").unwrap();
        assert_eq!(library.get(id).unwrap().name, "<b>Bank</b>", "kept as text");
    }

    #[test]
    fn remove_and_restore_put_it_back_where_it_was() {
        let mut library = Library::default();
        for name in ["a", "b", "c"] {
            library.save(None, name, "v1.x", 0.0);
        }
        let before = library.clone();
        let middle = library.entries()[1].id;
        let (at, entry) = library.remove(middle).unwrap();
        assert_eq!(names(&library), ["c", "a"]);
        assert!(library.remove(middle).is_none());
        library.restore(at, entry.clone());
        assert_eq!(library, before);
        library.restore(at, entry);
        assert_eq!(library, before, "restoring twice adds nothing");
    }

    #[test]
    fn json_round_trips() {
        let mut library = Library::default();
        library.save(None, "Bank \"retail\"", "v1.b", 1.5);
        library.save(None, "Retail", "v1.r", 2.5);
        assert_eq!(Library::read(&library.to_json()), (library, None));
    }

    /// A stored library with these entries (JSON texts).
    fn stored(entries: &[&str]) -> String {
        format!("{{\"entries\": [{}]}}", entries.join(","))
    }

    fn entry(id: u64, name: &str) -> String {
        format!("{{\"id\": {id}, \"name\": \"{name}\", \"run\": \"v1.{name}\", \"saved_at\": 1}}")
    }

    #[test]
    fn text_that_is_not_a_library_reads_as_nothing() {
        for bad in [
            "",
            "[]",
            "{\"entries\": 3}",
            "{\"entries\": {}}",
            "null",
            "{",
            "\u{0}",
        ] {
            assert_eq!(
                Library::read(bad),
                (Library::default(), Some(Unreadable::All)),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn one_damaged_entry_does_not_hide_the_others() {
        let text = stored(&[
            &entry(1, "Bank"),
            "{\"id\": 2, \"name\": \"Q3 plan\", \"run\": 7, \"saved_at\": 1}",
            &entry(3, "Retail"),
            "{\"id\": 4}",
            "\"text\"",
            "{\"id\": 6, \"name\": \" \"}",
            "{\"id\": 7, \"name\": \"Telco\", \"run\": \"v1.t\", \"colour\": \"red\"}",
        ]);
        let (library, unreadable) = Library::read(&text);
        assert_eq!(names(&library), ["Bank", "Retail"]);
        assert_eq!(library.get(3).unwrap().run, "v1.Retail");
        assert_eq!(
            unreadable,
            Some(Unreadable::Entries(vec![
                Some("Q3 plan".into()),
                None,
                None,
                None,
                Some("Telco".into()),
            ]))
        );
    }

    #[test]
    fn an_id_stored_twice_is_given_anew() {
        let ids = |text: &str| -> Vec<u64> {
            let (library, unreadable) = Library::read(text);
            assert_eq!(unreadable, None);
            assert_eq!(names(&library), ["A", "B", "C"]);
            library.entries().iter().map(|e| e.id).collect()
        };
        let text = stored(&[&entry(7, "A"), &entry(7, "B"), &entry(u64::MAX, "C")]);
        assert_eq!(ids(&text), [7, 1, u64::MAX]);
        // The later entries keep their ids.
        let text = stored(&[&entry(7, "A"), &entry(7, "B"), &entry(8, "C")]);
        assert_eq!(ids(&text), [7, 9, 8]);
    }

    #[test]
    fn more_than_the_limit_are_all_listed_but_no_new_one_is_saved() {
        let many: Vec<String> = (1..=MAX_ENTRIES as u64 + 5)
            .map(|i| entry(i, "x"))
            .collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        let (mut library, unreadable) = Library::read(&stored(&many));
        assert_eq!(
            (library.entries().len(), unreadable),
            (MAX_ENTRIES + 5, None)
        );
        assert_eq!(library.save(None, "new", "v1.n", 2.0), None);
        assert_eq!(library.save(Some(3), "x", "v1.n", 2.0), Some(3));
        // Undo after a delete puts the entry back, however many there are.
        let (at, removed) = library.remove(3).unwrap();
        library.restore(at, removed);
        assert_eq!(library.entries().len(), MAX_ENTRIES + 5);
        assert!(library.get(3).is_some());
    }

    #[test]
    fn what_a_later_version_added_is_listed_and_written_back_as_it_was() {
        let tagged = entry(1, "A").replace('}', ", \"tags\": [\"Q3\"], \"colour\": {\"r\": 1}}");
        let text = stored(&[&tagged, &entry(2, "B")])
            .replace("{\"entries\"", "{\"folders\": [\"Plans\"], \"entries\"");
        let (mut library, unreadable) = Library::read(&text);
        assert_eq!((names(&library), unreadable), (vec!["A", "B"], None));
        let added = |library: &Library| -> Value {
            let stored: Value = serde_json::from_str(&library.to_json()).unwrap();
            serde_json::json!([
                stored["folders"],
                stored["entries"][0]["tags"],
                stored["entries"][0]["colour"]
            ])
        };
        let expected = serde_json::json!([["Plans"], ["Q3"], {"r": 1}]);
        assert_eq!(added(&library), expected);
        // Kept through a rename, a save over the entry, and a delete undone.
        library.rename(1, "A2").unwrap();
        library.save(Some(1), "A2", "v1.new", 9.0);
        let (at, removed) = library.remove(1).unwrap();
        library.restore(at, removed);
        assert_eq!(added(&library), expected);
        let (read_back, unreadable) = Library::read(&library.to_json());
        assert_eq!((read_back, unreadable), (library, None));
    }

    #[test]
    fn an_entry_missing_its_own_fields_is_damaged_whatever_else_it_holds() {
        let text = stored(&["{\"id\": 1, \"name\": \"A\", \"tags\": []}"]);
        let (library, unreadable) = Library::read(&text);
        assert_eq!(library.entries().len(), 0);
        assert_eq!(
            unreadable,
            Some(Unreadable::Entries(vec![Some("A".into())]))
        );
    }

    #[test]
    fn the_message_names_what_could_not_be_read_and_where_it_was_kept() {
        let key = crate::storage::copy_key(DAMAGED_LIBRARY_KEY, 2);
        assert_eq!(key, "cx-journey/v1/library-damaged-2");
        let kept = Some(key.as_str());
        let lost = |names: &[Option<&str>]| {
            Unreadable::Entries(names.iter().map(|n| n.map(String::from)).collect())
        };
        let cases = [
            (
                Unreadable::All,
                0,
                "Your saved journeys could not be read: the stored text is damaged; the list \
                 starts empty. The stored copy was kept as cx-journey/v1/library-damaged-2.",
            ),
            (
                lost(&[Some("Q3 plan")]),
                4,
                "“Q3 plan” could not be read: it is damaged. Your other 4 saved journeys are \
                 listed. The stored copy was kept as cx-journey/v1/library-damaged-2.",
            ),
            (
                lost(&[None]),
                1,
                "A saved journey could not be read: it is damaged. Your other saved journey \
                 is listed. The stored copy was kept as cx-journey/v1/library-damaged-2.",
            ),
            (
                lost(&[None, None]),
                0,
                "2 saved journeys could not be read: they are damaged. The stored copy was \
                 kept as cx-journey/v1/library-damaged-2.",
            ),
            (
                lost(&[Some("A"), None, Some("B")]),
                2,
                "“A”, “B” and one more saved journey could not be read: they are damaged. Your \
                 other 2 saved journeys are listed. The stored copy was kept as \
                 cx-journey/v1/library-damaged-2.",
            ),
            (
                lost(&[Some("A"), None, None, Some("B")]),
                2,
                "“A”, “B” and 2 more saved journeys could not be read: they are damaged. Your \
                 other 2 saved journeys are listed. The stored copy was kept as \
                 cx-journey/v1/library-damaged-2.",
            ),
            (
                lost(&[Some("A"), Some("B")]),
                1,
                "“A” and “B” could not be read: they are damaged. Your other saved journey is \
                 listed. The stored copy was kept as cx-journey/v1/library-damaged-2.",
            ),
            (
                lost(&[]),
                3,
                "Part of what My journeys stored could not be read. Your 3 saved journeys are \
                 listed. The stored copy was kept as cx-journey/v1/library-damaged-2.",
            ),
        ];
        for (unreadable, listed, message) in cases {
            assert_eq!(unreadable_message(&unreadable, listed, kept), message);
        }
        assert_eq!(
            unreadable_message(&lost(&[Some("A")]), 0, None),
            "“A” could not be read: it is damaged. No copy could be kept aside: the next \
             change to My journeys replaces the stored text."
        );
    }
}
