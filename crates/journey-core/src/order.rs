//! Sorting by a number, shared. Every `sort_by` with its own closure is a
//! sort algorithm of its own in the compiled code (a few kilobytes each in
//! the web app's module); these sort positions with one comparison instead,
//! and keep equal keys in their order, as a stable sort does.

/// Sorts `items` from the largest key to the smallest (by `f64::total_cmp`);
/// equal keys keep their order.
pub fn sort_descending_by<T>(items: &mut Vec<T>, key: impl Fn(&T) -> f64) {
    let keys: Vec<f64> = items.iter().map(key).collect();
    let order = largest_first(&keys);
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(
        order
            .into_iter()
            .map(|i| slots[i].take().expect("each position once")),
    );
}

/// Sorts `items` from the smallest key to the largest; equal keys keep
/// their order.
pub fn sort_ascending_by<T>(items: &mut Vec<T>, key: impl Fn(&T) -> f64) {
    sort_descending_by(items, |item| -key(item));
}

/// The positions of `keys` from the largest to the smallest, equal keys in
/// their order.
#[inline(never)]
fn largest_first(keys: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_by(|&a, &b| keys[b].total_cmp(&keys[a]));
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_as_a_stable_sort_does() {
        let mut items: Vec<(f64, char)> =
            vec![(1.0, 'a'), (3.0, 'b'), (1.0, 'c'), (2.0, 'd'), (3.0, 'e')];
        let mut stable = items.clone();
        stable.sort_by(|p, q| q.0.total_cmp(&p.0));
        sort_descending_by(&mut items, |p| p.0);
        assert_eq!(items, stable);
        assert_eq!(items.iter().map(|p| p.1).collect::<String>(), "bedac");
        sort_ascending_by(&mut items, |p| p.0);
        assert_eq!(items.iter().map(|p| p.1).collect::<String>(), "acdbe");
        let mut none: Vec<f64> = Vec::new();
        sort_descending_by(&mut none, |x| *x);
        assert!(none.is_empty());
    }
}
