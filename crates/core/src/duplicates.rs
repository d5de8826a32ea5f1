//! Use cases about customers who may be one person: listing possible duplicates, merging two
//! into one, splitting a merge that was wrong, and "these are two people".
//!
//! Two customers look like one person when they share an email, or a phone (its last nine
//! digits, as the import matches), or a name (ignoring case and spacing) with no email or phone
//! that tells them apart. Same name with different contact details is two people, as the
//! import decides too.

use std::collections::{HashMap, HashSet};

use regulars_domain::{Customer, CustomerId, CustomerSummary};
use regulars_store::{Identity, MergeRecord, phone_match_key};

use crate::customers::not_found;
use crate::{Error, Session};

/// Why two customers are listed as possibly one person, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DuplicateReason {
    Email,
    Phone,
    Name,
}

impl DuplicateReason {
    pub fn key(self) -> &'static str {
        match self {
            DuplicateReason::Email => "email",
            DuplicateReason::Phone => "phone",
            DuplicateReason::Name => "name",
        }
    }
}

/// Two customers who may be one person; `a` is the older (lower number).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    pub a: CustomerSummary,
    pub b: CustomerSummary,
    pub reason: DuplicateReason,
}

/// The most pairs one call lists.
pub const MAX_DUPLICATES: u32 = 500;

