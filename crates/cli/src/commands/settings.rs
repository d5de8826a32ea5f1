//! `settings`: the day's plan size and the follow-up message templates.

use regulars_core::Session;

use crate::error::Result;

#[derive(clap::Subcommand)]
pub enum Command {
    /// How many contacts Today plans a day (1 to 200); without a number, print it
    ContactsPerDay { count: Option<u32> },
    /// A follow-up message template (check_in, second_purchase, lapsing_regular, open_issue),
    /// with {first_name}, {name}, {shop}, {last_item} and {last_visit}; without --subject and
    /// --body, print it; both empty go back to the one Regulars ships
    Template {
        kind: String,
        #[arg(long)]
        subject: Option<String>,
        #[arg(long)]
        body: Option<String>,
    },
}

pub fn run(session: &mut Session, command: &Command) -> Result {
    match command {
        Command::ContactsPerDay { count } => {
            if let Some(count) = count {
                session.set_contacts_per_day(*count)?;
            }
            out!("{}", session.contacts_per_day()?);
        }
        Command::Template { kind, subject, body } => {
            let template = match (subject, body) {
                (None, None) => session.template(kind)?,
                (subject, body) => {
                    let current = session.template(kind)?;
                    let subject = subject.clone().unwrap_or(current.subject);
                    let body = body.clone().unwrap_or(current.body);
                    session.set_template(kind, &subject, &body)?
                }
            };
            out!("subject: {}\n\n{}", template.subject, template.body);
        }
    }
    Ok(())
}
