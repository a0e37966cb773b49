//! `--voice-log`: what the coach said, one JSON line per utterance, as it starts:
//! `{"t_secs", "lang", "kind", "text", "event_t_secs"}` (app time, seconds).

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use super::planner::Utterance;

/// A voice log file.
#[derive(Debug)]
pub struct VoiceLog {
    path: PathBuf,
    out: BufWriter<File>,
}

impl VoiceLog {
    /// Creates (or truncates) the log at `path`.
    pub fn create(path: &Path) -> std::io::Result<VoiceLog> {
        Ok(VoiceLog {
            path: path.to_owned(),
            out: BufWriter::new(File::create(path)?),
        })
    }

    /// The file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends one utterance and flushes (a killed app keeps what it said).
    pub fn write(&mut self, utterance: &Utterance) -> std::io::Result<()> {
        let line = serde_json::to_string(utterance).map_err(std::io::Error::other)?;
        writeln!(self.out, "{line}")?;
        self.out.flush()
    }
}
