//! "Journeys": open an example, save the current journey to "My journeys"
//! (kept in this browser), and open, rename or delete saved ones; the
//! lessons below it open their steps' journeys the same way. Opening
//! anything never loses work: unsaved changes to the current journey are
//! saved to "My journeys" first.

use std::rc::Rc;

use journey_core::Report;
use journey_core::share::{self, ShareError, SharedRun};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::focus::focus_first;
use super::lessons::{Lessons, StartOutcome};
use super::message;
use crate::format::not_opened;
use crate::library::{
    self, DAMAGED_LIBRARY_KEY, Entry, Kept, LIBRARY_KEY, Library, MAX_ENTRIES, OPEN_KEY,
};
use crate::presets::{DEFAULT_SEED, DEFAULT_TRIALS, PRESETS, preset};
use crate::shared::Shared;
use crate::storage::{browser, saved_run_fault};

#[derive(Properties, PartialEq)]
pub struct JourneyLibraryProps {
    /// The current run as share text; `None` while trials or seed are
    /// invalid (it cannot be saved then).
    pub current: Option<Rc<String>>,
    /// The current journey's name.
    pub name: AttrValue,
    pub seed: Option<u64>,
    pub trials: Option<u32>,
    /// Replaces the page's run with an opened one.
    pub on_open: Callback<SharedRun>,
    /// Replaces the page's run and runs it at once (a lesson's step).
    pub on_open_and_run: Callback<SharedRun>,
    /// For the lessons: the latest report, and whether a run is under way.
    pub report: Option<Shared<Report>>,
    pub busy: bool,
    /// What the panel says when it appears, until something else happens
    /// (what a link opened in the page kept of the journey it replaced).
    #[prop_or_default]
    pub notice: Option<AttrValue>,
}

/// The library as stored: the entries that can be read, and what the panel
/// says when some could not be.
struct Loaded {
    library: Library,
    problem: Option<String>,
    /// Whether storing over it loses nothing (false while text that could
    /// not be read is not kept aside).
    safe: bool,
}

fn load() -> Loaded {
    let loaded = |library, problem: Option<String>| Loaded {
        safe: problem.is_none(),
        library,
        problem,
    };
    match browser::get(LIBRARY_KEY) {
        Ok(None) => loaded(Library::default(), None),
        Ok(Some(text)) => match Library::read(&text) {
            (library, None) => loaded(library, None),
            (library, Some(unreadable)) => {
                let kept = browser::copy_aside(DAMAGED_LIBRARY_KEY, &text);
                let listed = library.entries().len();
                Loaded {
                    safe: kept.is_some(),
                    problem: Some(library::unreadable_message(
                        &unreadable,
                        listed,
                        kept.as_deref(),
                    )),
                    library,
                }
            }
        },
        Err(error) => {
            web_sys::console::warn_2(&"could not read saved journeys:".into(), &error);
            loaded(
                Library::default(),
                Some(
                    "Saved journeys are not available in this browser (storage is blocked).".into(),
                ),
            )
        }
    }
}

/// Stores the library; the error is a message for the page.
fn store(library: &Library) -> Result<(), String> {
    browser::set(LIBRARY_KEY, &library.to_json()).map_err(|error| {
        web_sys::console::warn_2(&"could not store saved journeys:".into(), &error);
        "Could not save: this browser's storage is full or blocked.".to_string()
    })
}

/// The saved journey that was open before the page was reloaded, if the
/// page reopened on its run (see [`library::reopened`]).
fn reopen(library: &Library, current: Option<&str>) -> Option<Entry> {
    library::reopened(&kept_open_record()?, current?, library).cloned()
}

/// What [`OPEN_KEY`] holds, if anything can be read.
fn kept_open_record() -> Option<String> {
    browser::get(OPEN_KEY).unwrap_or_else(|error| {
        web_sys::console::warn_2(&"could not read which journey is open:".into(), &error);
        None
    })
}

