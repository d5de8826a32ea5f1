//! Finds an order of a file by its id while the file is read, in bounded memory. The orders
//! made last are in a table in memory (an order's later rows come soon after its first in most
//! exports); the others are set aside on the disk in runs sorted by their ids' hashes, each
//! with a few of its hashes in memory to find where a hash would be, and a filter of a few bits
//! an order says which ids may be among them, so that an id seen for the first time (every id,
//! in an export of an order a row) is rarely looked for on the disk. A table of every order in
//! memory was 5 to 9 bytes an order and, with its id's text, the most of a 10M-order export's
//! dry run.
//!
//! Hashes are only where to look: an order is found when `is` says its id is the one looked
//! for, so a collision finds nothing wrong.

use hashbrown::HashTable;

use crate::sale_list::Disk;

/// Bytes of an order set aside: its hash and its place.
const ENTRY: usize = 12;

/// One hash in memory for this many set aside (a run's entries read at a time: 1.5 KB).
const FENCE: usize = 128;

/// Bits of the filter an order, for the file's rows (each may be an order).
const FILTER_BITS: usize = 16;

/// The filter's block: eight 32-bit words, one bit in each an id (a split block Bloom filter,
/// as Parquet's: one cache line read for an id). With 16 bits an id it says "maybe" of 0.14%
/// of new ids, where four bits in one 64-bit word said it of 0.52% (a million random ids
/// each).
type FilterBlock = [u32; 8];

/// Odd numbers that each pick an id's bit in one word of its block from its hash (Parquet's).
const SALTS: FilterBlock = [0x47b6_137b, 0x4497_4d91, 0x8824_ad5b, 0xa2b7_289d, 0x7054_95c7, 0x2df1_424b, 0x9efc_4947, 0x5c6b_fb31];

/// Orders set aside, sorted by hash, at `offset` of the disk.
struct Run {
    offset: u64,
    len: usize,
    /// The hash of every [`FENCE`]th entry.
    fences: Vec<u64>,
}

pub(crate) struct OrderIndex {
    /// Orders made last, at most `in_memory` of them: hash and place.
    recent: HashTable<(u64, u32)>,
    in_memory: usize,
    runs: Vec<Run>,
    disk: Disk,
    /// Where the next run goes.
    end: u64,
    /// A split block Bloom filter of the hashes set aside (made when the first run is, with
    /// room for `rows` orders).
    filter: Vec<FilterBlock>,
    rows: usize,
    /// Entries read back, reused.
    block: Vec<u8>,
}

impl OrderIndex {
    /// An index of at most `in_memory` orders in memory (at least one), the others set aside
    /// on `disk`, for a file of `rows` rows.
    pub(crate) fn new(in_memory: usize, rows: usize, disk: Disk) -> OrderIndex {
        OrderIndex {
            recent: HashTable::new(),
            in_memory: in_memory.max(1),
            runs: Vec::new(),
            disk,
            end: 0,
            filter: Vec::new(),
            rows,
            block: Vec::new(),
        }
    }

    /// The place of the order whose id hashes to `hash` and `is` says is the one (`None`: none
    /// has it).
    pub(crate) fn find(&mut self, hash: u64, mut is: impl FnMut(u32) -> bool) -> Option<u32> {
        if let Some(&(_, place)) = self.recent.find(hash, |&(h, place)| h == hash && is(place)) {
            return Some(place);
        }
        if self.runs.is_empty() || !self.may_hold(hash) {
            return None;
        }
        for run in self.runs.iter().rev() {
            // The entries of `hash` start in the block whose fence is the last below it.
            let mut block = run.fences.partition_point(|&fence| fence < hash).saturating_sub(1);
            while block < run.fences.len() && run.fences[block] <= hash {
                let first = block * FENCE;
                let len = FENCE.min(run.len - first);
                self.block.resize(len * ENTRY, 0);
                if !self.disk.read(&mut self.block, run.offset + (first * ENTRY) as u64) {
                    return None;
                }
                for entry in self.block.chunks_exact(ENTRY) {
                    let (h, place) = decode(entry);
                    if h == hash && is(place) {
                        return Some(place);
                    }
                }
                block += 1;
            }
        }
        None
    }

    /// Adds the order at `place`, whose id hashes to `hash` (no order has that id yet).
    pub(crate) fn insert(&mut self, hash: u64, place: u32) {
        if self.recent.len() >= self.in_memory {
            self.set_aside();
        }
        self.recent.insert_unique(hash, (hash, place), |&(h, _)| h);
    }

    /// Sets the orders in memory aside as a run sorted by hash.
    fn set_aside(&mut self) {
        let mut entries: Vec<(u64, u32)> = self.recent.drain().collect();
        entries.sort_unstable();
        if self.filter.is_empty() {
            let blocks = (self.rows.max(entries.len()) * FILTER_BITS).div_ceil(256).max(1);
            self.filter = vec![[0; 8]; blocks];
        }
        let mut bytes = vec![0; entries.len() * ENTRY];
        for (&(hash, place), entry) in entries.iter().zip(bytes.chunks_exact_mut(ENTRY)) {
            entry[..8].copy_from_slice(&hash.to_le_bytes());
            entry[8..].copy_from_slice(&place.to_le_bytes());
            let (block, bits) = self.filter_of(hash);
            for (word, bit) in self.filter[block].iter_mut().zip(bits) {
                *word |= bit;
            }
        }
        let fences = entries.iter().step_by(FENCE).map(|&(hash, _)| hash).collect();
        self.disk.write(&bytes, self.end);
        self.runs.push(Run { offset: self.end, len: entries.len(), fences });
        self.end += bytes.len() as u64;
    }

