//! Ordering helpers shared by every place that sorts, so that the `.wasm` carries one sort routine
//! (each `sort_*` call on another element type or closure is another ~2 KB copy of it).

use std::cmp::Ordering;

/// The indices `0..n` sorted by `cmp` (ties keep index order: the result is deterministic).
pub fn sorted_indices(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..n).collect();
    idx.sort_unstable_by(|&a, &b| cmp(a, b).then(a.cmp(&b)));
    idx
}

/// Groups equal keys as `JSON.parse` sees duplicates: for each distinct key, `(first, last)`
/// positions (the key sits where it first appeared, with the value of its last occurrence), in
/// key order. O(n log n), for hostile objects with many keys.
pub fn key_groups(keys: &[&str]) -> Vec<(usize, usize)> {
    let key = |i: usize| keys.get(i).copied().unwrap_or_default();
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut prev: Option<&str> = None;
    for i in sorted_indices(keys.len(), &|a, b| key(a).cmp(key(b))) {
        let k = key(i);
        match out.last_mut() {
            Some(group) if prev == Some(k) => group.1 = i,
            _ => out.push((i, i)),
        }
        prev = Some(k);
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
