use gloo_events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{Element, EventTarget, KeyboardEvent};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct UndoRedoProps {
    /// What Undo would take back ("removing stage “Need”"), if anything.
    pub undo: Option<AttrValue>,
    /// What Redo would put back, if anything.
    pub redo: Option<AttrValue>,
    pub on_undo: Callback<()>,
    pub on_redo: Callback<()>,
}

/// Undo and Redo for changes to the journey. Each button is named after
/// the change it would make ("Undo removing stage “Need”"), so a screen
/// reader and the tooltip say what a press does before it is pressed. A
/// button with nothing to do is `aria-disabled` rather than disabled, so
/// that the last press of Undo leaves the keyboard's focus where it was.
#[component]
pub fn UndoRedo(props: &UndoRedoProps) -> Html {
    let button =
        |label: &str, icon: &str, what: &Option<AttrValue>, keys: &str, on: &Callback<()>| {
            let name = what
                .as_ref()
                .map_or_else(|| label.to_string(), |what| format!("{label} {what}"));
            html! {
                <button type="button" class="history-button"
                    aria-disabled={what.is_none().then_some("true")}
                    aria-label={name.clone()} title={format!("{name} ({keys})")}
                    onclick={on.reform(|_: MouseEvent| ())}>
                    <span aria-hidden="true">{icon.to_string()}</span>{label.to_string()}
                </button>
            }
        };
    html! {
        <div class="undo-redo" role="group" aria-label="Changes to the journey">
            {button("Undo", "↶ ", &props.undo, "Ctrl+Z", &props.on_undo)}
            {button("Redo", "↷ ", &props.redo, "Ctrl+Shift+Z", &props.on_redo)}
        </div>
    }
}

/// Ctrl+Z (⌘Z on a Mac) takes back the latest change to the journey;
/// Ctrl+Shift+Z or Ctrl+Y puts it back; only while `enabled`. A text field
/// outside the editor keeps the browser's own undo of its text, and so
/// does an editor field holding text that is not a number, which the
/// journey never took in. Elsewhere in the editor typing is part of the
/// journey's history, a whole field at a time.
#[hook]
pub fn use_undo_keys(on_undo: Callback<()>, on_redo: Callback<()>, enabled: bool) {
    use_effect_with(
        (on_undo, on_redo, enabled),
        |(on_undo, on_redo, enabled)| {
            let (on_undo, on_redo) = (on_undo.clone(), on_redo.clone());
            let document = web_sys::window().and_then(|w| w.document());
            let listener = document.filter(|_| *enabled).map(|document| {
                let options = EventListenerOptions::enable_prevent_default();
                EventListener::new_with_options(&document, "keydown", options, move |event| {
                    let Some(event) = event.dyn_ref::<KeyboardEvent>() else {
                        return;
                    };
                    if !(event.ctrl_key() || event.meta_key()) || event.alt_key() {
                        return;
                    }
                    let redo = match event.key().as_str() {
                        "z" | "Z" => event.shift_key(),
                        "y" | "Y" if !event.shift_key() => true,
                        _ => return,
                    };
                    if keeps_its_own_undo(event.target()) {
                        return;
                    }
                    event.prevent_default();
                    if redo {
                        on_redo.emit(());
                    } else {
                        on_undo.emit(());
                    }
                })
            });
            move || drop(listener)
        },
    );
}

/// Text fields, whose text the browser's own undo takes back.
const TEXT_FIELDS: &str = "textarea, [contenteditable], input:not([type]), input[type=text], \
     input[type=search], input[type=url], input[type=email], input[type=tel], \
     input[type=number], input[type=password]";

/// Whether the focused `target` is a text field whose own undo applies.
fn keeps_its_own_undo(target: Option<EventTarget>) -> bool {
    let Some(element) = target.and_then(|t| t.dyn_into::<Element>().ok()) else {
        return false;
    };
    let text_field = element.matches(TEXT_FIELDS).unwrap_or(false);
    let in_editor = element.closest(".editor").ok().flatten().is_some();
    text_field && (!in_editor || element.has_attribute("data-unread"))
}
