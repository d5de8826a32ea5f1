//! Who is slipping away, by the statistics of repeat buying.
//!
//! The BG/NBD model (Fader, Hardie and Lee, "Counting Your Customers the Easy Way",
//! Marketing Science 2005): while alive, a customer buys at a Poisson rate λ (gamma
//! distributed across customers, shape `r`, rate `alpha`); after each purchase they may drop
//! out for good with probability p (beta distributed, `a`, `b`). From each customer's
//! repeat purchases `x`, the time of their last purchase `t_x` and their age `T` (both since
//! their first purchase) it gives the chance they are still a customer and the purchases to
//! expect.
//!
//! In BG/NBD a customer can only drop out right after a repeat purchase, so everyone who
//! bought once and never again is "alive" with probability 1, however long ago that was —
//! useless in a shop where most first-time buyers never come back. We score the shop with the
//! MBG/NBD variant (Batislam, Denizel and Filiztekin 2007), in which a customer may also drop
//! out right after the first purchase: a one-time buyer of long ago gets a low chance, a
//! recent one a high chance. BG/NBD is kept for reproducing the paper's published estimates.
//!
//! The Gamma-Gamma model (Fader, Hardie and Lee, "RFM and CLV", 2005) adds spend: each
//! customer's mean spend per purchase, shrunk towards the shop's according to how many
//! purchases it rests on.
//!
//! Fitting is maximum likelihood with argmin's Nelder-Mead on the logarithms of the
//! parameters (so they stay positive); log-gamma comes from libm.

use argmin::core::{CostFunction, Executor, State};
use argmin::solver::neldermead::NelderMead;
use serde::Serialize;

/// One customer's history in model time (`unit` of [`Fit`], weeks for a shop).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rfm {
    /// Repeat purchases: purchase days after the first.
    pub x: f64,
    /// From the first purchase to the last.
    pub t_x: f64,
    /// From the first purchase to the day of the prediction.
    pub t: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Variant {
    /// Fader, Hardie and Lee 2005.
    BgNbd,
    /// Batislam, Denizel and Filiztekin 2007: drop-out possible after the first purchase too.
    MbgNbd,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename_all = "camelCase"))]
pub struct BgParams {
    pub r: f64,
    pub alpha: f64,
    pub a: f64,
    pub b: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename_all = "camelCase"))]
pub struct BgFit {
    pub variant: Variant,
    pub params: BgParams,
    /// Of the whole sample, at the estimates.
    pub log_likelihood: f64,
    pub customers: usize,
    pub iterations: u64,
}

/// Why a model could not be fitted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FitError {
    /// Too few customers (or too few who came back) to say anything with confidence.
    TooLittleHistory { repeat_customers: usize, needed: usize },
    /// The optimiser failed or ended on a point that is not a likelihood.
    NoEstimate(String),
}

impl std::fmt::Display for FitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FitError::TooLittleHistory { repeat_customers, needed } => {
                f.write_str(&regulars_text::t!("outlook.tooFewBack", count = *repeat_customers, needed = *needed))
            }
            FitError::NoEstimate(why) => f.write_str(&regulars_text::t!("outlook.noEstimate", why = why)),
        }
    }
}

/// The fewest customers with a repeat purchase a fit is trusted on.
pub const MIN_REPEAT_CUSTOMERS: usize = 30;

fn ln_gamma(x: f64) -> f64 {
    libm::lgamma(x)
}

fn ln_beta(a: f64, b: f64) -> f64 {
    ln_gamma(a) + ln_gamma(b) - ln_gamma(a + b)
}

/// ln(e^x + e^y) without overflow.
fn log_add(x: f64, y: f64) -> f64 {
    let (hi, lo) = if x > y { (x, y) } else { (y, x) };
    if lo == f64::NEG_INFINITY { hi } else { hi + (lo - hi).exp().ln_1p() }
}

