//! Pose tracks: JSON Lines, one frame per line, in time order.
//!
//! ```text
//! {"t_secs": 0.0333, "image_size": [W, H],
//!  "landmarks": {"left_shoulder": [x_px, y_px, visibility], ...},
//!  "world_landmarks": {"left_shoulder": [x_m, y_m, z_m], ...}}
//! ```
//! A frame with nobody has `"landmarks": {}` and may omit `world_landmarks`; any single
//! landmark may be absent. Tracks written by `backcoach pose` also carry `"people"` (how
//! many people the detector saw, [`PoseFrame::people_detected`]) and `"brightness"` (the
//! frame's mean luma, 0..1), so a track is judged exactly as the video it came from. Unknown landmark names are an error (they are a typo, not data).

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::landmark::{LANDMARK_COUNT, Landmark};
use crate::pose::{ImagePoint, Pose, PoseFrame, WorldPoint};

/// Failures reading or writing a pose track.
#[derive(Debug, thiserror::Error)]
pub enum TrackError {
    /// The file could not be opened or read.
    #[error("cannot read pose track {path}: {cause}")]
    Io {
        /// The track file.
        path: PathBuf,
        /// The underlying error.
        cause: std::io::Error,
    },
    /// A line is not a valid frame.
    #[error("pose track {path}, line {line}: {message}")]
    Malformed {
        /// The track file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What was wrong.
        message: String,
    },
    /// Writing failed.
    #[error("cannot write pose track: {0}")]
    Write(std::io::Error),
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrameRecord {
    t_secs: f64,
    image_size: [u32; 2],
    landmarks: BTreeMap<String, [f32; 3]>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    world_landmarks: Option<BTreeMap<String, [f32; 3]>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    people: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    brightness: Option<f32>,
}

/// Parses one JSON line into a frame; `Err` holds a message without the position.
pub fn parse_frame_line(line: &str) -> Result<PoseFrame, String> {
    let rec: FrameRecord = serde_json::from_str(line).map_err(|e| e.to_string())?;
    if !rec.t_secs.is_finite() {
        return Err("t_secs is not a finite number".into());
    }
    if rec.brightness.is_some_and(|b| !(0.0..=1.0).contains(&b)) {
        return Err("brightness must be between 0 and 1".into());
    }
    if rec.landmarks.is_empty() {
        return Ok(PoseFrame {
            people_detected: rec.people,
            brightness: rec.brightness,
            ..PoseFrame::nobody(rec.t_secs, rec.image_size)
        });
    }
    let mut pose = Pose::empty();
    for (name, [x, y, v]) in &rec.landmarks {
        let lm = Landmark::from_name(name)
            .ok_or_else(|| format!("unknown landmark name {name:?} in \"landmarks\""))?;
        pose.landmarks[lm.index()] = Some(ImagePoint {
            x_px: *x,
            y_px: *y,
            visibility: *v,
        });
    }
    if let Some(world) = &rec.world_landmarks {
        let mut out = [None; LANDMARK_COUNT];
        for (name, [x, y, z]) in world {
            let lm = Landmark::from_name(name)
                .ok_or_else(|| format!("unknown landmark name {name:?} in \"world_landmarks\""))?;
            out[lm.index()] = Some(WorldPoint {
                x_m: *x,
                y_m: *y,
                z_m: *z,
            });
        }
        pose.world_landmarks = Some(out);
    }
    let n = pose.landmarks.iter().flatten().count().max(1) as f32;
    pose.score = pose
        .landmarks
        .iter()
        .flatten()
        .map(|p| p.visibility)
        .sum::<f32>()
        / n;
    Ok(PoseFrame {
        t_secs: rec.t_secs,
        image_size: rec.image_size,
        pose: Some(pose),
        people_detected: rec.people,
        brightness: rec.brightness,
    })
}

/// Serialises one frame as a single JSON line (no trailing newline).
pub fn frame_to_line(frame: &PoseFrame) -> String {
    let mut landmarks = BTreeMap::new();
    let mut world_landmarks = None;
    if let Some(pose) = &frame.pose {
        for lm in Landmark::ALL {
            if let Some(p) = pose.get(lm) {
                landmarks.insert(
                    lm.name().to_owned(),
                    [
                        round(p.x_px, 100.0),
                        round(p.y_px, 100.0),
                        round(p.visibility, 1000.0),
                    ],
                );
            }
        }
        if let Some(world) = &pose.world_landmarks {
            let mut map = BTreeMap::new();
            for lm in Landmark::ALL {
                if let Some(p) = world[lm.index()] {
                    map.insert(
                        lm.name().to_owned(),
                        [round(p.x_m, 1e4), round(p.y_m, 1e4), round(p.z_m, 1e4)],
                    );
                }
            }
            world_landmarks = Some(map);
        }
    }
    let rec = FrameRecord {
        t_secs: (frame.t_secs * 1e4).round() / 1e4,
        image_size: frame.image_size,
        landmarks,
        world_landmarks,
        people: frame.people_detected,
        brightness: frame.brightness.map(|b| round(b, 1000.0)),
    };
    // Serialising plain maps of numbers cannot fail.
    serde_json::to_string(&rec).unwrap_or_default()
}

fn round(v: f32, scale: f32) -> f32 {
    (v * scale).round() / scale
}

/// Reads a pose track lazily, frame by frame.
pub struct TrackReader {
    path: PathBuf,
    lines: std::io::Lines<BufReader<File>>,
    line_no: usize,
}

impl TrackReader {
    /// Opens a track file.
    pub fn open(path: &Path) -> Result<TrackReader, TrackError> {
        let file = File::open(path).map_err(|cause| TrackError::Io {
            path: path.to_owned(),
            cause,
        })?;
        Ok(TrackReader {
            path: path.to_owned(),
            lines: BufReader::new(file).lines(),
            line_no: 0,
        })
    }