fn name_key(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// True when both have an email, or both a phone, and they differ: two people.
fn told_apart(a: &Identity, b: &Identity) -> bool {
    let emails = matches!((&a.email, &b.email), (Some(x), Some(y)) if !x.eq_ignore_ascii_case(y));
    let phones = matches!((&a.phone_digits, &b.phone_digits), (Some(x), Some(y)) if phone_match_key(x) != phone_match_key(y));
    emails || phones
}

/// The pairs of `people` (oldest first) that look like one person, strongest reason first,
/// each pair once, none the owner said are two people, at most `limit`.
pub fn look_alikes(
    people: &[Identity],
    distinct: &HashSet<(CustomerId, CustomerId)>,
    limit: usize,
) -> Vec<(CustomerId, CustomerId, DuplicateReason)> {
    type Key = fn(&Identity) -> Option<String>;
    let keys: [(DuplicateReason, Key); 3] = [
        (DuplicateReason::Email, |p| p.email.as_ref().map(|e| e.to_lowercase())),
        (DuplicateReason::Phone, |p| p.phone_digits.as_deref().filter(|d| d.len() >= 6).map(|d| phone_match_key(d).to_owned())),
        (DuplicateReason::Name, |p| Some(name_key(&p.name)).filter(|n| !n.is_empty())),
    ];
    let mut found = Vec::new();
    let mut seen: HashSet<(CustomerId, CustomerId)> = HashSet::new();
    for (reason, key) in keys {
        let mut groups: HashMap<String, Vec<&Identity>> = HashMap::new();
        for person in people {
            if let Some(k) = key(person) {
                groups.entry(k).or_default().push(person);
            }
        }
        let mut pairs = Vec::new();
        for group in groups.values().filter(|g| g.len() > 1) {
            for (i, a) in group.iter().enumerate() {
                for b in &group[i + 1..] {
                    let pair = (a.id, b.id);
                    if reason == DuplicateReason::Name && told_apart(a, b) {
                        continue;
                    }
                    if !distinct.contains(&pair) && seen.insert(pair) {
                        pairs.push(pair);
                    }
                }
            }
        }
        pairs.sort_unstable();
        found.extend(pairs.into_iter().map(|(a, b)| (a, b, reason)));
        if found.len() >= limit {
            break;
        }
    }
    found.truncate(limit);
    found
}

impl Session {
    /// Customers (not archived) who may be one person, strongest reason first.
    pub fn possible_duplicates(&self, limit: u32) -> Result<Vec<Duplicate>, Error> {
        let people = self.store.identities()?;
        let distinct = self.store.distinct_pairs()?;
        let pairs = look_alikes(&people, &distinct, limit.min(MAX_DUPLICATES) as usize);
        pairs
            .into_iter()
            .map(|(a, b, reason)| Ok(Duplicate { a: self.customer(a)?.summary, b: self.customer(b)?.summary, reason }))
            .collect()
    }

    /// Records that two customers are different people: never listed together again.
    pub fn not_duplicates(&mut self, a: CustomerId, b: CustomerId) -> Result<(), Error> {
        self.customer(a)?;
        self.customer(b)?;
        if a == b {
            return Err(Error::Conflict(regulars_text::t!("error.mergeSelf")));
        }
        Ok(self.store.mark_distinct(a, b)?)
    }

    /// Merges `merged` into `kept`: sales, contacts, manual reminders, the export ids the
    /// imports know them by and their tags move to `kept`; `kept`'s details win and an email
    /// or phone `kept` lacks is taken; `merged` is archived. Undone by
    /// [`Session::split_customer`].
    pub fn merge_customers(&mut self, kept: CustomerId, merged: CustomerId) -> Result<MergeRecord, Error> {
        let kept_customer = self.customer(kept)?;
        let merged_customer = self.customer(merged)?;
        if kept == merged {
            return Err(Error::Conflict(regulars_text::t!("error.mergeSelf")));
        }
        for customer in [&kept_customer, &merged_customer] {
            if let Some(merge) = self.store.merge_of(customer.summary.id)? {
                return Err(Error::Conflict(regulars_text::t!(
                    "error.mergedAlready",
                    name = &customer.summary.name,
                    into = &merge.kept_name
                )));
            }
        }
        Ok(self.store.merge_customers(kept, merged)?)
    }

    /// Takes a merge back: the merged customer returns with what the merge moved. Returns
    /// them as they are now.
    pub fn split_customer(&mut self, merge_id: i64) -> Result<Customer, Error> {
        let Some(merge) = self.store.merge_record(merge_id)? else {
            return Err(Error::NotFound(regulars_text::t!("error.noMerge", id = merge_id.to_string())));
        };
        if merge.split_at.is_some() {
            return Err(Error::Conflict(regulars_text::t!("error.splitAlready", name = &merge.merged_name)));
        }
        // A merge of the kept customer into a third moved these rows on: split that one first.
        if let Some(later) = self.store.merge_of(merge.kept)? {
            return Err(Error::Conflict(regulars_text::t!("error.splitLaterFirst", name = &merge.kept_name, into = &later.kept_name)));
        }
        let merge = self.store.split_merge(merge_id)?;
        self.customer(merge.merged)
    }

    /// The standing merges into a customer, newest first, and the one of them into someone.
    pub fn merges_of(&self, id: CustomerId) -> Result<(Vec<MergeRecord>, Option<MergeRecord>), Error> {
        self.store.customer(id)?.ok_or_else(|| not_found(id))?;
        Ok((self.store.merges_into(id)?, self.store.merge_of(id)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(id: i64, name: &str, email: Option<&str>, phone: Option<&str>) -> Identity {
        Identity { id: CustomerId(id), name: name.into(), email: email.map(Into::into), phone_digits: phone.map(Into::into) }
    }

    #[test]
    fn look_alikes_by_email_phone_then_name_and_never_told_apart_namesakes() {
        let people = [
            person(1, "Ana Lopez", Some("ana@example.com"), None),
            person(2, "ANA  lopez", None, None),
            person(3, "Ann Lee", Some("one@example.com"), None),
            person(4, "Ann Lee", Some("two@example.com"), None),
            person(5, "Bo", None, Some("442079460000")),
            person(6, "Bob", None, Some("02079460000")),
            person(7, "A. Lopez", Some("ANA@example.com"), None),
            person(8, "Cy", None, Some("12")),
            person(9, "Di", None, Some("12")),
        ];
        let found = look_alikes(&people, &HashSet::new(), 100);
        let ids = |a: i64, b: i64, r| (CustomerId(a), CustomerId(b), r);
        assert_eq!(
            found,
            vec![ids(1, 7, DuplicateReason::Email), ids(5, 6, DuplicateReason::Phone), ids(1, 2, DuplicateReason::Name)],
            "Ann Lee and Ann Lee have two emails; a two-digit phone matches nobody"
        );
        let distinct = HashSet::from([(CustomerId(5), CustomerId(6))]);
        assert_eq!(look_alikes(&people, &distinct, 100).len(), 2);
        assert_eq!(look_alikes(&people, &HashSet::new(), 1).len(), 1);
    }
}