/// A customer's log-likelihood from the terms of their `x` (see [`BgParams::terms`]), the power
/// `r + x`, and ln(alpha + T), ln(alpha + t_x).
fn combine((common, alive, dropped): (f64, f64, f64), power: f64, ln_age: f64, ln_last: f64) -> f64 {
    let survive = alive - power * ln_age;
    let gone = if dropped == f64::NEG_INFINITY { dropped } else { dropped - power * ln_last };
    common + log_add(survive, gone)
}

impl BgParams {
    /// The parts of the log-likelihood that depend on `x` only: the common term, and the
    /// constants of the "still alive" and "dropped out" terms (−∞ when there is none).
    fn terms(&self, variant: Variant, x: f64) -> (f64, f64, f64) {
        let BgParams { r, alpha, a, b } = *self;
        let common = ln_gamma(r + x) - ln_gamma(r) + r * alpha.ln();
        let base = ln_beta(a, b);
        match variant {
            Variant::BgNbd => {
                let dropped = if x > 0.0 { ln_beta(a + 1.0, b + x - 1.0) - base } else { f64::NEG_INFINITY };
                (common, ln_beta(a, b + x) - base, dropped)
            }
            Variant::MbgNbd => (common, ln_beta(a, b + x + 1.0) - base, ln_beta(a + 1.0, b + x) - base),
        }
    }

    /// One customer's log-likelihood.
    pub fn log_likelihood(&self, variant: Variant, c: &Rfm) -> f64 {
        let (common, alive, dropped) = self.terms(variant, c.x);
        combine((common, alive, dropped), self.r + c.x, (self.alpha + c.t).ln(), (self.alpha + c.t_x).ln())
    }

    /// The odds that the customer dropped out, against still being a customer.
    fn dropout_odds(&self, variant: Variant, c: &Rfm) -> f64 {
        let BgParams { r, alpha, a, b } = *self;
        let ratio_ln = (r + c.x) * ((alpha + c.t).ln() - (alpha + c.t_x).ln());
        match variant {
            Variant::BgNbd if c.x == 0.0 => 0.0,
            Variant::BgNbd => a / (b + c.x - 1.0) * ratio_ln.exp(),
            Variant::MbgNbd => a / (b + c.x) * ratio_ln.exp(),
        }
    }

    /// The chance the customer is still a customer at age `c.t`.
    pub fn p_alive(&self, variant: Variant, c: &Rfm) -> f64 {
        1.0 / (1.0 + self.dropout_odds(variant, c))
    }

    /// Purchases to expect in the next `horizon` (model time), given the history.
    pub fn expected_purchases(&self, variant: Variant, c: &Rfm, horizon: f64) -> f64 {
        self.expected_purchases_if_alive(variant, c, horizon) * self.p_alive(variant, c)
    }

    /// Purchases to expect in the next `horizon` if the customer is still a customer.
    pub fn expected_purchases_if_alive(&self, variant: Variant, c: &Rfm, horizon: f64) -> f64 {
        let BgParams { r, alpha, a, b } = *self;
        let x = c.x;
        // At a = 1 exactly the closed form divides by zero; a hair away it is continuous.
        let a = if (a - 1.0).abs() < 1e-9 { 1.0 + 1e-9 } else { a };
        let (lead, b2, c2) = match variant {
            Variant::BgNbd => ((a + b + x - 1.0) / (a - 1.0), b + x, a + b + x - 1.0),
            Variant::MbgNbd => ((a + b + x) / (a - 1.0), b + x + 1.0, a + b + x),
        };
        let z = horizon / (alpha + c.t + horizon);
        let shrink = ((alpha + c.t) / (alpha + c.t + horizon)).powf(r + x);
        (lead * (1.0 - shrink * hyp2f1(r + x, b2, c2, z))).max(0.0)
    }
}

/// Gauss's hypergeometric series 2F1(a, b; c; z) for 0 <= z < 1, summed until the terms stop
/// mattering. (No well-kept Rust crate offers it; the series is the textbook definition, and
/// every z here is t / (alpha + T + t) < 1.)
fn hyp2f1(a: f64, b: f64, c: f64, z: f64) -> f64 {
    let (mut term, mut sum) = (1.0, 1.0);
    for k in 0..100_000 {
        let k = f64::from(k);
        term *= (a + k) * (b + k) / ((c + k) * (k + 1.0)) * z;
        sum += term;
        if term.abs() < 1e-15 * sum.abs() {
            break;
        }
    }
    sum
}

