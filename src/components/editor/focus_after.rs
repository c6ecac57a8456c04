//! Keeps keyboard focus where a user expects it after an edit re-renders
//! the editor: lists render by position, so the element that had focus may
//! now show another item, be disabled, or be gone.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::app_state::Edit;
use crate::components::focus::focus_first;

/// Wraps `on_change`: for an edit that `targets` gives element ids for,
/// the first of those elements that exists and is enabled gets focus once
/// the component has rendered the edited journey. The wrapper stays the
/// same callback from render to render while `on_change` does (it reads
/// the latest `targets`), so the parts of the editor it is passed to redraw
/// only when what they show changes.
#[hook]
pub fn use_focus_after<F>(on_change: Callback<Edit>, targets: F) -> Callback<Edit>
where
    F: Fn(&Edit) -> Vec<String> + 'static,
{
    let pending = use_mut_ref(Vec::<String>::new);
    {
        let pending = pending.clone();
        use_effect(move || {
            let ids = std::mem::take(&mut *pending.borrow_mut());
            if !ids.is_empty() {
                focus_first(&ids);
            }
        });
    }
    let latest: Rc<RefCell<Option<FocusTargets>>> = use_mut_ref(|| None);
    *latest.borrow_mut() = Some(Box::new(targets));
    use_callback(on_change, move |edit: Edit, on_change| {
        let ids = latest.borrow().as_ref().map(|targets| targets(&edit));
        *pending.borrow_mut() = ids.unwrap_or_default();
        on_change.emit(edit);
    })
}

type FocusTargets = Box<dyn Fn(&Edit) -> Vec<String>>;
