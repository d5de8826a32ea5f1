//! The exact definition of every metric, in the words printed under exported charts, in the
//! meeting pack and in docs/METRICS.md (a test keeps that file in step with the English catalog).
//! The words are catalog messages (`definition.*` in locales/en.json).

use regulars_text::t;

/// A metric or prediction whose definition is printed for the owner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Definition {
    Range,
    RepeatRate,
    NewReturning,
    ReturningRate,
    Cohorts,
    PurchaseCounts,
    SecondPurchase,
    Loyalty,
    FollowUp,
    TopCustomers,
    Segments,
    PredictionModel,
    PAlive,
    ExpectedValue,
    MoneyAtRisk,
    Holdout,
}

impl Definition {
    /// Its name, as a heading.
    pub fn name(self) -> String {
        match self {
            Definition::Range => t!("definition.range"),
            Definition::RepeatRate => t!("definition.repeatRate"),
            Definition::NewReturning => t!("definition.newReturning"),
            Definition::ReturningRate => t!("definition.returningRate"),
            Definition::Cohorts => t!("definition.cohorts"),
            Definition::PurchaseCounts => t!("definition.purchaseCounts"),
            Definition::SecondPurchase => t!("definition.secondPurchase"),
            Definition::Loyalty => t!("definition.loyalty"),
            Definition::FollowUp => t!("definition.followUp"),
            Definition::TopCustomers => t!("definition.topCustomers"),
            Definition::Segments => t!("definition.segments"),
            Definition::PredictionModel => t!("definition.predictionModel"),
            Definition::PAlive => t!("definition.pAlive"),
            Definition::ExpectedValue => t!("definition.expectedValue"),
            Definition::MoneyAtRisk => t!("definition.moneyAtRisk"),
            Definition::Holdout => t!("definition.holdout"),
        }
    }

    /// Its definition, in full sentences.
    pub fn text(self) -> String {
        match self {
            Definition::Range => t!("definition.range.text"),
            Definition::RepeatRate => t!("definition.repeatRate.text"),
            Definition::NewReturning => t!("definition.newReturning.text"),
            Definition::ReturningRate => t!("definition.returningRate.text"),
            Definition::Cohorts => t!("definition.cohorts.text"),
            Definition::PurchaseCounts => t!("definition.purchaseCounts.text"),
            Definition::SecondPurchase => t!("definition.secondPurchase.text"),
            Definition::Loyalty => t!("definition.loyalty.text"),
            Definition::FollowUp => t!("definition.followUp.text"),
            Definition::TopCustomers => t!("definition.topCustomers.text"),
            Definition::Segments => t!("definition.segments.text"),
            Definition::PredictionModel => t!("definition.predictionModel.text"),
            Definition::PAlive => t!("definition.pAlive.text"),
            Definition::ExpectedValue => t!("definition.expectedValue.text"),
            Definition::MoneyAtRisk => t!("definition.moneyAtRisk.text"),
            Definition::Holdout => t!("definition.holdout.text"),
        }
    }
}

/// The prediction definitions, in the order the app and docs/METRICS.md show them.
pub const PREDICTIONS: &[Definition] =
    &[Definition::PredictionModel, Definition::PAlive, Definition::ExpectedValue, Definition::MoneyAtRisk, Definition::Holdout];

/// All definitions in the order the meeting pack prints them.
pub const ALL: &[Definition] = &[
    Definition::Range,
    Definition::RepeatRate,
    Definition::NewReturning,
    Definition::ReturningRate,
    Definition::Cohorts,
    Definition::PurchaseCounts,
    Definition::SecondPurchase,
    Definition::Loyalty,
    Definition::FollowUp,
    Definition::TopCustomers,
    Definition::Segments,
];
