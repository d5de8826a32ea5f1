//! The exports Regulars recognises by their column names, and how each one's rows become sales.

/// Which columns hold what. Column names are matched without regard to case.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mapping {
    pub date: String,
    pub amount: String,
    /// Subtracted from the amount (Shopify's and Stripe's refunded amount).
    pub refunded: Option<String>,
    /// Rows with the same order id are one sale.
    pub order_id: Option<String>,
    /// A non-empty cell means the order was cancelled (Shopify's `Cancelled at`).
    pub cancelled: Option<String>,
    pub status: Option<String>,
    pub currency: Option<String>,
    pub customer_id: Option<String>,
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub description: Option<String>,
    pub quantity: Option<String>,
    /// The price of one item: the line's amount is this times the quantity (the `amount`
    /// column is then not needed).
    pub unit_price: Option<String>,
    /// The time of day, in a column of its own beside the date.
    pub time: Option<String>,
    /// Tax kept apart from a net amount (Square's item `Tax`): added to it.
    pub tax: Option<String>,
    /// A tip inside a collected total (Square's `Tip`): taken off it.
    pub tip: Option<String>,
    /// The family name, when the name is in two columns (`name` then holds the first name).
    pub last_name: Option<String>,
    /// An amount cell may hold two amounts, the order's original and what is left after a
    /// refund (WooCommerce Analytics writes `$128.40 $96.30` for a partly refunded order).
    pub amount_after_refund: bool,
    /// Square's `Payment ID`: a refund row (a negative amount in a transaction of its own)
    /// is netted into the sale paid with the same payment.
    pub payment_id: Option<String>,
    /// The amount settled in another currency (Stripe's `Converted Amount`), used when the
    /// charge's own currency is not the shop's and this one's is.
    pub converted_amount: Option<String>,
    pub converted_refunded: Option<String>,
    pub converted_currency: Option<String>,
}

/// How the lines of one order add up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    /// Every row is its own sale (or the only row of its order).
    Single,
    /// Order-level fields, the total among them, only on the order's first row; later rows add
    /// line items (Shopify).
    TotalOnFirst,
    /// Each row is a line item; the sale is their sum (Square item sales).
    Sum,
}

/// What an import's revenue is. Regulars counts what the customer paid for what they bought:
/// after discounts and refunds, with tax and shipping, tips left out ([`Revenue::Paid`]). An
/// export that cannot give that says what it gives instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Revenue {
    Paid,
    /// After discounts and refunds, without tax and shipping (the export leaves them out).
    WithoutTax,
    /// What was collected, tips included if there were any (the export does not show them apart).
    WithTips,
    /// The amount as the file gives it (a file mapped by hand, or a plain one).
    AsGiven,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preset {
    /// The name used on the command line and in the import record.
    pub name: &'static str,
    pub mapping: Mapping,
    pub lines: Lines,
    /// Status values (lower case) whose rows are skipped, with the reason shown.
    pub skip_statuses: &'static [&'static str],
    /// What the amount means with every column of the mapping in the file.
    pub revenue: Revenue,
}

impl Preset {
    /// What the preset is called on the preview.
    pub fn label(&self) -> String {
        match self.name {
            "shopify" => regulars_text::t!("preset.shopify"),
            "square-items" => regulars_text::t!("preset.squareItems"),
            "square-transactions" => regulars_text::t!("preset.squareTransactions"),
            "stripe" => regulars_text::t!("preset.stripe"),
            "woocommerce" => regulars_text::t!("preset.woocommerce"),
            "woocommerce-orders" => regulars_text::t!("preset.woocommerceOrders"),
            "regulars" => regulars_text::t!("preset.regulars"),
            "plain" => regulars_text::t!("preset.plain"),
            "customers" => regulars_text::t!("preset.customers"),
            _ => regulars_text::t!("preset.custom"),
        }
    }
}

fn some(column: &str) -> Option<String> {
    Some(column.to_owned())
}

