//! Ordering helpers shared by every place that sorts, so that the `.wasm` carries one small sort
//! routine: each std `sort_*` call on another element type or closure is another 2–8 KB copy of
//! core's quicksort. Sorting only happens on rare paths (duplicate-key handling, id-less hashes,
//! Plugchat attendances), so a heapsort — O(n log n) even on hostile input, a few hundred bytes —
//! is the right trade.

use std::cmp::Ordering;

/// The indices `0..n` sorted by `cmp`, ties by index (a total order: the result is deterministic).
#[inline(never)]
pub fn sorted_indices(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut v: Vec<usize> = (0..n).collect();
    sort_indices(&mut v, cmp);
    v
}

/// Up to this many, [`sort_indices`] sorts by insertion: fewer comparisons than a heapsort on the
/// small objects webhooks are made of.
const INSERTION_MAX: usize = 16;

/// Sorts a slice of indices by `cmp`, ties by index, in place (an insertion sort for short slices,
/// else a heapsort).
#[inline(never)]
pub fn sort_indices(v: &mut [usize], cmp: &dyn Fn(usize, usize) -> Ordering) {
    let n = v.len();
    let less = |v: &[usize], a: usize, b: usize| -> bool {
        match (v.get(a), v.get(b)) {
            (Some(&x), Some(&y)) => cmp(x, y).then(x.cmp(&y)) == Ordering::Less,
            _ => false,
        }
    };
    if n <= INSERTION_MAX {
        for i in 1..n {
            let mut j = i;
            while j > 0 && less(v, j, j - 1) {
                v.swap(j, j - 1);
                j -= 1;
            }
        }
        return;
    }
    // Sift the element at `root` down within `v[..end]`.
    let sift = |v: &mut [usize], mut root: usize, end: usize| loop {
        let mut child = 2 * root + 1;
        if child >= end {
            break;
        }
        if child + 1 < end && less(v, child, child + 1) {
            child += 1;
        }
        if !less(v, root, child) {
            break;
        }
        v.swap(root, child);
        root = child;
    };
    for root in (0..n / 2).rev() {
        sift(v, root, n);
    }
    for end in (1..n).rev() {
        v.swap(0, end);
        sift(v, 0, end);
    }
}

/// Length of the run of equal keys that starts `sorted` (indices sorted by key, then by index): 0
/// when empty. The run's last index is the key's last occurrence, whose value `JSON.parse` keeps.
pub fn leading_run(sorted: &[usize], same_key: &dyn Fn(usize, usize) -> bool) -> usize {
    match sorted.first() {
        Some(&first) => sorted.iter().take_while(|&&i| same_key(first, i)).count(),
        None => 0,
    }
}

/// Groups equal keys as `JSON.parse` sees duplicates: for each distinct key, `(first, last)`
/// positions (the key sits where it first appeared, with the value of its last occurrence), in
/// key order. O(n log n), for hostile objects with many keys.
pub fn key_groups(keys: &[&str]) -> Vec<(usize, usize)> {
    let key = |i: usize| keys.get(i).copied().unwrap_or_default();
    let sorted = sorted_indices(keys.len(), &|a, b| key(a).cmp(key(b)));
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut rest = sorted.as_slice();
    while let Some(&first) = rest.first() {
        let len = leading_run(rest, &|a, b| key(a) == key(b));
        if let Some(&last) = len.checked_sub(1).and_then(|i| rest.get(i)) {
            out.push((first, last));
        }
        rest = rest.get(len.max(1)..).unwrap_or(&[]);
    }
    out
}

/// [`key_groups`] in source order (by first position), as `JSON.parse` orders an object's keys.
pub fn key_groups_in_source_order(keys: &[&str]) -> Vec<(usize, usize)> {
    let mut last_of_first: Vec<Option<usize>> = vec![None; keys.len()];
    for (first, last) in key_groups(keys) {
        if let Some(slot) = last_of_first.get_mut(first) {
            *slot = Some(last);
        }
    }
    last_of_first.into_iter().enumerate().filter_map(|(first, last)| last.map(|l| (first, l))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_duplicates_as_json_parse() {
        // {"b":1,"a":2,"b":3,"c":4,"a":5}: JSON.parse gives {b:3, a:5, c:4}.
        let keys = ["b", "a", "b", "c", "a"];
        assert_eq!(key_groups(&keys), vec![(1, 4), (0, 2), (3, 3)]);
        assert_eq!(key_groups_in_source_order(&keys), vec![(0, 2), (1, 4), (3, 3)]);
        assert_eq!(key_groups(&[]), vec![]);
    }

    #[test]
    fn sort_agrees_with_std_sort() {
        let mut x: u32 = 7;
        for n in [0usize, 1, 2, 3, 5, 8, 13, 16, 17, 100, 1000] {
            let v: Vec<u32> = (0..n)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 17;
                    x ^= x << 5;
                    x % 10
                })
                .collect();
            let mut expected: Vec<usize> = (0..n).collect();
            expected.sort_by_key(|&i| (v[i], i));
            assert_eq!(sorted_indices(n, &|a, b| v[a].cmp(&v[b])), expected, "n = {n}");
        }
    }
}