/// Customers grouped by identical histories, and the groups by repeat purchases, so that the
/// likelihood computes the terms of each `x` once and each history once. Ages and last
/// purchases take few distinct values (whole days), so their logarithms are computed once per
/// distinct value too.
struct Sample {
    /// Distinct values of `t` and of `t_x`.
    ages: Vec<f64>,
    lasts: Vec<f64>,
    by_x: Vec<(f64, Vec<History>)>,
}

/// A history of the sample: index into `lasts`, index into `ages`, and how many customers
/// have it.
type History = (u32, u32, f64);

fn distinct(mut values: Vec<f64>) -> Vec<f64> {
    values.sort_by(f64::total_cmp);
    values.dedup();
    values
}

fn position(values: &[f64], value: f64) -> u32 {
    values.partition_point(|v| *v < value) as u32
}

impl Sample {
    fn new(data: &[Rfm]) -> Sample {
        let ages = distinct(data.iter().map(|c| c.t).collect());
        let lasts = distinct(data.iter().map(|c| c.t_x).collect());
        let mut sorted: Vec<Rfm> = data.to_vec();
        sorted.sort_by(|p, q| p.x.total_cmp(&q.x).then(p.t_x.total_cmp(&q.t_x)).then(p.t.total_cmp(&q.t)));
        let mut by_x: Vec<(f64, Vec<History>)> = Vec::new();
        for c in sorted {
            if by_x.last().is_none_or(|(x, _)| *x != c.x) {
                by_x.push((c.x, Vec::new()));
            }
            let row = (position(&lasts, c.t_x), position(&ages, c.t));
            if let Some((_, rows)) = by_x.last_mut() {
                match rows.last_mut() {
                    Some((last, age, n)) if (*last, *age) == row => *n += 1.0,
                    _ => rows.push((row.0, row.1, 1.0)),
                }
            }
        }
        Sample { ages, lasts, by_x }
    }

    fn log_likelihood(&self, params: &BgParams, variant: Variant) -> f64 {
        let ln_ages: Vec<f64> = self.ages.iter().map(|t| (params.alpha + t).ln()).collect();
        let ln_lasts: Vec<f64> = self.lasts.iter().map(|t| (params.alpha + t).ln()).collect();
        let mut total = 0.0;
        for (x, rows) in &self.by_x {
            let terms = params.terms(variant, *x);
            let power = params.r + x;
            for &(last, age, n) in rows {
                total += n * combine(terms, power, ln_ages[age as usize], ln_lasts[last as usize]);
            }
        }
        total
    }
}

struct BgCost<'a> {
    sample: &'a Sample,
    variant: Variant,
}

fn from_logs(p: &[f64]) -> BgParams {
    BgParams { r: p[0].exp(), alpha: p[1].exp(), a: p[2].exp(), b: p[3].exp() }
}

impl CostFunction for BgCost<'_> {
    type Param = Vec<f64>;
    type Output = f64;

    fn cost(&self, p: &Vec<f64>) -> Result<f64, argmin::core::Error> {
        if p.iter().any(|v| v.abs() > MAX_LOG_PARAM) {
            return Ok(f64::MAX);
        }
        let total = self.sample.log_likelihood(&from_logs(p), self.variant);
        // Outside the region where the likelihood is a number, a wall the simplex turns from.
        Ok(if total.is_finite() { -total } else { f64::MAX })
    }
}

/// A simplex around `start` (logarithms of the parameters).
fn simplex(start: &[f64]) -> Vec<Vec<f64>> {
    let mut points = vec![start.to_vec()];
    for i in 0..start.len() {
        let mut point = start.to_vec();
        point[i] += 0.5;
        points.push(point);
    }
    points
}

/// Parameters are searched within e^-12 .. e^12: beyond that the likelihood is flat (a shop
/// where nobody drops out drives `a` to 0) and the search would crawl along it for ever.
const MAX_LOG_PARAM: f64 = 12.0;

