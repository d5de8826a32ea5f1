//! Backups as listed.

use super::*;

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupView {
    /// The file name inside the backups folder (the handle to restore it by).
    pub name: String,
    #[ts(type = "BackupKind")]
    pub kind: String,
    pub when: String,
    pub bytes: u64,
}