fn shopify() -> Preset {
    Preset {
        name: "shopify",
        mapping: Mapping {
            date: "Created at".into(),
            amount: "Total".into(),
            refunded: some("Refunded Amount"),
            order_id: some("Name"),
            cancelled: some("Cancelled at"),
            currency: some("Currency"),
            name: some("Billing Name"),
            email: some("Email"),
            phone: some("Billing Phone"),
            description: some("Lineitem name"),
            quantity: some("Lineitem quantity"),
            ..Mapping::default()
        },
        lines: Lines::TotalOnFirst,
        skip_statuses: &[],
        revenue: Revenue::Paid,
    }
}

fn square_items() -> Preset {
    Preset {
        name: "square-items",
        mapping: Mapping {
            date: "Date".into(),
            amount: "Net Sales".into(),
            order_id: some("Transaction ID"),
            payment_id: some("Payment ID"),
            customer_id: some("Customer ID"),
            name: some("Customer Name"),
            description: some("Item"),
            quantity: some("Qty"),
            tax: some("Tax"),
            ..Mapping::default()
        },
        lines: Lines::Sum,
        skip_statuses: &[],
        revenue: Revenue::Paid,
    }
}

fn square_transactions() -> Preset {
    Preset {
        name: "square-transactions",
        mapping: Mapping {
            date: "Date".into(),
            amount: "Total Collected".into(),
            tip: some("Tip"),
            order_id: some("Transaction ID"),
            customer_id: some("Customer ID"),
            name: some("Customer Name"),
            ..Mapping::default()
        },
        lines: Lines::Single,
        skip_statuses: &[],
        revenue: Revenue::Paid,
    }
}

fn stripe(date: &str) -> Preset {
    Preset {
        name: "stripe",
        mapping: Mapping {
            date: date.into(),
            amount: "Amount".into(),
            refunded: some("Amount Refunded"),
            order_id: some("id"),
            status: some("Status"),
            currency: some("Currency"),
            customer_id: some("Customer ID"),
            email: some("Customer Email"),
            description: some("Description"),
            converted_amount: some("Converted Amount"),
            converted_refunded: some("Converted Amount Refunded"),
            converted_currency: some("Converted Currency"),
            ..Mapping::default()
        },
        lines: Lines::Single,
        skip_statuses: &["failed", "canceled", "cancelled", "pending", "requires_payment_method"],
        revenue: Revenue::Paid,
    }
}

fn woocommerce() -> Preset {
    Preset {
        name: "woocommerce",
        mapping: Mapping {
            date: "Date".into(),
            amount: "N. Revenue (formatted)".into(),
            amount_after_refund: true,
            order_id: some("Order #"),
            status: some("Status"),
            name: some("Customer"),
            description: some("Product(s)"),
            ..Mapping::default()
        },
        lines: Lines::Single,
        skip_statuses: &["cancelled", "failed", "refunded", "pending", "pending payment", "draft", "trash", "checkout-draft"],
        revenue: Revenue::WithoutTax,
    }
}

/// WooCommerce orders as the "Advanced Order Export For WooCommerce" plugin writes them by
/// default: a row per item, each carrying its order's number, status, date, buyer and total.
fn woocommerce_orders() -> Preset {
    Preset {
        name: "woocommerce-orders",
        mapping: Mapping {
            date: "Order Date".into(),
            amount: "Order Total Amount".into(),
            refunded: some("Order Refund Amount"),
            order_id: some("Order Number"),
            status: some("Order Status"),
            name: some("First Name (Billing)"),
            last_name: some("Last Name (Billing)"),
            email: some("Email (Billing)"),
            phone: some("Phone (Billing)"),
            description: some("Item Name"),
            quantity: some("Quantity (- Refund)"),
            ..Mapping::default()
        },
        lines: Lines::TotalOnFirst,
        skip_statuses: &["cancelled", "failed", "refunded", "pending payment", "pending", "draft", "checkout-draft", "trash"],
        revenue: Revenue::Paid,
    }
}

/// Regulars' own sales export, so that an export imports back exactly.
fn regulars() -> Preset {
    Preset {
        name: "regulars",
        mapping: Mapping {
            date: "date".into(),
            amount: "amount".into(),
            order_id: some("sale_id"),
            currency: some("currency"),
            customer_id: some("customer_id"),
            name: some("customer_name"),
            email: some("customer_email"),
            phone: some("customer_phone"),
            description: some("description"),
            ..Mapping::default()
        },
        lines: Lines::Single,
        skip_statuses: &[],
        revenue: Revenue::Paid,
    }
}

