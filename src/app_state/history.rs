//! Undo and redo of changes to the journey: every edit, import and opened
//! journey, in this page's session. Keystrokes in one field, until the
//! focus leaves it, make one step, so Undo takes back a typed number whole,
//! not digit by digit.

use std::rc::Rc;

use journey_core::Scenario;
use yew::AttrValue;

use super::edit::Change;

/// The most steps kept each way. Each keeps a whole journey: the examples
/// are a few kilobytes, the largest journey a file may hold a megabyte.
pub const MAX_STEPS: usize = 100;

/// One step: the journey on the other side of a change, and the change in
/// words.
#[derive(Clone, Debug, PartialEq)]
struct Step {
    scenario: Rc<Scenario>,
    what: AttrValue,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct History {
    /// The journey before each change, the latest last.
    undo: Vec<Step>,
    /// The journey after each change undone, the latest undone last.
    redo: Vec<Step>,
    /// The field the latest step types into, while typing goes on there.
    typing: Option<String>,
}

impl History {
    /// What Undo would take back: "removing stage “Need”".
    pub fn undo_what(&self) -> Option<&AttrValue> {
        self.undo.last().map(|step| &step.what)
    }

    /// What Redo would put back.
    pub fn redo_what(&self) -> Option<&AttrValue> {
        self.redo.last().map(|step| &step.what)
    }

    /// Ends the typing in a field: the next change there is a step of its
    /// own. `false` when no typing was going on.
    pub fn end_typing(&mut self) -> bool {
        self.typing.take().is_some()
    }

    /// Keeps `before` as the journey to go back to from `after`. A change
    /// to the field being typed into joins the step of the keystrokes
    /// before it; typing that comes back to where it started drops that
    /// step. Anything new makes the undone steps unreachable.
    pub fn record(&mut self, before: &Rc<Scenario>, after: &Scenario, change: Change) {
        self.redo.clear();
        let joins = change.field.is_some() && change.field == self.typing;
        if joins {
            if self
                .undo
                .last()
                .is_some_and(|step| *step.scenario == *after)
            {
                self.undo.pop();
                self.typing = None;
            }
            return;
        }
        self.typing = change.field;
        self.undo.push(Step {
            scenario: before.clone(),
            what: AttrValue::from(change.what),
        });
        if self.undo.len() > MAX_STEPS {
            self.undo.remove(0);
        }
    }

    /// The journey before the latest change, given the current one (kept
    /// for Redo), and that change in words; `None` when there is nothing to
    /// undo.
    pub fn undo(&mut self, current: &Rc<Scenario>) -> Option<(Rc<Scenario>, AttrValue)> {
        self.typing = None;
        shift(&mut self.undo, &mut self.redo, current)
    }

