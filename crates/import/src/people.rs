//! The people a file names, each kept once for the whole import with the cells that named them
//! (so that the next row naming them finds them by those cells), and what a row's cells made of
//! them: a person, a walk-in, or cells that refuse the row.

use rustc_hash::FxHashMap;

/// A person a row names, as [`crate::customer_of`] made them from its cells: validated (the
/// name is never empty), made once for each person the file names and then kept in [`People`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Person {
    pub(crate) external_id: Option<String>,
    pub(crate) draft_name: String,
    pub(crate) email: Option<String>,
    pub(crate) phone: Option<String>,
    pub(crate) more: Option<Box<More>>,
}

impl Person {
    pub(crate) fn notes(&self) -> &str {
        self.more.as_ref().map_or("", |more| more.notes.as_str())
    }

    pub(crate) fn tags(&self) -> &[String] {
        self.more.as_ref().map_or(&[], |more| more.tags.as_slice())
    }
}

/// What a few customers of a file have besides a name and contact details.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct More {
    pub notes: String,
    pub tags: Vec<String>,
}

/// What the cells a row names someone with made: who, when they name someone.
#[derive(Debug)]
pub(crate) enum Named {
    Person(Person),
    /// No one (every cell empty or a placeholder).
    WalkIn,
    /// Cells that refuse the row (the caller keeps why).
    Refused,
}

/// What a number among [`People`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Person,
    WalkIn,
    Refused,
}

/// Each person a file names, numbered 0, 1, … in the order the file names them, and the
/// cells that named each (their identity, see [`write_identity`]: a customers file's people
/// have none); a number is also given to the cells of a walk-in and to cells that refuse their
/// row, so that no row's cells are validated twice. One record a number, one after another in
/// one text: the identity, what the number is, then the person's texts, each after its length,
/// and where each record starts. About 12 bytes a person besides the texts, once each: a list
/// of where each person's texts lay (32 bytes a person) and the identities in a buffer of their
/// own, with where each ended and its outcome (8 more), took 34 MB and 8 MB of the peak of the
/// dry run of a Stripe export naming a million people, and their identities were the texts of
/// their ids a second time (`heaptrack`); a person in an `Arc` with each text boxed, about 190
/// bytes.
#[derive(Debug, Clone, Default)]
pub struct People {
    records: String,
    starts: Vec<u64>,
    /// The few people who have notes or tags, by number.
    more: FxHashMap<u32, Box<More>>,
}

/// What a record says a number is after its identity: a person's mark is `PERSON` plus which
/// texts they have besides a name (one bit each: external id, email, phone, notes or tags).
const PERSON: u8 = b'@';
const WALK_IN: u8 = b'w';
const REFUSED: u8 = b'r';
const EXTERNAL_ID: u8 = 1;
const EMAIL: u8 = 2;
const PHONE: u8 = 4;
const MORE: u8 = 8;

impl People {
    /// How many numbers are given: the people the file names, and the cells of walk-ins and of
    /// refused rows.
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// Keeps `person`, named by no cells (a customers file's), with the next number, which it
    /// returns.
    pub(crate) fn push(&mut self, person: Person) -> u32 {
        self.keep("", Named::Person(person))
    }

    /// Keeps what the cells `identity` named, with the next number, which it returns.
    pub(crate) fn keep(&mut self, identity: &str, named: Named) -> u32 {
        // Fewer numbers than rows, and a file's rows are counted in `u32`.
        let number = u32::try_from(self.starts.len()).unwrap_or(u32::MAX);
        self.starts.push(self.records.len() as u64);
        push_text(&mut self.records, identity);
        match named {
            Named::WalkIn => self.records.push(char::from(WALK_IN)),
            Named::Refused => self.records.push(char::from(REFUSED)),
            Named::Person(Person { external_id, draft_name, email, phone, more }) => {
                let has = |text: &Option<String>, bit: u8| if text.is_some() { bit } else { 0 };
                let texts = has(&external_id, EXTERNAL_ID) | has(&email, EMAIL) | has(&phone, PHONE);
                self.records.push(char::from(PERSON + texts + if more.is_some() { MORE } else { 0 }));
                for text in [external_id, Some(draft_name), email, phone].into_iter().flatten() {
                    push_person_text(&mut self.records, identity, &text);
                }
                if let Some(more) = more {
                    self.more.insert(number, more);
                }
            }
        }
        number
    }

    /// The identity of the number `number` (below [`People::len`]) and what its record says
    /// after it.
    fn record(&self, number: u32) -> (&str, u8, &str) {
        let (identity, rest) = split_text(&self.records[self.starts[number as usize] as usize..]);
        (identity, rest.as_bytes()[0], &rest[1..])
    }

    /// The cells that named the number `number` (empty: none did).
    pub(crate) fn identity(&self, number: u32) -> &str {
        self.record(number).0
    }