/// Remembers which saved journey is open with `current` on the page, or that
/// none is. While the run cannot be saved (`None`), the last record stands,
/// as the autosave does.
fn keep_open(entry: Option<u64>, current: Option<&str>) {
    let kept = match (entry, current) {
        (Some(id), Some(run)) => browser::set(OPEN_KEY, &library::open_record(id, run)),
        (Some(_), None) => return,
        (None, _) => browser::remove(OPEN_KEY),
    };
    if let Err(error) = kept {
        web_sys::console::warn_2(&"could not remember which journey is open:".into(), &error);
    }
}

/// Before a link opened in the page (or an imported file) replaces the
/// journey `current`: keeps any work in it not yet saved in My journeys
/// (see [`library::keep_before_link`]); what happened, for the panel to
/// say. `opening` is what replaces it: "the link opened".
pub fn keep_before_link(
    current: &str,
    name: &str,
    edited: bool,
    opening: &str,
) -> Option<AttrValue> {
    let record = kept_open_record();
    let Loaded {
        library: saved,
        safe,
        ..
    } = load();
    if !safe {
        // The panel says why when it appears; nothing can be kept.
        return None;
    }
    let now = js_sys::Date::now();
    let text =
        match library::keep_before_link(&saved, record.as_deref(), current, name, edited, now)? {
            Kept::Saved { library, name } => match store(&library) {
                Ok(()) => {
                    format!("Before {opening}, your journey was saved in My journeys as “{name}”.")
                }
                Err(why) => format!("{why} Undo brings back the journey it replaced."),
            },
            Kept::Full { name } => format!(
                "My journeys is full ({MAX_ENTRIES}), so “{name}” was not saved there before \
                 {opening}; Undo brings it back."
            ),
        };
    Some(AttrValue::from(text))
}

fn saved_at(ms: f64) -> String {
    let date = js_sys::Date::new(&ms.into());
    String::from(date.to_locale_string("default", &wasm_bindgen::JsValue::UNDEFINED))
}

/// The ids of the buttons focus returns to.
const UNDO_ID: &str = "library-undo";

fn open_id(entry: u64) -> String {
    format!("open-saved-{entry}")
}

fn rename_id(entry: u64) -> String {
    format!("rename-saved-{entry}")
}

/// The field that takes a saved journey's new name.
fn name_field_id(entry: u64) -> String {
    format!("rename-{entry}")
}

/// A message and, after a delete, the entry to put back with "Undo".
#[derive(Clone, PartialEq, Default)]
struct Status {
    text: Option<AttrValue>,
    undo: Option<Rc<(usize, Entry)>>,
}

impl Status {
    fn say(text: impl Into<AttrValue>) -> Status {
        Status {
            text: Some(text.into()),
            undo: None,
        }
    }
}