    /// The block of the filter for `hash` and its bit in each word there.
    fn filter_of(&self, hash: u64) -> (usize, FilterBlock) {
        // Mixed again (SplitMix64's finish): the block and the bits from halves of their own.
        let mut mixed = hash ^ (hash >> 30);
        mixed = mixed.wrapping_mul(0xbf58_476d_1ce4_e5b9);
        mixed ^= mixed >> 27;
        mixed = mixed.wrapping_mul(0x94d0_49bb_1331_11eb);
        mixed ^= mixed >> 31;
        let block = ((mixed >> 32) * self.filter.len() as u64) >> 32;
        let key = mixed as u32;
        (block as usize, SALTS.map(|salt| 1 << (key.wrapping_mul(salt) >> 27)))
    }

    /// Whether an order set aside may have an id that hashes to `hash`.
    fn may_hold(&self, hash: u64) -> bool {
        let (block, bits) = self.filter_of(hash);
        self.filter[block].iter().zip(bits).all(|(word, bit)| word & bit == bit)
    }
}

fn decode(entry: &[u8]) -> (u64, u32) {
    let mut hash = [0; 8];
    hash.copy_from_slice(&entry[..8]);
    let mut place = [0; 4];
    place.copy_from_slice(&entry[8..12]);
    (u64::from_le_bytes(hash), u32::from_le_bytes(place))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{SaleList, SetAside};

    /// Whatever few of them stay in memory, each order is found by its id, and an id no order
    /// has finds none, also when many ids share a hash or its top bits (found by `is`, not by
    /// the hash alone).
    #[test]
    fn an_order_is_found_by_its_id_wherever_it_is() {
        let ids: Vec<String> = (0..1_500).map(|n| format!("#{}", n * 7919 % 100_003)).collect();
        for in_memory in [1, 3, 100, 1 << 20] {
            for hash_bits in [64, 6, 0] {
                let hash = |id: &str| {
                    let full = std::hash::BuildHasher::hash_one(&rustc_hash::FxBuildHasher, id);
                    full.checked_shr(64 - hash_bits).unwrap_or(0)
                };
                let disk = SaleList::new(SetAside { dir: None, in_memory }).another_disk();
                let mut index = OrderIndex::new(in_memory, ids.len(), disk);
                // (Every id hashed alike is looked for in every run: a few.)
                let step = if hash_bits == 0 { 97 } else { 1 };
                for (place, id) in ids.iter().enumerate() {
                    let what = format!("{id}, {in_memory} in memory, {hash_bits} bits");
                    if place % step == 0 {
                        assert_eq!(index.find(hash(id), |at| ids[at as usize] == *id), None, "{what}");
                    }
                    index.insert(hash(id), place as u32);
                    if place % (7 * step) == 0 {
                        let earlier = place / 2;
                        let id = &ids[earlier];
                        assert_eq!(index.find(hash(id), |at| ids[at as usize] == *id), Some(earlier as u32), "{what}");
                    }
                }
                for (place, id) in ids.iter().enumerate().step_by(step) {
                    assert_eq!(index.find(hash(id), |at| ids[at as usize] == *id), Some(place as u32), "{id}");
                }
                assert_eq!(index.find(hash("none"), |at| ids[at as usize] == "none"), None);
                assert!(in_memory > ids.len() || !index.runs.is_empty(), "{in_memory} in memory: set aside");
                assert!(index.recent.len() <= in_memory);
            }
        }
    }

    /// The filter says "maybe" of every id set aside, and of few others: fewer than 0.2% of
    /// new ids (one in a thousand and a half, about), so that a file of new ids is rarely looked
    /// for in every run.
    #[test]
    fn the_filter_holds_every_id_set_aside_and_few_others() {
        let orders = 200_000;
        let hash = |n: usize| std::hash::BuildHasher::hash_one(&rustc_hash::FxBuildHasher, format!("ch_{n:016}"));
        let disk = SaleList::new(SetAside { dir: None, in_memory: 1_000 }).another_disk();
        let mut index = OrderIndex::new(1_000, orders, disk);
        for n in 0..orders {
            index.insert(hash(n), n as u32);
        }
        assert!(index.filter.len() * 256 <= orders * FILTER_BITS + 256, "16 bits an order");
        let set_aside = orders - index.recent.len();
        assert!((0..set_aside).all(|n| index.may_hold(hash(n))), "every id set aside");
        let maybe = (orders..2 * orders).filter(|&n| index.may_hold(hash(n))).count();
        assert!(maybe * 1_000 < 2 * orders, "{maybe} of {orders} new ids");
    }
}