    /// What the number `number` is.
    pub(crate) fn kind(&self, number: u32) -> Kind {
        match self.record(number).1 {
            WALK_IN => Kind::WalkIn,
            REFUSED => Kind::Refused,
            _ => Kind::Person,
        }
    }

    /// The person numbered `number` (below [`People::len`]; a walk-in's or refused cells'
    /// number is no one: no texts, an empty name).
    pub fn get(&self, number: u32) -> CustomerRef<'_> {
        let (identity, mark, mut rest) = self.record(number);
        let has = match mark {
            WALK_IN | REFUSED => {
                debug_assert!(false, "number {number} is no one");
                return CustomerRef { external_id: None, draft_name: "", email: None, phone: None, more: None, number };
            }
            person => person - PERSON,
        };
        let mut next = |present: bool| {
            present.then(|| {
                let (text, after) = split_person_text(rest, identity);
                rest = after;
                text
            })
        };
        CustomerRef {
            external_id: next(has & EXTERNAL_ID != 0),
            draft_name: next(true).unwrap_or(""),
            email: next(has & EMAIL != 0),
            phone: next(has & PHONE != 0),
            more: if has & MORE != 0 { self.more.get(&number).map(|more| &**more) } else { None },
            number,
        }
    }
}

/// Who bought, as the file names them (see [`People`]). Validated: the name is never empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CustomerRef<'a> {
    /// The export's own customer id, qualified by the preset (`square:ABC`).
    pub external_id: Option<&'a str>,
    pub draft_name: &'a str,
    pub email: Option<&'a str>,
    pub phone: Option<&'a str>,
    /// Notes (an email or phone that is not one, kept as text; a customers file's notes) and
    /// tags (a customers file's), when there are any.
    more: Option<&'a More>,
    /// Which of the file's people this is, below [`People::len`]: a plan keeps what it found
    /// for each in a list by number rather than a map.
    pub number: u32,
}

impl<'a> CustomerRef<'a> {
    pub fn notes(&self) -> &'a str {
        self.more.map_or("", |more| more.notes.as_str())
    }

    pub fn tags(&self) -> &'a [String] {
        self.more.map_or(&[], |more| more.tags.as_slice())
    }
}

/// The cells that name a customer (id, first or whole name, last name, email, phone) as one
/// identity in `out`: each after its length, so that no two rows with different cells have the
/// same identity, however the same letters are split between them. An id is written as the
/// person's external id is (after `source` and a colon, when there is one), so that a person's
/// record need not hold it twice (see [`People::keep`]).
pub(crate) fn write_identity(out: &mut String, source: &str, [id, rest @ ..]: [&str; 5]) {
    out.clear();
    if id.is_empty() {
        push_text(out, id);
    } else {
        push_len(out, source.len() + 1 + id.len());
        out.extend([source, ":", id]);
    }
    for text in rest {
        push_text(out, text);
    }
}

/// Writes `text` after its length (see [`push_len`]).
fn push_text(out: &mut String, text: &str) {
    push_len(out, text.len());
    out.push_str(text);
}

/// Writes a text's length `len`, in letters (a text stays a text): five bits a letter, the
/// lowest first, each but the last from `0x60` (one letter below 32 bytes, never a digit).
fn push_len(out: &mut String, mut len: usize) {
    while len >= 32 {
        out.push(char::from(0x60 | (len & 31) as u8));
        len >>= 5;
    }
    out.push(char::from(0x40 | len as u8));
}

/// The text [`push_text`] wrote at the start of `written`, and what follows it.
fn split_text(written: &str) -> (&str, &str) {
    let (mut len, mut shift) = (0usize, 0);
    for (at, letter) in written.bytes().enumerate() {
        len |= usize::from(letter & 31) << shift;
        if letter < 0x60 {
            return written[at + 1..].split_at(len);
        }
        shift += 5;
    }
    unreachable!("a text is written after its length")
}

/// The cells of an identity that [`write_identity`] wrote (none for a customers file's people).
fn cells(identity: &str) -> impl Iterator<Item = &str> + '_ {
    let mut rest = identity;
    std::iter::from_fn(move || {
        (!rest.is_empty()).then(|| {
            let (cell, after) = split_text(rest);
            rest = after;
            cell
        })
    })
}

/// Writes a person's `text`: the digit of the cell of `identity` it is equal to, or the text
/// after its length.
fn push_person_text(out: &mut String, identity: &str, text: &str) {
    match cells(identity).position(|cell| cell == text && !cell.is_empty()) {
        // Five cells at most.
        Some(cell) => out.push(char::from(b'0' + cell as u8)),
        None => push_text(out, text),
    }
}

