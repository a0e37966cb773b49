//! The whole history as JSON or CSV.

use std::io::Write;

use serde::{Deserialize, Serialize};

use super::{History, HistoryError, PainReport, SessionSummary, StoredRep};

/// The whole history as one JSON document (the export format).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HistoryExport {
    /// Schema version of the database exported.
    pub schema_version: i64,
    /// Every session.
    pub sessions: Vec<SessionSummary>,
    /// Every rep.
    pub reps: Vec<StoredRep>,
    /// Every pain report.
    pub pain_reports: Vec<PainReport>,
}

impl History {
    /// Everything, as one document.
    pub fn export(&self) -> Result<HistoryExport, HistoryError> {
        Ok(HistoryExport {
            schema_version: self.schema_version()?,
            sessions: self.sessions()?,
            reps: self.reps(None)?,
            pain_reports: self.pain_reports()?,
        })
    }

    /// Writes the whole history as pretty JSON.
    pub fn export_json(&self, out: &mut dyn Write) -> Result<(), HistoryError> {
        let doc = self.export()?;
        serde_json::to_writer_pretty(&mut *out, &doc)
            .map_err(|e| HistoryError::Export(e.to_string()))?;
        writeln!(out).map_err(|e| HistoryError::Export(e.to_string()))
    }

    /// Writes every rep as CSV, one line per rep, with a header; then pain reports as
    /// rows with `record = pain`.
    pub fn export_csv(&self, out: &mut dyn Write) -> Result<(), HistoryError> {
        let doc = self.export()?;
        let io = |e: std::io::Error| HistoryError::Export(e.to_string());
        writeln!(
            out,
            "record,session_id,exercise_id,rep_number,start_secs,end_secs,phase_secs,depth,faults,side,partial,unix_secs,intensity,location,form_score"
        )
        .map_err(io)?;
        for r in &doc.reps {
            let phases: Vec<String> = r.rep.phase_secs.iter().map(|p| format!("{p:.2}")).collect();
            writeln!(
                out,
                "rep,{},{},{},{:.3},{:.3},{},{},{},{},{},{:.0},,,{}",
                r.session_id,
                csv_field(&r.exercise_id),
                r.rep.rep_number,
                r.rep.start_secs,
                r.rep.end_secs,
                csv_field(&phases.join(" ")),
                r.rep.depth.map(|d| format!("{d:.4}")).unwrap_or_default(),
                csv_field(&r.rep.faults.join(" ")),
                r.rep.side.as_deref().unwrap_or(""),
                u8::from(r.rep.partial),
                r.recorded_unix_secs,
                r.rep
                    .form_score
                    .map(|s| format!("{s:.1}"))
                    .unwrap_or_default(),
            )
            .map_err(io)?;
        }
        for p in &doc.pain_reports {
            writeln!(
                out,
                "pain,{},{},,,,,,,,,{:.0},{},{},",
                p.session_id.map(|s| s.to_string()).unwrap_or_default(),
                csv_field(p.exercise_id.as_deref().unwrap_or("")),
                p.reported_unix_secs,
                p.intensity.map(|i| i.to_string()).unwrap_or_default(),
                csv_field(&p.location),
            )
            .map_err(io)?;
        }
        Ok(())
    }
}

/// Quotes a CSV field when it needs it.
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_when_needed() {
        assert_eq!(csv_field("lower back"), "lower back");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }
}
