//! The shop's customers as an import matches them: by external id, email, phone and name.
//! Every text is kept once, one after another in one buffer, and found through a table of
//! places: a shop of a million customers held them as maps of `String`s (each key's 24 bytes
//! and its allocation on every slot, a list of ids for every name, a list of source names for
//! every customer): the dry run of a 10M-row file into the shop it had been imported into
//! peaked at 1212 MB, against 754 MB for the first import.

use std::hash::BuildHasher as _;

use regulars_domain::CustomerId;
use rustc_hash::FxBuildHasher;

use crate::StoreError;

/// Texts that name customers (several customers may share one), found by their text.
#[derive(Debug, Default)]
struct Texts {
    text: String,
    /// Where each text lies in `text` (start, length) and whom it names, in the order given.
    entries: Vec<(u32, u32, CustomerId)>,
    /// Places in `entries`, by the hash of their text.
    table: hashbrown::HashTable<u32>,
}

impl Texts {
    fn text_of(&self, entry: u32) -> &str {
        let (start, len, _) = self.entries[entry as usize];
        &self.text[start as usize..(start + len) as usize]
    }

    /// Says that `key` names `id` (after everyone it named before).
    fn add(&mut self, key: &str, id: CustomerId) -> Result<(), StoreError> {
        let too_many = || StoreError::Unsupported(regulars_text::t!("store.tooManyToMatch"));
        let start = u32::try_from(self.text.len()).map_err(|_| too_many())?;
        let len = u32::try_from(key.len()).map_err(|_| too_many())?;
        let entry = u32::try_from(self.entries.len()).map_err(|_| too_many())?;
        start.checked_add(len).ok_or_else(too_many)?;
        self.text.push_str(key);
        self.entries.push((start, len, id));
        let hash = FxBuildHasher.hash_one(key);
        let Texts { text, entries, table } = self;
        table.insert_unique(hash, entry, |&e| {
            let (start, len, _) = entries[e as usize];
            FxBuildHasher.hash_one(&text[start as usize..(start + len) as usize])
        });
        Ok(())
    }

    /// Everyone `key` names, in the order they were given.
    fn all(&self, key: &str) -> Vec<CustomerId> {
        let mut found: Vec<u32> =
            self.table.iter_hash(FxBuildHasher.hash_one(key)).copied().filter(|&entry| self.text_of(entry) == key).collect();
        found.sort_unstable();
        found.into_iter().map(|entry| self.entries[entry as usize].2).collect()
    }

    /// The first one `key` was given for.
    fn first(&self, key: &str) -> Option<CustomerId> {
        self.table
            .iter_hash(FxBuildHasher.hash_one(key))
            .copied()
            .filter(|&entry| self.text_of(entry) == key)
            .min()
            .map(|entry| self.entries[entry as usize].2)
    }
}

/// Existing customers by each thing an import can match on, in the order it tries them.
#[derive(Debug, Default)]
pub struct CustomerLookup {
    external_ids: Texts,
    emails: Texts,
    /// By [`phone_match_key`].
    phones: Texts,
    names: Texts,
    /// Each customer's email and phone match key (where they have either): their places in
    /// `emails` and `phones` (`u32::MAX`: none), sorted by customer.
    contacts: Vec<(CustomerId, u32, u32)>,
    /// The sources of each customer's external ids, by their place in `source_names`, sorted
    /// by customer: a shop has a handful of sources.
    sources: Vec<(CustomerId, u32)>,
    source_names: Vec<String>,
}

/// The part of a phone number two spellings share: its last nine digits, so that
/// `07700 900123` and `+44 7700 900123` are the same phone.
pub fn phone_match_key(digits: &str) -> &str {
    &digits[digits.len().saturating_sub(9)..]
}

impl CustomerLookup {
    /// The customer with this external id (`square-items:C9`).
    pub fn by_external_id(&self, external_id: &str) -> Option<CustomerId> {
        self.external_ids.first(external_id)
    }

    /// The first (oldest) customer with this email.
    pub fn by_email(&self, email: &str) -> Option<CustomerId> {
        self.emails.first(email)
    }

    /// The first (oldest) customer with this phone, by its [`phone_match_key`].
    pub fn by_phone_digits(&self, key: &str) -> Option<CustomerId> {
        self.phones.first(key)
    }

    /// Every customer of this name, oldest first (namesakes are different people unless their
    /// contact details agree).
    pub fn by_name(&self, name: &str) -> Vec<CustomerId> {
        let mut ids = self.names.all(name);
        let mut seen = std::collections::HashSet::new();
        ids.retain(|id| seen.insert(*id));
        ids
    }

    /// A customer's email and phone match key, when they have either.
    pub fn contact(&self, id: CustomerId) -> Option<(Option<&str>, Option<&str>)> {
        let at = self.contacts.binary_search_by_key(&id, |&(owner, _, _)| owner).ok()?;
        let (_, email, phone) = self.contacts[at];
        fn text(texts: &Texts, entry: u32) -> Option<&str> {
            (entry != u32::MAX).then(|| texts.text_of(entry))
        }
        Some((text(&self.emails, email), text(&self.phones, phone)))
    }

