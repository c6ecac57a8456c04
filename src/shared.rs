//! Results the page hands to many components, compared by identity.

use std::fmt;
use std::ops::Deref;
use std::rc::Rc;

/// An immutable value shared by the components that show it, equal only to
/// itself and its clones. Props compare on every render (a progress tick
/// renders the page again), and `Rc`'s own comparison walks the contents:
/// for a report of 21 variants that is tens of thousands of numbers, even
/// for the same `Rc`, since a report (of `f64`s) has no `Eq`. A new report
/// always arrives as a new `Shared`, so identity says all props need.
pub struct Shared<T>(Rc<T>);

impl<T> Shared<T> {
    pub fn new(value: T) -> Shared<T> {
        Shared(Rc::new(value))
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Rc::clone(&self.0))
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T: Default> Default for Shared<T> {
    fn default() -> Self {
        Shared::new(T::default())
    }
}

impl<T: fmt::Debug> fmt::Debug for Shared<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_only_to_itself_and_its_clones() {
        let a = Shared::new(vec![1.0, f64::NAN]);
        assert_eq!(a, a.clone());
        assert_ne!(a, Shared::new(vec![1.0, f64::NAN]));
        assert_ne!(Shared::new(1.0), Shared::new(1.0));
        assert_eq!(a.len(), 2);
    }
}
