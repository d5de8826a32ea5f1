//! RFM segments: recency scored by fifths of the shop's own customers, frequency by purchase
//! days, mapped to a few named groups an owner can act on.

use serde::Serialize;

use crate::report::{Active, SegmentRow};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Segment {
    Champions,
    Loyal,
    New,
    Promising,
    AtRisk,
    Hibernating,
    Lost,
}

impl Segment {
    pub const ALL: [Segment; 7] =
        [Segment::Champions, Segment::Loyal, Segment::New, Segment::Promising, Segment::AtRisk, Segment::Hibernating, Segment::Lost];

    pub fn label(self) -> String {
        match self {
            Segment::Champions => regulars_text::t!("segment.champions"),
            Segment::Loyal => regulars_text::t!("segment.loyal"),
            Segment::New => regulars_text::t!("segment.new"),
            Segment::Promising => regulars_text::t!("segment.promising"),
            Segment::AtRisk => regulars_text::t!("segment.atRisk"),
            Segment::Hibernating => regulars_text::t!("segment.hibernating"),
            Segment::Lost => regulars_text::t!("segment.lost"),
        }
    }

    /// The segment of a recency score and a frequency score, each 1-5.
    pub fn of(recency: u8, frequency: u8, purchase_days: u32) -> Segment {
        match (recency, frequency) {
            (4.., 4..) => Segment::Champions,
            (3.., 3..) => Segment::Loyal,
            (4.., _) if purchase_days == 1 => Segment::New,
            (3.., _) => Segment::Promising,
            (_, 3..) => Segment::AtRisk,
            (2, _) => Segment::Hibernating,
            _ => Segment::Lost,
        }
    }
}

/// 1, 2, 3, 4-5 and 6+ purchase days score 1 to 5.
pub fn frequency_score(purchase_days: u32) -> u8 {
    match purchase_days {
        0 | 1 => 1,
        2 => 2,
        3 => 3,
        4 | 5 => 4,
        _ => 5,
    }
}

/// Recency scores 1-5 by fifths of rank, most recent fifth = 5; ties share the better score.
fn recency_scores(active: &[Active]) -> Vec<u8> {
    let n = active.len();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_unstable_by_key(|&i| active[i].recency);
    let mut scores = vec![0u8; n];
    let mut rank_of_tie = 0;
    for (rank, &i) in order.iter().enumerate() {
        if rank == 0 || active[order[rank - 1]].recency != active[i].recency {
            rank_of_tie = rank;
        }
        scores[i] = 5 - (rank_of_tie * 5 / n) as u8;
    }
    scores
}

pub(crate) fn segment_customers(active: &[Active]) -> Vec<SegmentRow> {
    let mut rows: Vec<SegmentRow> =
        Segment::ALL.iter().map(|&segment| SegmentRow { segment, label: segment.label(), customers: 0, revenue_minor: 0 }).collect();
    for (customer, recency) in active.iter().zip(recency_scores(active)) {
        let segment = Segment::of(recency, frequency_score(customer.purchase_days), customer.purchase_days);
        let row = &mut rows[Segment::ALL.iter().position(|&s| s == segment).unwrap_or(0)];
        row.customers += 1;
        row.revenue_minor += customer.revenue;
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_follow_the_documented_table() {
        assert_eq!(Segment::of(5, 5, 9), Segment::Champions);
        assert_eq!(Segment::of(3, 4, 4), Segment::Loyal);
        assert_eq!(Segment::of(5, 1, 1), Segment::New);
        assert_eq!(Segment::of(5, 2, 2), Segment::Promising);
        assert_eq!(Segment::of(3, 1, 1), Segment::Promising);
        assert_eq!(Segment::of(1, 5, 7), Segment::AtRisk);
        assert_eq!(Segment::of(2, 2, 2), Segment::Hibernating);
        assert_eq!(Segment::of(1, 1, 1), Segment::Lost);
    }

    #[test]
    fn recency_ties_share_a_score_and_the_most_recent_fifth_scores_five() {
        let active: Vec<Active> =
            [0, 0, 5, 10, 20, 30, 40, 50, 60, 70].iter().map(|&recency| Active { recency, purchase_days: 1, revenue: 1 }).collect();
        let scores = recency_scores(&active);
        assert_eq!(scores, vec![5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
    }
}