    /// The journey after the latest change undone, and that change in
    /// words; `None` when there is nothing to redo.
    pub fn redo(&mut self, current: &Rc<Scenario>) -> Option<(Rc<Scenario>, AttrValue)> {
        self.typing = None;
        shift(&mut self.redo, &mut self.undo, current)
    }
}

/// Takes the latest step of `from`, leaving `current` on `to` in its place.
fn shift(
    from: &mut Vec<Step>,
    to: &mut Vec<Step>,
    current: &Rc<Scenario>,
) -> Option<(Rc<Scenario>, AttrValue)> {
    let step = from.pop()?;
    to.push(Step {
        scenario: current.clone(),
        what: step.what.clone(),
    });
    Some((step.scenario, step.what))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets::DEFAULT_SCENARIO;

    fn with_months(months: u32) -> Rc<Scenario> {
        let mut s = Scenario::from_json(DEFAULT_SCENARIO).unwrap();
        s.months = months;
        Rc::new(s)
    }

    fn back(h: &mut History, current: &Rc<Scenario>) -> Option<Rc<Scenario>> {
        h.undo(current).map(|(scenario, _)| scenario)
    }

    fn forward(h: &mut History, current: &Rc<Scenario>) -> Option<Rc<Scenario>> {
        h.redo(current).map(|(scenario, _)| scenario)
    }

    fn typing(field: &str) -> Change {
        Change {
            what: format!("change to {field}"),
            field: Some(field.into()),
        }
    }

    #[test]
    fn undo_and_redo_walk_the_steps_both_ways() {
        let (a, b, c) = (with_months(1), with_months(2), with_months(3));
        let mut h = History::default();
        assert_eq!((h.undo_what(), h.redo_what()), (None, None));
        h.record(&a, &b, Change::step("first"));
        h.record(&b, &c, Change::step("second"));
        assert_eq!(h.undo_what().map(AttrValue::as_str), Some("second"));
        assert_eq!(h.undo(&c), Some((b.clone(), AttrValue::from("second"))));
        assert_eq!(h.redo_what().map(AttrValue::as_str), Some("second"));
        assert_eq!(back(&mut h, &b), Some(a.clone()));
        assert_eq!(back(&mut h, &a), None);
        assert_eq!(forward(&mut h, &a), Some(b.clone()));
        assert_eq!(forward(&mut h, &b), Some(c.clone()));
        assert_eq!(forward(&mut h, &c), None);
        assert_eq!(h.undo_what().map(AttrValue::as_str), Some("second"));
    }

    #[test]
    fn a_new_change_drops_what_was_undone() {
        let (a, b, c) = (with_months(1), with_months(2), with_months(3));
        let mut h = History::default();
        h.record(&a, &b, Change::step("first"));
        back(&mut h, &b);
        h.record(&a, &c, Change::step("other"));
        assert_eq!(h.redo_what(), None);
        assert_eq!(back(&mut h, &c), Some(a));
    }

    #[test]
    fn keystrokes_in_one_field_make_one_step() {
        let (a, b, c, d) = (
            with_months(1),
            with_months(12),
            with_months(120),
            with_months(5),
        );
        let mut h = History::default();
        h.record(&a, &b, typing("months"));
        h.record(&b, &c, typing("months"));
        assert_eq!(
            back(&mut h, &c),
            Some(a.clone()),
            "back to before the first key"
        );
        // Typing again after an undo starts a new step.
        h.record(&a, &b, typing("months"));
        h.record(&b, &d, typing("discount_rate"));
        assert_eq!(back(&mut h, &d), Some(b.clone()));
        assert_eq!(back(&mut h, &b), Some(a.clone()));
        // A step in between ends the typing too.
        let mut h = History::default();
        h.record(&a, &b, typing("months"));
        h.record(&b, &c, Change::step("adding a stage"));
        h.record(&c, &d, typing("months"));
        assert_eq!(back(&mut h, &d), Some(c.clone()));
        // Leaving the field and coming back to it starts a new step.
        let mut h = History::default();
        h.record(&a, &b, typing("months"));
        assert!(h.end_typing());
        assert!(!h.end_typing(), "only once");
        h.record(&b, &c, typing("months"));
        assert_eq!(back(&mut h, &c), Some(b));
    }

    #[test]
    fn typing_back_to_where_it_started_leaves_no_step() {
        let (a, b) = (with_months(36), with_months(3));
        let mut h = History::default();
        h.record(&a, &b, typing("months"));
        h.record(&b, &a, typing("months"));
        assert_eq!(h.undo_what(), None);
        // The next keystroke starts a step of its own.
        h.record(&a, &b, typing("months"));
        assert_eq!(back(&mut h, &b), Some(a));
    }

    #[test]
    fn only_the_latest_steps_are_kept() {
        let mut h = History::default();
        for i in 0..(MAX_STEPS as u32 + 5) {
            h.record(
                &with_months(i + 1),
                &with_months(i + 2),
                Change::step(format!("{i}")),
            );
        }
        let mut undone = 0;
        let mut current = with_months(MAX_STEPS as u32 + 6);
        while let Some(earlier) = back(&mut h, &current) {
            current = earlier;
            undone += 1;
        }
        assert_eq!(undone, MAX_STEPS);
        assert_eq!(current.months, 6, "the oldest steps went first");
    }
}