    /// The sources (`square-items`, `regulars`, ...) a customer has an external id from.
    pub fn sources_of(&self, id: CustomerId) -> impl Iterator<Item = &str> {
        let start = self.sources.partition_point(|&(owner, _)| owner < id);
        self.sources[start..]
            .iter()
            .take_while(move |&&(owner, _)| owner == id)
            .map(|&(_, source)| self.source_names[source as usize].as_str())
    }

    /// Adds a customer of the shop (`id`: whom they were merged into, if they were), in the
    /// order of their own ids: the first with an email, a phone or a name wins a tie.
    pub(crate) fn add_customer(
        &mut self,
        own: CustomerId,
        id: CustomerId,
        name: &str,
        email: Option<&str>,
        phone_key: Option<&str>,
    ) -> Result<(), StoreError> {
        self.names.add(name, id)?;
        let email_entry = match email {
            Some(email) => {
                self.emails.add(email, id)?;
                self.emails.entries.len() as u32 - 1
            }
            None => u32::MAX,
        };
        let phone_entry = match phone_key {
            Some(key) => {
                self.phones.add(key, id)?;
                self.phones.entries.len() as u32 - 1
            }
            None => u32::MAX,
        };
        if own == id && (email.is_some() || phone_key.is_some()) {
            self.contacts.push((id, email_entry, phone_entry));
        }
        Ok(())
    }

    /// Adds an external id of a customer of the shop (`id`: whom they were merged into).
    pub(crate) fn add_external_id(&mut self, external_id: &str, id: CustomerId) -> Result<(), StoreError> {
        if let Some((source, _)) = external_id.split_once(':') {
            let place = match self.source_names.iter().position(|known| known == source) {
                Some(place) => place,
                None => {
                    self.source_names.push(source.to_owned());
                    self.source_names.len() - 1
                }
            };
            self.sources.push((id, place as u32));
        }
        self.external_ids.add(external_id, id)
    }

    /// Once every customer and external id is in: ready to be asked.
    pub(crate) fn finish(&mut self) {
        // Stable: a customer's entries keep their order.
        self.contacts.sort_by_key(|&(id, _, _)| id);
        self.sources.sort_by_key(|&(id, _)| id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each question gets what maps of the same texts would answer: the first customer given
    /// an email, a phone or an external id; every customer of a name, oldest first, once
    /// each; each customer's contact and sources.
    #[test]
    fn a_lookup_answers_as_maps_of_the_same_texts_would() {
        let mut lookup = CustomerLookup::default();
        let mut names: std::collections::HashMap<String, Vec<CustomerId>> = Default::default();
        let mut emails: std::collections::HashMap<String, CustomerId> = Default::default();
        for n in 0..20_000i64 {
            let own = CustomerId(n + 1);
            // Every 7th was merged into the customer before them.
            let id = if n % 7 == 6 { CustomerId(n) } else { own };
            let name = format!("Name {}", n % 5_003);
            let email = (n % 3 != 0).then(|| format!("p{}@example.com", n % 4_001));
            lookup.add_customer(own, id, &name, email.as_deref(), None).expect("add");
            let namesakes = names.entry(name).or_default();
            if !namesakes.contains(&id) {
                namesakes.push(id);
            }
            if let Some(email) = email {
                emails.entry(email).or_insert(id);
            }
            lookup.add_external_id(&format!("{}:{n}", ["shopify", "square-items", "regulars"][n as usize % 3]), id).expect("add");
            if n % 10 == 0 {
                lookup.add_external_id(&format!("nosource{n}"), id).expect("add");
            }
        }
        lookup.finish();
        for (name, ids) in &names {
            assert_eq!(&lookup.by_name(name), ids, "{name}");
        }
        for (email, id) in &emails {
            assert_eq!(lookup.by_email(email), Some(*id), "{email}");
        }
        assert_eq!(lookup.by_name("Name 5003"), Vec::<CustomerId>::new());
        assert_eq!(lookup.by_email("p4001@example.com"), None);
        assert_eq!(lookup.by_external_id("shopify:3"), Some(CustomerId(4)));
        assert_eq!(lookup.by_external_id("shopify:6"), Some(CustomerId(6)), "merged into the one before");
        assert_eq!(lookup.by_external_id("shopify:4"), None);
        assert_eq!(lookup.by_external_id("nosource10"), Some(CustomerId(11)));
        assert_eq!(lookup.sources_of(CustomerId(11)).collect::<Vec<_>>(), ["square-items"]);
        assert_eq!(lookup.sources_of(CustomerId(6)).collect::<Vec<_>>(), ["regulars", "shopify"], "its own and the merged one's");
        assert_eq!(lookup.contact(CustomerId(2)), Some((Some("p1@example.com"), None)));
        assert_eq!(lookup.contact(CustomerId(1)), None, "no email, no phone");
        assert_eq!(lookup.contact(CustomerId(7)), None, "merged: the kept customer's details speak");
    }
}