fn minimise<C: CostFunction<Param = Vec<f64>, Output = f64>>(cost: C, start: &[f64]) -> Result<(Vec<f64>, f64, u64), FitError> {
    let start_cost = cost.cost(&start.to_vec()).map_err(|e| FitError::NoEstimate(e.to_string()))?;
    // Stop when the simplex's log-likelihoods agree to a billionth of their size: the
    // parameters are then good to about four significant figures, whatever the sample size.
    let tolerance = if start_cost.is_finite() && start_cost < f64::MAX { (start_cost.abs() * 1e-9).max(1e-10) } else { 1e-6 };
    let solver = NelderMead::new(simplex(start)).with_sd_tolerance(tolerance).map_err(|e| FitError::NoEstimate(e.to_string()))?;
    let result =
        Executor::new(cost, solver).configure(|state| state.max_iters(2000)).run().map_err(|e| FitError::NoEstimate(e.to_string()))?;
    let state = result.state();
    let best = state.get_best_param().cloned().ok_or_else(|| FitError::NoEstimate(regulars_text::t!("outlook.noBestPoint")))?;
    let cost = state.get_best_cost();
    if !cost.is_finite() || cost == f64::MAX {
        return Err(FitError::NoEstimate(regulars_text::t!("outlook.notFinite")));
    }
    Ok((best, cost, state.get_iter()))
}

/// Fits BG/NBD or MBG/NBD by maximum likelihood. Refuses (rather than guess) when fewer than
/// `min_repeat` customers have bought more than once.
pub fn fit_bg(variant: Variant, data: &[Rfm], min_repeat: usize) -> Result<BgFit, FitError> {
    let repeat_customers = data.iter().filter(|c| c.x > 0.0).count();
    if repeat_customers < min_repeat || repeat_customers == 0 {
        return Err(FitError::TooLittleHistory { repeat_customers, needed: min_repeat.max(1) });
    }
    let sample = Sample::new(data);
    // Start from rates that match the sample's mean purchase rate; a, b from 1.
    let mean_age = data.iter().map(|c| c.t).sum::<f64>() / data.len() as f64;
    let mean_x = data.iter().map(|c| c.x).sum::<f64>() / data.len() as f64;
    let alpha0 = (mean_age / mean_x.max(0.05)).max(1e-3);
    let start = [0.0, alpha0.ln(), 0.0, 0.0];
    let (best, cost, iterations) = minimise(BgCost { sample: &sample, variant }, &start)?;
    // Nelder-Mead can stall on a ridge; a second run from where the first stopped settles it.
    let (best, cost, more) = minimise(BgCost { sample: &sample, variant }, &best).unwrap_or((best, cost, 0));
    Ok(BgFit { variant, params: from_logs(&best), log_likelihood: -cost, customers: data.len(), iterations: iterations + more })
}

/// The Gamma-Gamma model of spend per purchase.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename_all = "camelCase"))]
pub struct GgParams {
    pub p: f64,
    pub q: f64,
    pub gamma: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename_all = "camelCase"))]
pub struct GgFit {
    pub params: GgParams,
    pub log_likelihood: f64,
    /// Customers with repeat purchases the fit rests on.
    pub customers: usize,
}

/// One customer's spend: `x` purchases with mean `mean` (money per purchase, any unit).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spend {
    pub x: f64,
    pub mean: f64,
}

impl GgParams {
    pub fn log_likelihood(&self, s: &Spend) -> f64 {
        let GgParams { p, q, gamma } = *self;
        let px = p * s.x;
        ln_gamma(px + q) - ln_gamma(px) - ln_gamma(q) + q * gamma.ln() + (px - 1.0) * s.mean.ln() + px * s.x.ln()
            - (px + q) * (gamma + s.x * s.mean).ln()
    }

    /// The spend per purchase to expect from a customer with this history (with none, the
    /// shop's mean).
    pub fn expected_spend(&self, s: Option<&Spend>) -> f64 {
        let GgParams { p, q, gamma } = *self;
        match s {
            Some(s) if s.x > 0.0 => p * (gamma + s.x * s.mean) / (p * s.x + q - 1.0),
            _ => p * gamma / (q - 1.0),
        }
    }
}

