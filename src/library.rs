//! "My journeys": runs the user keeps in this browser under a name, each
//! stored as share-link text so the same codec and validation apply when it
//! is opened again. Pure and natively tested; the page reads and writes it
//! as JSON in localStorage.

use serde::{Deserialize, Serialize};

/// Where the library is kept.
pub const LIBRARY_KEY: &str = "cx-journey/v1/library";
/// Where a library that could not be read is kept.
pub const DAMAGED_LIBRARY_KEY: &str = "cx-journey/v1/library-damaged";

/// Which saved journey is open, with the run the page had when it was
/// written, so that a reload still saves over that journey.
pub const OPEN_KEY: &str = "cx-journey/v1/open";

/// At most this many journeys are kept; saving one more asks to delete one.
pub const MAX_ENTRIES: usize = 100;
/// Names longer than this are cut.
pub const MAX_NAME_CHARS: usize = 120;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub id: u64,
    pub name: String,
    /// The run as share-link text (`v1.…`).
    pub run: String,
    /// When it was last saved, in milliseconds since 1970 (as `Date.now()`).
    pub saved_at: f64,
}

/// Saved journeys, most recently saved first.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Library {
    entries: Vec<Entry>,
}

impl Library {
    /// Reads a stored library; the error says what is wrong with it.
    /// The page wrote the text itself, so text it cannot read is damaged;
    /// the reader's own words would name its types ("struct Library").
    pub fn from_json(text: &str) -> Result<Library, String> {
        let library: Library =
            serde_json::from_str(text).map_err(|_| "the stored text is damaged".to_string())?;
        let mut ids: Vec<u64> = library.entries.iter().map(|e| e.id).collect();
        ids.sort_unstable();
        if ids.windows(2).any(|w| w[0] == w[1]) {
            return Err("two saved journeys have the same id".into());
        }
        if library.entries.len() > MAX_ENTRIES {
            return Err(format!("more than {MAX_ENTRIES} saved journeys"));
        }
        Ok(library)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a library always serialises")
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

    /// Puts back an entry removed by [`Library::remove`].
    pub fn restore(&mut self, at: usize, entry: Entry) {
        if self.get(entry.id).is_none() && self.entries.len() < MAX_ENTRIES {
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

/// What the page shows for a library that could not be read.
pub fn damaged_message(why: &str) -> String {
    format!(
        "Your saved journeys could not be read: {why}; the list starts empty. \
         The stored copy was kept as {DAMAGED_LIBRARY_KEY}."
    )
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
    fn json_round_trips_and_damage_is_named() {
        let mut library = Library::default();
        library.save(None, "Bank \"retail\"", "v1.b", 1.5);
        assert_eq!(Library::from_json(&library.to_json()), Ok(library));
        for bad in [
            "",
            "[]",
            "{\"entries\": 3}",
            "{\"entries\": [], \"extra\": 1}",
            "null",
        ] {
            assert_eq!(
                Library::from_json(bad),
                Err("the stored text is damaged".to_string()),
                "{bad:?}"
            );
        }
        let twice = "{\"entries\": [{\"id\": 1, \"name\": \"a\", \"run\": \"x\", \"saved_at\": 0},\
              {\"id\": 1, \"name\": \"b\", \"run\": \"y\", \"saved_at\": 0}]}";
        assert_eq!(
            Library::from_json(twice),
            Err("two saved journeys have the same id".to_string())
        );
        assert_eq!(
            damaged_message("the stored text is damaged"),
            format!(
                "Your saved journeys could not be read: the stored text is damaged; the list \
                 starts empty. The stored copy was kept as {DAMAGED_LIBRARY_KEY}."
            )
        );
    }
}
