//! The exact definition of every metric, in the words printed under exported charts, in the
//! meeting pack and in docs/METRICS.md (a test keeps that file in step with these).

pub const RANGE: &str = "All figures count sales dated within the chosen range (both ends included). \
A purchase is a distinct day on which a customer bought; several sales on one day are one purchase. \
Walk-in sales (no customer) count in revenue, never in customer figures.";

pub const REPEAT_RATE: &str = "Repeat customer rate: customers with 2 or more purchase days in the range, \
divided by customers with at least 1.";

pub const NEW_RETURNING: &str = "New customers in a period: their first purchase ever falls in that period. \
Returning customers: bought in the period and also before it. Their revenue is what they spent in the period.";

pub const RETURNING_RATE: &str = "Returning customer rate: returning / (returning + new) in the period.";

pub const COHORTS: &str = "Cohort: customers whose first purchase ever falls in that month (within the range). \
Month k: the share of the cohort who bought in the k-th month after it (month 0 is 100%).";

pub const PURCHASE_COUNTS: &str = "Purchase counts: customers who bought in the range, by their number of \
purchase days in the range (1, 2, 3, 4, 5 or more).";

pub const SECOND_PURCHASE: &str = "Days to second purchase: for customers whose first purchase ever is in the range, \
the days from their first to their second purchase day, if it came by the end of the range.";

pub const LOYALTY: &str = "Worth of a customer: for customers whose first purchase ever is in the range, \
their total revenue up to the end of the range divided by the revenue of their first purchase day \
(a ratio of sums). Shown for all of them and for those who came back.";

pub const FOLLOW_UP: &str = "Follow-up: customers whose first purchase ever is in the range and at least N days \
before its end. Contacted: a contact logged within N days after the first purchase, and not after the second. \
Came back: a second purchase day by the end of the range.";

pub const TOP_CUSTOMERS: &str = "Top customers: by revenue in the range.";

pub const SEGMENTS: &str = "Segments (RFM), as of the end of the range, for customers who bought in it. \
R: recency score 1-5 by fifths of days since their last purchase (most recent fifth = 5). \
F: purchase days in the range (1, 2, 3, 4-5, 6+ give 1-5). \
Champions: R 4-5 and F 4-5. Loyal: R 3-5 and F 3-5. New: one purchase, R 4-5. \
Promising: R 3-5 and F 1-2. At risk: R 1-2 and F 3-5. Hibernating: R 2 and F 1-2. Lost: R 1 and F 1-2.";

pub const PREDICTION_MODEL: &str = "Predictions come from the modified BG/NBD model (Batislam, Denizel and Filiztekin 2007; \
after Fader, Hardie and Lee 2005), fitted on this shop's own purchase days: while still a customer, each buys at their own \
steady rate, and after any purchase, the first included, may stop for good. Unlike the original BG/NBD, a customer who \
bought once long ago is not counted as certainly still a customer. Spend per visit comes from the Gamma-Gamma model. \
With fewer than 30 customers who came back, nothing is predicted and the reminders keep to their rules.";

pub const P_ALIVE: &str = "Likely still a customer: the model's chance that they have not stopped buying here, \
given how often they bought, how long ago they last came, and how long ago they first came.";

pub const EXPECTED_VALUE: &str = "Expected purchases: purchase days to expect in the next 90 days. \
Expected value: what the next 90 days would bring if they are still a customer (expected visits while a customer \
times the expected spend per visit).";

pub const MONEY_AT_RISK: &str = "Money at risk: expected value times the chance they have stopped (1 minus likely still a customer). \
The At risk list is ordered by it.";

pub const HOLDOUT: &str = "Hold-out check: the model fitted only on the purchases up to six months ago, then asked how many \
repeat purchase days those customers would make in each month since; the bars are what they made.";

/// The prediction definitions, in the order the app and docs/METRICS.md show them.
pub const PREDICTIONS: &[(&str, &str)] = &[
    ("The model", PREDICTION_MODEL),
    ("Likely still a customer", P_ALIVE),
    ("Expected purchases and value", EXPECTED_VALUE),
    ("Money at risk", MONEY_AT_RISK),
    ("Hold-out check", HOLDOUT),
];

/// All definitions in the order the meeting pack prints them.
pub const ALL: &[(&str, &str)] = &[
    ("Range", RANGE),
    ("Repeat customer rate", REPEAT_RATE),
    ("New and returning", NEW_RETURNING),
    ("Returning customer rate", RETURNING_RATE),
    ("Cohort retention", COHORTS),
    ("Purchase counts", PURCHASE_COUNTS),
    ("Days to second purchase", SECOND_PURCHASE),
    ("Worth of a customer", LOYALTY),
    ("Follow-up", FOLLOW_UP),
    ("Top customers", TOP_CUSTOMERS),
    ("Segments", SEGMENTS),
];
