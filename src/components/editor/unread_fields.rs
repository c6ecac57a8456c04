//! Editor fields whose text is not a number. Such a field leaves the
//! journey as it was, so while any is left the page counts it as a problem
//! and does not run a journey that differs from what the fields say.

use std::collections::BTreeSet;
use std::rc::Rc;

use yew::prelude::*;

/// How number fields tell the page whether their text reads as a number:
/// `(field id, unread)`.
#[derive(Clone, PartialEq)]
pub struct UnreadFields(pub Callback<(AttrValue, bool)>);

/// The ids of the fields whose text is not a number.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Unread(BTreeSet<AttrValue>);

impl Unread {
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Reducible for Unread {
    type Action = (AttrValue, bool);

    fn reduce(self: Rc<Self>, (id, unread): (AttrValue, bool)) -> Rc<Self> {
        if self.0.contains(&id) == unread {
            return self;
        }
        let mut ids = self.0.clone();
        if unread {
            ids.insert(id);
        } else {
            ids.remove(&id);
        }
        Rc::new(Unread(ids))
    }
}

/// Tells the page, if it listens, that field `id` is unread, and that it
/// no longer is once it reads, changes id or leaves the page. Fields that
/// read say nothing, so mounting an editor sends no messages.
///
/// The effect comes after a render, and Yew may let the browser draw in
/// between, so the field also reports as the text is typed (with the
/// returned callback): the problem count then changes in the same render
/// as the journey.
#[hook]
pub fn use_report_unread(id: AttrValue, unread: bool) -> Callback<bool> {
    let fields = use_context::<UnreadFields>().map(|fields| fields.0);
    let report = fields.clone().filter(|_| unread);
    use_effect_with((id.clone(), unread), move |(id, _)| {
        let id = id.clone();
        if let Some(report) = &report {
            report.emit((id.clone(), true));
        }
        move || {
            if let Some(report) = report {
                report.emit((id, false));
            }
        }
    });
    Callback::from(move |unread| {
        if let Some(fields) = &fields {
            fields.emit((id.clone(), unread));
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_counted_once_until_they_read_again() {
        let unread = Rc::new(Unread::default());
        let unread = unread.reduce(("a".into(), true));
        let unread = unread.reduce(("a".into(), true));
        let unread = unread.reduce(("b".into(), true));
        assert_eq!(unread.len(), 2);
        let same = unread.clone().reduce(("c".into(), false));
        assert!(
            Rc::ptr_eq(&same, &unread),
            "nothing changes, nothing redraws"
        );
        let unread = unread.reduce(("a".into(), false));
        assert_eq!(unread.len(), 1);
        assert!(unread.reduce(("b".into(), false)).is_empty());
    }
}