/// Spends grouped by purchase count, with the logarithms that do not depend on the
/// parameters computed once.
struct GgSample {
    by_x: Vec<SpendGroup>,
}

/// Customers with `x` repeat purchases: x, ln x, and each one's (mean, ln mean).
type SpendGroup = (f64, f64, Vec<(f64, f64)>);

impl GgSample {
    fn new(data: &[Spend]) -> GgSample {
        let mut sorted = data.to_vec();
        sorted.sort_by(|p, q| p.x.total_cmp(&q.x));
        let mut by_x: Vec<SpendGroup> = Vec::new();
        for s in sorted {
            if by_x.last().is_none_or(|(x, _, _)| *x != s.x) {
                by_x.push((s.x, s.x.ln(), Vec::new()));
            }
            if let Some((_, _, rows)) = by_x.last_mut() {
                rows.push((s.mean, s.mean.ln()));
            }
        }
        GgSample { by_x }
    }
}

struct GgCost<'a> {
    sample: &'a GgSample,
}

impl CostFunction for GgCost<'_> {
    type Param = Vec<f64>;
    type Output = f64;

    fn cost(&self, p: &Vec<f64>) -> Result<f64, argmin::core::Error> {
        if p.iter().any(|v| v.abs() > MAX_LOG_PARAM) {
            return Ok(f64::MAX);
        }
        let GgParams { p, q, gamma } = GgParams { p: p[0].exp(), q: p[1].exp(), gamma: p[2].exp() };
        let mut total = 0.0;
        let shared = -ln_gamma(q) + q * gamma.ln();
        for (x, ln_x, rows) in &self.sample.by_x {
            let px = p * x;
            let per_x = ln_gamma(px + q) - ln_gamma(px) + shared + px * ln_x;
            for &(mean, ln_mean) in rows {
                total += per_x + (px - 1.0) * ln_mean - (px + q) * (gamma + x * mean).ln();
            }
        }
        Ok(if total.is_finite() { -total } else { f64::MAX })
    }
}

/// Fits Gamma-Gamma on the customers who bought more than once (`x` is their repeat
/// purchases, `mean` the mean spend of those).
pub fn fit_gamma_gamma(data: &[Spend], min_customers: usize) -> Result<GgFit, FitError> {
    let used: Vec<Spend> = data.iter().copied().filter(|s| s.x > 0.0 && s.mean > 0.0).collect();
    if used.len() < min_customers || used.is_empty() {
        return Err(FitError::TooLittleHistory { repeat_customers: used.len(), needed: min_customers.max(1) });
    }
    // Fitted on spend in units of the mean spend (the model scales: gamma scales with the
    // money, p and q do not), so cents and yen search the same range.
    let scale = used.iter().map(|s| s.mean).sum::<f64>() / used.len() as f64;
    let scaled: Vec<Spend> = used.iter().map(|s| Spend { x: s.x, mean: s.mean / scale }).collect();
    let sample = GgSample::new(&scaled);
    let (best, cost, _) = minimise(GgCost { sample: &sample }, &[0.0, 0.0, 0.0])?;
    let (best, cost, _) = minimise(GgCost { sample: &sample }, &best).unwrap_or((best, cost, 0));
    let params = GgParams { p: best[0].exp(), q: best[1].exp(), gamma: best[2].exp() * scale };
    // The likelihood of the spends as given: the scaled one, less the change of units.
    let cost = cost + used.len() as f64 * scale.ln();
    if best[1] > MAX_LOG_PARAM - 1.0 {
        // q without bound: every customer's spend per visit is alike, and the model has
        // nothing to add to their own means.
        return Err(FitError::NoEstimate(regulars_text::t!("outlook.spendFlat")));
    }
    if params.q <= 1.0 {
        return Err(FitError::NoEstimate(regulars_text::t!("outlook.spendWild")));
    }
    Ok(GgFit { params, log_likelihood: -cost, customers: used.len() })
}
