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
///
/// Linear in the keys' bytes: each key is looked up in a hash table of the groups so far (an
/// object of a thousand messages used to spend a third of its time sorting its keys). Keys built
/// to collide make a probe sequence long; past [`PROBES_PER_KEY`] probes per key on average the
/// table gives up and the keys are sorted instead, so hostile objects stay O(n log n).
pub fn key_groups_in_source_order(keys: &[&str]) -> Vec<(usize, usize)> {
    if keys.len() <= INSERTION_MAX {
        let mut groups: Vec<(usize, usize)> = Vec::with_capacity(keys.len());
        for (i, k) in keys.iter().enumerate() {
            match groups.iter_mut().find(|(first, _)| keys.get(*first) == Some(k)) {
                Some(g) => g.1 = i,
                None => groups.push((i, i)),
            }
        }
        return groups;
    }
    hashed_groups(keys, PROBES_PER_KEY).unwrap_or_else(|| {
        let mut groups = key_groups(keys);
        sort_indices_by_first(&mut groups);
        groups
    })
}

/// On average, at most this many table probes per key before [`hashed_groups`] gives up.
const PROBES_PER_KEY: usize = 8;

/// FNV-1a over the key's bytes, folded for a power-of-two table.
fn key_hash(k: &str) -> usize {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in k.as_bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    (h ^ (h >> 29)) as usize
}

/// Groups by an open-addressing table of group numbers; `None` when the keys collide too much.
fn hashed_groups(keys: &[&str], probes_per_key: usize) -> Option<Vec<(usize, usize)>> {
    let size = keys.len().checked_mul(2)?.checked_next_power_of_two()?;
    let mask = size - 1;
    // Slot: group number + 1 (0 = empty).
    let mut table: Vec<u32> = vec![0; size];
    let mut groups: Vec<(usize, usize)> = Vec::with_capacity(keys.len());
    let mut budget = keys.len().saturating_mul(probes_per_key);
    for (i, k) in keys.iter().enumerate() {
        let mut slot = key_hash(k) & mask;
        loop {
            budget = budget.checked_sub(1)?;
            let entry = table.get_mut(slot)?;
            if *entry == 0 {
                *entry = u32::try_from(groups.len() + 1).ok()?;
                groups.push((i, i));
                break;
            }
            let g = groups.get_mut(*entry as usize - 1)?;
            if keys.get(g.0) == Some(k) {
                g.1 = i;
                break;
            }
            slot = (slot + 1) & mask;
        }
    }
    Some(groups)
}

/// Sorts `(first, last)` groups by `first` (distinct: each key has one first position).
fn sort_indices_by_first(groups: &mut [(usize, usize)]) {
    let firsts: Vec<(usize, usize)> = groups.to_vec();
    let mut order: Vec<usize> = (0..firsts.len()).collect();
    sort_indices(&mut order, &|a, b| firsts.get(a).map(|g| g.0).cmp(&firsts.get(b).map(|g| g.0)));
    for (slot, i) in groups.iter_mut().zip(order) {
        if let Some(&g) = firsts.get(i) {
            *slot = g;
        }
    }
}

/// Whether `0..n` is already ordered by `cmp` (ties allowed): a sort can then be skipped.
pub fn is_sorted_by(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> bool {
    (1..n).all(|i| cmp(i - 1, i) != Ordering::Greater)
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
    fn hashed_grouping_agrees_with_sorting() {
        // Above INSERTION_MAX keys the table is used; colliding keys must still group right.
        let mut x: u32 = 11;
        for n in [17usize, 40, 1000] {
            let keys: Vec<String> = (0..n)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 17;
                    x ^= x << 5;
                    format!("k{}", x % (n as u32 / 2))
                })
                .collect();
            let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
            let mut expected = key_groups(&keys);
            expected.sort();
            assert_eq!(key_groups_in_source_order(&keys), expected, "n = {n}");
            let mut by_sort = key_groups(&keys);
            sort_indices_by_first(&mut by_sort);
            assert_eq!(by_sort, expected);
        }
    }

    #[test]
    fn hash_table_gives_up_past_its_budget() {
        // With one probe per key, the first collision exhausts the budget (5000 random keys in
        // 16384 slots collide hundreds of times).
        let mut x: u64 = 3;
        let keys: Vec<String> = (0..5000)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                format!("{x:x}")
            })
            .collect();
        let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
        assert!(hashed_groups(&keys, PROBES_PER_KEY).is_some());
        assert!(hashed_groups(&keys, 1).is_none());
        let same: Vec<&str> = vec!["x"; 5000];
        assert_eq!(key_groups_in_source_order(&same), vec![(0, 4999)]);
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