/// The person's text [`push_person_text`] wrote at the start of `written`, and what follows it.
fn split_person_text<'a>(written: &'a str, identity: &'a str) -> (&'a str, &'a str) {
    match written.as_bytes()[0] {
        digit @ b'0'..=b'4' => (cells(identity).nth(usize::from(digit - b'0')).unwrap_or(""), &written[1..]),
        _ => split_text(written),
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn text() -> impl Strategy<Value = Option<String>> {
        // Empty texts, texts with several bytes to a character, and none at all, from few
        // letters: often equal to a cell that named the person.
        proptest::option::of("[aé€ ]{0,3}")
    }

    /// A text of any length is given back after its length, whatever follows it.
    #[test]
    fn texts_are_given_back_after_their_length() {
        for len in [0, 1, 31, 32, 33, 1023, 1024, 1025, 100_000] {
            let text = "é".repeat(len / 2) + &"x".repeat(len % 2);
            let mut written = String::new();
            push_text(&mut written, &text);
            push_text(&mut written, "next");
            let (read, rest) = split_text(&written);
            assert_eq!((read.len(), read == text), (text.len(), true));
            assert_eq!(split_text(rest), ("next", ""));
        }
    }

    /// A person's texts that are the cells that named them are kept once, in the identity:
    /// besides it, a Stripe customer named by their id and email is three letters and a name.
    #[test]
    fn a_persons_cells_are_kept_once() {
        let mut identity = String::new();
        write_identity(&mut identity, "stripe", ["cus_123456", "", "", "ann@example.com", ""]);
        let mut people = People::default();
        let person = |email: &str| Person {
            external_id: Some("stripe:cus_123456".into()),
            draft_name: "Customer cus_123456".into(),
            email: Some(email.into()),
            ..Person::default()
        };
        let first = people.keep(&identity, Named::Person(person("ann@example.com")));
        let once = people.records.len();
        let second = people.keep(&identity, Named::Person(person("bob@example.com")));
        assert_eq!(once, (2 + 18 + 2 + 16 + 1) + 1 + 1 + 20 + 1, "the id and the email once: {:?}", people.records);
        assert_eq!(people.records.len() - once, once + 15, "another email is kept on its own");
        assert_eq!((people.get(first).external_id, people.get(first).email), (Some("stripe:cus_123456"), Some("ann@example.com")));
        assert_eq!((people.get(second).external_id, people.get(second).email), (Some("stripe:cus_123456"), Some("bob@example.com")));
    }

    proptest! {
        /// Each person kept gives back exactly their texts, an empty text as empty and a text
        /// they do not have as none, and the cells that named them, however their neighbours'
        /// texts run into theirs; a walk-in's and refused cells' numbers say what they are.
        #[test]
        fn people_give_back_what_they_were_given(
            given in proptest::collection::vec(
                (text(), "[aé€ ]{1,3}", text(), text(), any::<bool>(), proptest::array::uniform5("[aé€ ]{0,3}"), 0u8..6),
                0..40,
            )
        ) {
            let mut people = People::default();
            let mut kept = Vec::new();
            let mut identity = String::new();
            for (external_id, draft_name, email, phone, more, cells, kind) in given {
                // An id as a row's makes it, often.
                let external_id = external_id.map(|id| if id == "a" { format!("é:{}", cells[0]) } else { id });
                let person = Person {
                    external_id,
                    draft_name,
                    email,
                    phone,
                    more: more.then(|| Box::new(More { notes: "kept".into(), tags: vec!["vip".into()] })),
                };
                let (named, kind) = match kind {
                    0 => (Named::WalkIn, Kind::WalkIn),
                    1 => (Named::Refused, Kind::Refused),
                    _ => (Named::Person(person.clone()), Kind::Person),
                };
                // Named by no cells (a customers file's), or by cells written as a row's are.
                let number = if cells[0] == "a" && kind == Kind::Person {
                    identity.clear();
                    people.push(person.clone())
                } else {
                    write_identity(&mut identity, "é", cells.each_ref().map(String::as_str));
                    people.keep(&identity, named)
                };
                kept.push((person, identity.clone(), kind));
                prop_assert_eq!(number as usize, kept.len() - 1);
            }
            prop_assert_eq!(people.len(), kept.len());
            for (number, (person, identity, kind)) in kept.iter().enumerate() {
                let number = number as u32;
                prop_assert_eq!(people.identity(number), identity.as_str());
                prop_assert_eq!(people.kind(number), *kind);
                if *kind != Kind::Person {
                    continue;
                }
                let got = people.get(number);
                prop_assert_eq!(got.number, number);
                prop_assert_eq!(got.external_id, person.external_id.as_deref());
                prop_assert_eq!(got.draft_name, person.draft_name.as_str());
                prop_assert_eq!(got.email, person.email.as_deref());
                prop_assert_eq!(got.phone, person.phone.as_deref());
                prop_assert_eq!(got.notes(), person.notes());
                prop_assert_eq!(got.tags(), person.tags());
            }
        }
    }
}