fn plain() -> Preset {
    Preset {
        name: "plain",
        mapping: Mapping {
            date: "date".into(),
            amount: "amount".into(),
            customer_id: some("customer_id"),
            name: some("customer_name"),
            email: some("email"),
            phone: some("phone"),
            description: some("description"),
            ..Mapping::default()
        },
        lines: Lines::Single,
        skip_statuses: &[],
        revenue: Revenue::AsGiven,
    }
}

/// Every preset, for `--preset NAME` and the screen's list.
pub fn all() -> Vec<Preset> {
    vec![
        shopify(),
        square_items(),
        square_transactions(),
        stripe("Created (UTC)"),
        woocommerce(),
        woocommerce_orders(),
        regulars(),
        plain(),
    ]
}

pub fn by_name(name: &str) -> Option<Preset> {
    all().into_iter().find(|p| p.name == name)
}

/// A custom mapping from the owner, for files no preset recognises.
pub fn custom(mapping: Mapping) -> Preset {
    // Rows of one order id are the lines of one order, the order's total on them (repeated on
    // each, or on the first only): it counts once, and the later lines add their items. A
    // mapped status column is read in the usual words of shop systems.
    // Priced lines (unit price x quantity) add up to their order's total instead.
    let lines = match (&mapping.order_id, &mapping.unit_price) {
        (None, _) => Lines::Single,
        (Some(_), None) => Lines::TotalOnFirst,
        (Some(_), Some(_)) => Lines::Sum,
    };
    Preset {
        name: "custom",
        mapping,
        lines,
        skip_statuses: &["cancelled", "canceled", "refunded", "failed", "voided", "void", "pending", "declined", "draft", "trash"],
        revenue: Revenue::AsGiven,
    }
}

/// The preset whose defining columns are all in `headers`.
pub fn detect(headers: &[String]) -> Option<Preset> {
    let has = |name: &str| headers.iter().any(|h| h.trim().eq_ignore_ascii_case(name));
    if has("Name") && has("Created at") && has("Total") && has("Lineitem name") {
        return Some(shopify());
    }
    if has("Transaction ID") && has("Item") && has("Net Sales") && has("Date") {
        return Some(square_items());
    }
    if has("Transaction ID") && has("Total Collected") && has("Date") {
        return Some(square_transactions());
    }
    if has("id") && has("Amount") && has("Status") {
        if has("Created (UTC)") {
            return Some(stripe("Created (UTC)"));
        }
        if has("Created date (UTC)") {
            return Some(stripe("Created date (UTC)"));
        }
    }
    if has("Order #") && has("N. Revenue (formatted)") && has("Date") {
        return Some(woocommerce());
    }
    if has("Order Number") && has("Order Date") && has("Order Total Amount") {
        return Some(woocommerce_orders());
    }
    if has("sale_id") && has("date") && has("amount") && has("customer_id") {
        return Some(regulars());
    }
    if has("date") && has("amount") && has("customer_id") {
        return Some(plain());
    }
    None
}

/// For a file no preset reads, the download of its platform that one does, when the columns
/// show which platform it came from.
pub fn download_hint(headers: &[String]) -> Option<String> {
    let has = |name: &str| headers.iter().any(|h| h.trim().eq_ignore_ascii_case(name));
    let utc = headers.iter().any(|h| h.contains("(UTC)"));
    if ["Lineitem name", "Financial Status", "Accepts Email Marketing", "Total Spent", "Billing Name"].iter().any(|c| has(c)) {
        Some(regulars_text::t!("import.hint.shopify"))
    } else if has("Transaction ID") || (has("Time Zone") && has("Gross Sales")) {
        Some(regulars_text::t!("import.hint.square"))
    } else if has("id") && utc {
        Some(regulars_text::t!("import.hint.stripe"))
    } else if has("Order #") || has("Order Number") {
        Some(regulars_text::t!("import.hint.woocommerce"))
    } else {
        None
    }
}