    /// Reads the whole track into memory.
    pub fn read_all(path: &Path) -> Result<Vec<PoseFrame>, TrackError> {
        TrackReader::open(path)?.collect()
    }
}

impl Iterator for TrackReader {
    type Item = Result<PoseFrame, TrackError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let line = self.lines.next()?;
            self.line_no += 1;
            let line = match line {
                Ok(l) => l,
                Err(cause) => {
                    return Some(Err(TrackError::Io {
                        path: self.path.clone(),
                        cause,
                    }));
                }
            };
            if line.trim().is_empty() {
                continue;
            }
            return Some(
                parse_frame_line(&line).map_err(|message| TrackError::Malformed {
                    path: self.path.clone(),
                    line: self.line_no,
                    message,
                }),
            );
        }
    }
}

/// Writes frames as JSON Lines.
pub struct TrackWriter<W: Write> {
    out: W,
}

impl TrackWriter<BufWriter<File>> {
    /// Creates (truncates) a track file.
    pub fn create(path: &Path) -> Result<Self, TrackError> {
        let file = File::create(path).map_err(TrackError::Write)?;
        Ok(TrackWriter {
            out: BufWriter::new(file),
        })
    }
}

impl<W: Write> TrackWriter<W> {
    /// Wraps any writer.
    pub fn new(out: W) -> Self {
        TrackWriter { out }
    }

    /// Appends one frame.
    pub fn write(&mut self, frame: &PoseFrame) -> Result<(), TrackError> {
        writeln!(self.out, "{}", frame_to_line(frame)).map_err(TrackError::Write)
    }

    /// Flushes buffered lines.
    pub fn flush(&mut self) -> Result<(), TrackError> {
        self.out.flush().map_err(TrackError::Write)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_a_frame() {
        let line = r#"{"t_secs":0.0333,"image_size":[1280,720],"landmarks":{"left_knee":[10.5,20.25,0.9]},"world_landmarks":{"left_knee":[0.1,0.4,-0.05]}}"#;
        let frame = parse_frame_line(line).expect("valid line");
        let pose = frame.pose.as_ref().expect("person");
        assert_eq!(pose.get(Landmark::LeftKnee).map(|p| p.x_px), Some(10.5));
        assert_eq!(pose.get(Landmark::RightKnee), None);
        let again = parse_frame_line(&frame_to_line(&frame)).expect("round trip");
        assert_eq!(again, frame);
    }

    #[test]
    fn empty_landmarks_mean_nobody() {
        let frame = parse_frame_line(r#"{"t_secs":1.0,"image_size":[640,480],"landmarks":{}}"#)
            .expect("valid");
        assert!(frame.pose.is_none());
    }

    #[test]
    fn rejects_unknown_names_and_fields() {
        assert!(
            parse_frame_line(r#"{"t_secs":1.0,"image_size":[1,1],"landmarks":{"knee":[1,2,3]}}"#)
                .is_err()
        );
        assert!(
            parse_frame_line(r#"{"t_secs":1.0,"image_size":[1,1],"landmarks":{},"extra":1}"#)
                .is_err()
        );
        assert!(parse_frame_line("not json").is_err());
    }
}