#[component]
pub fn JourneyLibrary(props: &JourneyLibraryProps) -> Html {
    let loaded = use_memo((), |_| load());
    let library = use_state(|| Rc::new(loaded.library.clone()));
    let status = use_state(|| {
        loaded
            .problem
            .clone()
            .map(AttrValue::from)
            .or_else(|| props.notice.clone())
            .map(Status::say)
            .unwrap_or_default()
    });
    // Which saved journey is open, and the run as it was when opened or
    // last saved: anything else is an unsaved change. Both survive a reload.
    let reopened = use_memo((), {
        let (library, current) = (loaded.library.clone(), props.current.clone());
        move |_| reopen(&library, current.as_deref().map(String::as_str))
    });
    let entry = use_state(|| reopened.as_ref().as_ref().map(|e| e.id));
    let clean = use_mut_ref(|| match reopened.as_ref() {
        Some(e) => Some(Rc::new(e.run.clone())),
        None => props.current.clone(),
    });
    use_effect_with((*entry, props.current.clone()), |(entry, current)| {
        keep_open(*entry, current.as_deref().map(String::as_str));
    });
    let preset_key = use_state(|| PRESETS[0].key);
    let renaming = use_state(|| None::<(u64, String)>);
    // The element to focus once the list has rendered: a button that was
    // pressed may be gone (a deleted row) or replaced (Rename by its field).
    let focus_next = use_mut_ref(|| None::<String>);
    {
        let focus_next = focus_next.clone();
        use_effect(move || {
            if let Some(id) = focus_next.borrow_mut().take() {
                focus_first(&[id]);
            }
        });
    }

    let dirty = props.current != *clean.borrow();

    // Saves the current run (over the open entry, if any); the new library
    // and the entry's id, or a message.
    let save_current = {
        let (library, entry, current, name) = (
            library.clone(),
            entry.clone(),
            props.current.clone(),
            props.name.clone(),
        );
        move || -> Result<(Library, u64), String> {
            let current = current
                .as_ref()
                .ok_or("Fix the Trials and Seed fields before saving.")?;
            let mut next = (**library).clone();
            let now = js_sys::Date::now();
            let id = next.save(*entry, &name, current, now).ok_or(format!(
                "My journeys is full ({MAX_ENTRIES}); delete one to save another."
            ))?;
            store(&next)?;
            Ok((next, id))
        }
    };

    // Opens `run` (and runs it, for a lesson), first saving unsaved
    // changes; `opened_entry` is the saved journey it comes from, if any.
    // Says what was saved, or why nothing was opened.
    let open_run = {
        let (library, entry, clean) = (library.clone(), entry.clone(), clean.clone());
        let (on_open, on_open_and_run) = (props.on_open.clone(), props.on_open_and_run.clone());
        let save_current = save_current.clone();
        let (dirty, name) = (dirty, props.name.clone());
        Rc::new(
            move |run: SharedRun, opened_entry: Option<u64>, and_run: bool| {
                let mut kept = None;
                if dirty {
                    let (next, _) = save_current()?;
                    library.set(Rc::new(next));
                    kept = Some(format!(
                        "Your changes to “{name}” were saved in My journeys."
                    ));
                }
                *clean.borrow_mut() = Some(Rc::new(share::encode(&run)));
                entry.set(opened_entry);
                if and_run {
                    on_open_and_run.emit(run);
                } else {
                    on_open.emit(run);
                }
                Ok::<_, String>(kept)
            },
        )
    };
    let open = {
        let (open_run, status) = (open_run.clone(), status.clone());
        Rc::new(
            move |run: SharedRun, opened_entry: Option<u64>, what: String| {
                status.set(Status::say(match open_run(run, opened_entry, false) {
                    Ok(kept) => format!(
                        "Opened {what}.{}",
                        kept.map(|k| format!(" {k}")).unwrap_or_default()
                    ),
                    Err(why) => {
                        format!("{what} was not opened, so that your changes are not lost: {why}")
                    }
                }));
            },
        )
    };
    let on_start_step = {
        let status = status.clone();
        Callback::from(move |run: SharedRun| -> StartOutcome {
            status.set(Status::default());
            open_run(run, None, true)
                .map(|kept| kept.map(AttrValue::from))
                .map_err(|why| {
                    AttrValue::from(format!(
                        "The step was not opened, so that your changes are not lost: {why}"
                    ))
                })
        })
    };

    let on_preset_change = {
        let preset_key = preset_key.clone();
        Callback::from(move |event: Event| {
            let key = event.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some(p) = preset(&key) {
                preset_key.set(p.key);
            }
        })
    };
    let on_open_preset = {
        let open = open.clone();
        let key = *preset_key;
        let (seed, trials) = (props.seed, props.trials);
        Callback::from(move |_: MouseEvent| {
            if let Some(p) = preset(key) {
                let scenario = p.scenario();
                let what = format!("the example “{}”", scenario.name);
                let run = SharedRun {
                    scenario,
                    seed: seed.unwrap_or(DEFAULT_SEED),
                    trials: trials.unwrap_or(DEFAULT_TRIALS),
                };
                open(run, None, what);
            }
        })
    };
    // The open journey, saved and unchanged since.
    let nothing_to_save = entry.is_some() && !dirty;
    let on_save = {
        let (library, entry, status, clean, current, name) = (
            library.clone(),
            entry.clone(),
            status.clone(),
            clean.clone(),
            props.current.clone(),
            props.name.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            if nothing_to_save {
                return;
            }
            match save_current() {
                Ok((next, id)) => {
                    let saved = next.get(id).map_or(name.as_str(), |e| &e.name);
                    status.set(Status::say(format!("Saved “{saved}” in My journeys.")));
                    library.set(Rc::new(next));
                    entry.set(Some(id));
                    *clean.borrow_mut() = current.clone();
                }
                Err(why) => status.set(Status::say(why)),
            }
        })
    };
    let open_entry = {
        let (library, status, open) = (library.clone(), status.clone(), open.clone());
        Callback::from(move |id: u64| {
            let Some(saved) = library.get(id) else {
                return;
            };
            let what = format!("“{}”", saved.name);
            match share::decode(&saved.run) {
                Ok(run) => open(run, Some(id), what),
                // Opens in the editor with its problems shown in place.
                Err(ShareError::InvalidScenario { run, .. }) => open(*run, Some(id), what),
                Err(error) => status.set(Status::say(not_opened(
                    &what,
                    &saved_run_fault(&error),
                    "Your current journey was kept.",
                ))),
            }
        })
    };
    let delete_entry = {
        let (library, status, entry) = (library.clone(), status.clone(), entry.clone());
        let focus_next = focus_next.clone();
        Callback::from(move |id: u64| {
            let mut next = (*library).as_ref().clone();
            let Some((at, removed)) = next.remove(id) else {
                return;
            };
            if let Err(why) = store(&next) {
                status.set(Status::say(why));
                return;
            }
            if *entry == Some(id) {
                entry.set(None);
            }
            library.set(Rc::new(next));
            status.set(Status {
                text: Some(format!("Deleted “{}”.", removed.name).into()),
                undo: Some(Rc::new((at, removed))),
            });
            *focus_next.borrow_mut() = Some(UNDO_ID.to_string());
        })
    };
    let on_undo = {
        let (library, status) = (library.clone(), status.clone());
        let focus_next = focus_next.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(undo) = status.undo.clone() else {
                return;
            };
            let (at, removed) = (*undo).clone();
            let mut next = (*library).as_ref().clone();
            let (name, id) = (removed.name.clone(), removed.id);
            next.restore(at, removed);
            match store(&next) {
                Ok(()) => {
                    *focus_next.borrow_mut() = Some(open_id(id));
                    library.set(Rc::new(next));
                    status.set(Status::say(format!("Restored “{name}”.")));
                }
                Err(why) => status.set(Status::say(why)),
            }
        })
    };
    let finish_rename = {
        let (library, status, renaming) = (library.clone(), status.clone(), renaming.clone());
        let focus_next = focus_next.clone();
        Callback::from(move |()| {
            let Some((id, name)) = (*renaming).clone() else {
                return;
            };
            let mut next = (*library).as_ref().clone();
            match next.rename(id, &name).and_then(|()| store(&next)) {
                Ok(()) => {
                    library.set(Rc::new(next));
                    renaming.set(None);
                    status.set(Status::say(format!("Renamed to “{}”.", name.trim())));
                    *focus_next.borrow_mut() = Some(rename_id(id));
                }
                Err(why) => status.set(Status::say(why)),
            }
        })
    };

    let current_entry = *entry;
    let rows = library.entries().iter().map(|saved| {
        let id = saved.id;
        let is_open = current_entry == Some(id);
        let editing = renaming.as_ref().filter(|(r, _)| *r == id).map(|(_, n)| n.clone());
        let row = if let Some(draft) = editing {
            let input_id = name_field_id(id);
            let oninput = {
                let renaming = renaming.clone();
                Callback::from(move |event: InputEvent| {
                    let text = event.target_unchecked_into::<HtmlInputElement>().value();
                    renaming.set(Some((id, text)));
                })
            };
            let onsubmit = finish_rename.reform(|event: SubmitEvent| event.prevent_default());
            let cancel = {
                let (renaming, focus_next) = (renaming.clone(), focus_next.clone());
                move || {
                    renaming.set(None);
                    *focus_next.borrow_mut() = Some(rename_id(id));
                }
            };
            let on_cancel = {
                let cancel = cancel.clone();
                Callback::from(move |_: MouseEvent| cancel())
            };
            let onkeydown = Callback::from(move |event: KeyboardEvent| {
                if event.key() == "Escape" {
                    event.prevent_default();
                    cancel();
                }
            });
            html! {
                <form class="rename" {onsubmit}>
                    <label for={input_id.clone()}>{format!("New name for “{}”", saved.name)}</label>
                    <input id={input_id} type="text" value={draft} {oninput} {onkeydown} />
                    <button type="submit">{"Save name"}</button>
                    <button type="button" onclick={on_cancel}>{"Cancel"}</button>
                </form>
            }
        } else {
            let on_open = open_entry.reform(move |_: MouseEvent| id);
            let on_rename = {
                let (renaming, name) = (renaming.clone(), saved.name.clone());
                let focus_next = focus_next.clone();
                Callback::from(move |_: MouseEvent| {
                    *focus_next.borrow_mut() = Some(name_field_id(id));
                    renaming.set(Some((id, name.clone())));
                })
            };
            let on_delete = delete_entry.reform(move |_: MouseEvent| id);
            html! {
                <>
                    <div class="saved-name">
                        <span class="name">{saved.name.clone()}</span>
                        if is_open {
                            <span class="badge">{if dirty { "open · unsaved changes" } else { "open" }}</span>
                        }
                        <span class="saved-at">{format!("saved {}", saved_at(saved.saved_at))}</span>
                    </div>
                    <div class="saved-actions">
                        <button type="button" id={open_id(id)} onclick={on_open} aria-label={format!("Open “{}”", saved.name)}>{"Open"}</button>
                        <button type="button" id={rename_id(id)} onclick={on_rename} aria-label={format!("Rename “{}”", saved.name)}>{"Rename"}</button>
                        <button type="button" onclick={on_delete} aria-label={format!("Delete “{}”", saved.name)}>{"Delete"}</button>
                    </div>
                </>
            }
        };
        html! { <li key={id} class={classes!("saved", is_open.then_some("is-open"))}>{row}</li> }
    });

    let save_label = if current_entry.is_some() {
        "Save changes"
    } else {
        "Save to My journeys"
    };

    html! {
        <>
        <section class="panel library" aria-labelledby="library-heading">
            <h2 id="library-heading">{"Journeys"}</h2>
            <div class="preset-picker">
                <label for="preset">{"Example journeys"}</label>
                <div class="preset-row">
                    <select id="preset" aria-describedby="preset-summary" onchange={on_preset_change}>
                        { for PRESETS.iter().map(|p| html! {
                            <option value={p.key} selected={p.key == *preset_key}>{p.name}</option>
                        }) }
                    </select>
                    <button type="button" onclick={on_open_preset}>{"Open example"}</button>
                </div>
                <p class="hint" id="preset-summary">
                    { preset(*preset_key).map(|p| p.summary).unwrap_or_default() }
                </p>
            </div>
            <div class="save-row">
                // aria-disabled keeps the focus on it once the journey is saved.
                <button type="button" class="primary-outline" onclick={on_save}
                    aria-disabled={nothing_to_save.then_some("true")}>
                    {save_label}
                </button>
            </div>
            <h3 id="saved-heading">{"My journeys"}</h3>
            if library.entries().is_empty() {
                <p class="hint">{"Nothing saved yet. Saved journeys stay in this browser only."}</p>
            } else {
                <ul class="saved-list" aria-labelledby="saved-heading">{ for rows }</ul>
            }
            <div class="library-status" role="status">
                if let Some(text) = &status.text {
                    {message(text)}
                    if status.undo.is_some() {
                        {" "}<button type="button" id={UNDO_ID} class="link" onclick={on_undo}>{"Undo"}</button>
                    }
                }
            </div>
        </section>
        <Lessons
            report={props.report.clone()}
            busy={props.busy}
            current={props.current.clone()}
            on_start={on_start_step}
        />
        </>
    }
}
