//! Video files, decoded by the ffmpeg command-line tool.
//!
//! `ffprobe` gives the size (after rotation metadata), the nominal frame rate and the
//! packet timestamps; `ffmpeg` decodes to raw RGB24 on its stdout and logs each frame's own
//! presentation time (`showinfo`), which becomes the frame's `t_secs`: variable frame rate
//! phone clips keep their true timing. Decoder warnings do not fail a recording; a file that
//! ends early with decoder errors yields its decoded frames, then
//! [`SourceError::TruncatedVideo`]. A file whose decoded frames cover less than the
//! duration its container promises (a copy that did not finish, a recording still being
//! written: ffmpeg often decodes such a file without a single error) yields its frames, then
//! [`SourceError::EndsEarly`] ("read 4.2 s of 14.5 s: the file ends early"); see
//! [`ends_early`] for the tolerance.
//! A reader thread pulls whole frames into a small bounded queue, so decoding overlaps
//! with whatever consumes the frames (the pose stage).

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread::JoinHandle;

use image::RgbImage;

use super::{Frame, FrameSource, SourceError};

/// Frames decoded ahead of the consumer.
const DECODE_QUEUE_FRAMES: usize = 4;

/// Stream facts read by ffprobe.
#[derive(Clone, Debug, PartialEq)]
pub struct VideoInfo {
    /// Width of decoded frames (after rotation metadata is applied).
    pub width: u32,
    /// Height of decoded frames.
    pub height: u32,
    /// Average frame rate.
    pub fps: f64,
    /// Presentation timestamps, seconds, sorted, starting at 0.
    pub timestamps_secs: Vec<f64>,
    /// The duration the container promises, seconds: the video stream's, else the
    /// file's (`None` when neither is written, as in an MPEG-TS stream).
    pub promised_secs: Option<f64>,
}

/// A decoded video may be this much shorter than promised without a warning, seconds
/// (the last frame's duration, edit lists and rounding make up a few frames).
pub const ENDS_EARLY_TOLERANCE_SECS: f64 = 0.5;
/// ... or this share of the promised duration, whichever is larger.
pub const ENDS_EARLY_TOLERANCE_FRACTION: f64 = 0.05;

/// `true` when `read_secs` of decoded video fall short of the `promised_secs` by more than
/// `max(0.5 s, 5 %)`: the file ends early.
pub fn ends_early(read_secs: f64, promised_secs: f64) -> bool {
    let tolerance =
        ENDS_EARLY_TOLERANCE_SECS.max(ENDS_EARLY_TOLERANCE_FRACTION * promised_secs.max(0.0));
    promised_secs.is_finite() && read_secs + tolerance < promised_secs
}

/// How a video is decoded (default: every frame at full size).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DecodeOptions {
    /// At most this many frames per second (ffmpeg's `fps` filter).
    pub max_fps: Option<f64>,
    /// At most this many pixels wide (scaled keeping the aspect ratio).
    pub max_width: Option<u32>,
}

/// A video file as a frame source.
pub struct VideoSource {
    path: PathBuf,
    info: VideoInfo,
    frames: Receiver<Result<Decoded, SourceError>>,
    child: Child,
    reader: Option<JoinHandle<()>>,
    index: u64,
    /// The decoder's time of the first frame (frame times start at 0).
    first_pts: Option<f64>,
    /// The last frame's `t_secs`.
    last_t_secs: Option<f64>,
    finished: bool,
}

fn tool_error(tool: &'static str, e: std::io::Error, path: &Path) -> SourceError {
    if e.kind() == std::io::ErrorKind::NotFound {
        SourceError::FfmpegMissing { tool }
    } else {
        SourceError::BadVideo {
            path: path.to_owned(),
            message: e.to_string(),
        }
    }
}

/// Reads a video's size, frame rate and timestamps with ffprobe.
pub fn probe(path: &Path) -> Result<VideoInfo, SourceError> {
    if !path.is_file() {
        return Err(SourceError::NotFound {
            path: path.to_owned(),
        });
    }
    let out = Command::new("ffprobe")
        .args(["-v", "error", "-select_streams", "v:0", "-show_entries"])
        .arg("stream=width,height,avg_frame_rate,r_frame_rate,duration:stream_side_data=rotation:stream_tags=rotate:format=duration")
        .args(["-of", "json"])
        .arg(path)
        .output()
        .map_err(|e| tool_error("ffprobe", e, path))?;
    let bad = |message: String| SourceError::BadVideo {
        path: path.to_owned(),
        message,
    };
    if !out.status.success() {
        return Err(bad(last_line(&String::from_utf8_lossy(&out.stderr))));
    }
    let json: serde_json::Value =
        serde_json::from_slice(&out.stdout).map_err(|e| bad(format!("ffprobe output: {e}")))?;
    let stream = json
        .get("streams")
        .and_then(|s| s.get(0))
        .ok_or_else(|| bad("no video stream".into()))?;
    let dim = |key: &str| stream.get(key).and_then(|v| v.as_u64()).map(|v| v as u32);
    let (Some(mut width), Some(mut height)) = (dim("width"), dim("height")) else {
        return Err(bad("the video stream has no size".into()));
    };
    let rotation = stream
        .get("side_data_list")
        .and_then(|l| l.as_array())
        .and_then(|l| {
            l.iter()
                .find_map(|d| d.get("rotation").and_then(|r| r.as_f64()))
        })
        .or_else(|| {
            stream
                .get("tags")
                .and_then(|t| t.get("rotate"))
                .and_then(|r| r.as_str())
                .and_then(|r| r.parse().ok())
        })
        .unwrap_or(0.0);
    if (rotation.abs() - 90.0).abs() < 1.0 || (rotation.abs() - 270.0).abs() < 1.0 {
        std::mem::swap(&mut width, &mut height);
    }
    let rate = |key: &str| {
        stream
            .get(key)
            .and_then(|v| v.as_str())
            .and_then(parse_rational)
            .filter(|r| *r > 0.0)
    };
    let fps = rate("avg_frame_rate")
        .or_else(|| rate("r_frame_rate"))
        .unwrap_or(30.0);
    let duration = |v: Option<&serde_json::Value>| {
        v.and_then(|d| d.get("duration"))
            .and_then(|d| d.as_str())
            .and_then(|d| d.parse::<f64>().ok())
            .filter(|d| d.is_finite() && *d > 0.0)
    };
    let promised_secs = duration(Some(stream)).or_else(|| duration(json.get("format")));

    let out = Command::new("ffprobe")
        .args([
            "-v",
            "error",
            "-select_streams",
            "v:0",
            "-show_entries",
            "packet=pts_time",
        ])
        .args(["-of", "csv=p=0"])
        .arg(path)
        .output()
        .map_err(|e| tool_error("ffprobe", e, path))?;
    let mut timestamps_secs: Vec<f64> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.trim().trim_end_matches(',').parse::<f64>().ok())
        .collect();
    timestamps_secs.sort_by(f64::total_cmp);
    if let Some(first) = timestamps_secs.first().copied() {
        for t in &mut timestamps_secs {
            *t -= first;
        }
    }
    Ok(VideoInfo {
        width,
        height,
        fps,
        timestamps_secs,
        promised_secs,
    })
}

fn parse_rational(s: &str) -> Option<f64> {
    match s.split_once('/') {
        Some((n, d)) => {
            let (n, d): (f64, f64) = (n.parse().ok()?, d.parse().ok()?);
            (d != 0.0).then_some(n / d)
        }
        None => s.parse().ok(),
    }
}

impl VideoSource {
    /// Probes and starts decoding a video file.
    pub fn open(path: &Path) -> Result<VideoSource, SourceError> {
        VideoSource::open_with(path, &DecodeOptions::default())
    }

    /// Probes and starts decoding, at most `options.max_fps` frames per second and
    /// `options.max_width` pixels wide (ffmpeg drops and scales the frames before they are
    /// converted to RGB, as a camera set to a low rate and resolution would deliver them).
    pub fn open_with(path: &Path, options: &DecodeOptions) -> Result<VideoSource, SourceError> {
        // Asked beside the probe, so its ffmpeg start-up (~50 ms, once) adds no wait.
        let checksum_check = std::thread::spawn(showinfo_has_checksum_option);
        let mut info = probe(path)?;
        let mut filters = Vec::new();
        let mut expected_frames = info.timestamps_secs.len() as u64;
        if let Some(fps) = options.max_fps.filter(|f| *f > 0.0 && *f < info.fps) {
            filters.push(format!("fps={fps}"));
            let duration = info.timestamps_secs.last().copied().unwrap_or(0.0);
            expected_frames = (duration * fps).floor() as u64;
            info.fps = fps;
            info.timestamps_secs = (0..expected_frames).map(|i| i as f64 / fps).collect();
        }
        if let Some(w) = options.max_width.filter(|w| *w >= 2 && *w < info.width) {
            let h = ((f64::from(info.height) * f64::from(w) / f64::from(info.width)) / 2.0).round()
                as u32
                * 2;
            let w = w / 2 * 2;
            filters.push(format!("scale={w}:{}", h.max(2)));
            info.width = w;
            info.height = h.max(2);
        }
        filters.push(if checksum_check.join().unwrap_or(false) {
            // The per-frame checksums showinfo computes by default cost ffmpeg a fifth of
            // its CPU time at 720x1280, and nothing here reads them.
            "showinfo=checksum=0".into()
        } else {
            "showinfo".into()
        });
        let filter = filters.join(",");
        // `showinfo` logs every frame's own presentation time just before the frame goes
        // out, so each decoded frame is paired with its true timestamp (variable frame
        // rate, dropped or duplicated timestamps included), not index / nominal rate.
        let mut child = Command::new("ffmpeg")
            .args([
                "-hide_banner",
                "-nostdin",
                "-nostats",
                "-loglevel",
                "level+info",
                "-i",
            ])
            .arg(path)
            .args([
                "-map",
                "0:v:0",
                "-vf",
                &filter,
                "-fps_mode",
                "passthrough",
                "-f",
                "rawvideo",
                "-pix_fmt",
                "rgb24",
                "-",
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| tool_error("ffmpeg", e, path))?;
        let (tx, rx) = sync_channel(DECODE_QUEUE_FRAMES);
        let stdout = child.stdout.take();
        let stderr = child.stderr.take();
        let (w, h) = (info.width, info.height);
        let video_path = path.to_owned();
        let reader = std::thread::Builder::new()
            .name("video-decode".into())
            .spawn(move || {
                if let (Some(stdout), Some(stderr)) = (stdout, stderr) {
                    read_frames(stdout, stderr, (w, h), expected_frames, &video_path, tx);
                }
            })
            .map_err(|cause| SourceError::Io {
                what: "decoder thread".into(),
                cause,
            })?;
        Ok(VideoSource {
            path: path.to_owned(),
            info,
            frames: rx,
            child,
            reader: Some(reader),
            index: 0,
            first_pts: None,
            last_t_secs: None,
            finished: false,
        })
    }

    /// The probed stream facts.
    pub fn info(&self) -> &VideoInfo {
        &self.info
    }

    /// Seconds of video decoded so far: the last frame's time plus one frame.
    pub fn read_secs(&self) -> f64 {
        self.last_t_secs
            .map_or(0.0, |t| t + 1.0 / self.info.fps.max(1.0))
    }

    /// [`SourceError::EndsEarly`] when the frames decoded so far fall short of the promised
    /// duration (see [`ends_early`]).
    fn ends_early_error(&self) -> Option<SourceError> {
        let promised_secs = self.info.promised_secs?;
        let read_secs = self.read_secs();
        (self.index > 0 && ends_early(read_secs, promised_secs)).then(|| SourceError::EndsEarly {
            path: self.path.clone(),
            read_secs,
            promised_secs,
            frames_read: self.index,
        })
    }
}

/// A decoded frame and its presentation time from the decoder (`None` when unknown).
type Decoded = (RgbImage, Option<f64>);

/// What ffmpeg's log says, line by line: frame times go to `times`, errors are kept.
fn read_log(stderr: impl Read, times: std::sync::mpsc::Sender<f64>) -> Vec<String> {
    use std::io::BufRead;
    let mut errors = Vec::new();
    for line in std::io::BufReader::new(stderr).lines() {
        let Ok(line) = line else { break };
        if line.contains("showinfo") {
            if let Some(t) = showinfo_pts_secs(&line) {
                let _ = times.send(t);
            }
        } else if line.contains("[error]") || line.contains("[fatal]") {
            errors.push(strip_log_prefix(&line));
        }
    }
    errors
}

/// Whether this ffmpeg's `showinfo` has the `checksum` switch (older builds lack it);
/// asked once per process.
fn showinfo_has_checksum_option() -> bool {
    static HAS: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *HAS.get_or_init(|| {
        Command::new("ffmpeg")
            .args(["-hide_banner", "-h", "filter=showinfo"])
            .stdin(Stdio::null())
            .stderr(Stdio::null())
            .output()
            .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).contains("checksum"))
    })
}

/// The `pts_time:` of a showinfo frame line.
fn showinfo_pts_secs(line: &str) -> Option<f64> {
    if !line.contains(" n:") {
        return None;
    }
    let rest = line.split("pts_time:").nth(1)?;
    rest.split_whitespace().next()?.parse().ok()
}

/// `[context @ 0x..] [error] message` → `message`.
fn strip_log_prefix(line: &str) -> String {
    let mut s = line.trim();
    while let Some(rest) = s.strip_prefix('[') {
        match rest.split_once(']') {
            Some((_, tail)) => s = tail.trim_start(),
            None => break,
        }
    }
    s.to_owned()
}

fn read_frames(
    mut stdout: impl Read,
    stderr: impl Read + Send + 'static,
    (width, height): (u32, u32),
    expected_frames: u64,
    path: &Path,
    tx: SyncSender<Result<Decoded, SourceError>>,
) {
    let (times_tx, times) = std::sync::mpsc::channel();
    let log_thread = std::thread::spawn(move || read_log(stderr, times_tx));
    let frame_len = width as usize * height as usize * 3;
    let mut frames_read = 0u64;
    loop {
        let mut buf = vec![0u8; frame_len];
        match read_full(&mut stdout, &mut buf) {
            Ok(true) => {
                let Some(img) = RgbImage::from_raw(width, height, buf) else {
                    return;
                };
                frames_read += 1;
                // The frame's log line was written before its pixels.
                let t = times.recv().ok();
                if tx.send(Ok((img, t))).is_err() {
                    return; // consumer gone
                }
            }
            Ok(false) => break,
            Err(cause) => {
                let _ = tx.send(Err(SourceError::Io {
                    what: path.display().to_string(),
                    cause,
                }));
                return;
            }
        }
    }
    let errors = log_thread.join().unwrap_or_default();
    let message = errors.first().cloned().unwrap_or_default();
    if frames_read == 0 {
        let _ = tx.send(Err(SourceError::BadVideo {
            path: path.to_owned(),
            message: if message.is_empty() {
                "no frames could be decoded".into()
            } else {
                message
            },
        }));
    } else if !errors.is_empty() && frames_read + 1 < expected_frames {
        // Errors *and* frames missing: the file is damaged or cut. A decoder complaint on a
        // complete stream (phone videos' timestamps, say) is not truncation.
        let _ = tx.send(Err(SourceError::TruncatedVideo {
            path: path.to_owned(),
            frames_read,
            message,
        }));
    }
}

/// ffmpeg's last line is usually the verdict ("Invalid data found when processing input").
fn last_line(s: &str) -> String {
    let line = s
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default();
    // Drop the "path: " prefix ffmpeg repeats; the error names the path already.
    line.rsplit_once(": ")
        .map_or(line, |(_, msg)| msg)
        .trim()
        .to_owned()
}

/// Fills `buf` completely; `Ok(false)` on a clean end of stream before the first byte.
fn read_full(r: &mut impl Read, buf: &mut [u8]) -> std::io::Result<bool> {
    let mut filled = 0;
    while filled < buf.len() {
        match r.read(&mut buf[filled..]) {
            Ok(0) => return Ok(false),
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(true)
}

impl FrameSource for VideoSource {
    fn next_frame(&mut self) -> Option<Result<Frame, SourceError>> {
        if self.finished {
            return None;
        }
        match self.frames.recv() {
            Ok(Ok((image, pts))) => {
                let index = self.index;
                self.index += 1;
                let t_secs = match pts {
                    Some(pts) => pts - *self.first_pts.get_or_insert(pts),
                    None => self
                        .info
                        .timestamps_secs
                        .get(index as usize)
                        .copied()
                        .unwrap_or(index as f64 / self.info.fps),
                };
                self.last_t_secs = Some(t_secs);
                Some(Ok(Frame {
                    t_secs,
                    image: Arc::new(image),
                }))
            }
            Ok(Err(e)) => {
                self.finished = true;
                // A cut file: say how much of the promised video was read.
                match e {
                    SourceError::TruncatedVideo { .. } => {
                        Some(Err(self.ends_early_error().unwrap_or(e)))
                    }
                    e => Some(Err(e)),
                }
            }
            Err(_) => {
                self.finished = true;
                self.ends_early_error().map(Err)
            }
        }
    }

    fn fps_hint(&self) -> Option<f64> {
        Some(self.info.fps)
    }

    fn frame_count_hint(&self) -> Option<u64> {
        (!self.info.timestamps_secs.is_empty()).then_some(self.info.timestamps_secs.len() as u64)
    }
}

impl Drop for VideoSource {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        // Unblock the reader if it waits on a full queue, then join it.
        while self.frames.try_recv().is_ok() {}
        if let Some(reader) = self.reader.take() {
            drop(std::mem::replace(&mut self.frames, sync_channel(1).1));
            let _ = reader.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_rationals() {
        assert_eq!(
            parse_rational("30000/1001").map(|v| (v * 1000.0).round()),
            Some(29970.0)
        );
        assert_eq!(parse_rational("25"), Some(25.0));
        assert_eq!(parse_rational("0/0"), None);
    }

    #[test]
    fn ends_early_allows_half_a_second_or_five_percent() {
        // The phone clip: 4.2 s of 14.5 s.
        assert!(ends_early(4.2, 14.5));
        assert!(!ends_early(14.4, 14.5));
        // Short clips: half a second.
        assert!(!ends_early(2.6, 3.0));
        assert!(ends_early(2.4, 3.0));
        // Long ones: 5 % (30 s of a minute's promise is early; 58 s is not).
        assert!(!ends_early(58.0, 60.0));
        assert!(ends_early(56.0, 60.0));
        assert!(!ends_early(1.0, f64::NAN));
    }

    #[test]
    fn reads_showinfo_lines() {
        let line = "[Parsed_showinfo_0 @ 0x5581] [info] n:   3 pts:  12288 pts_time:0.8 \
                    duration:512 fmt:yuv420p";
        assert_eq!(showinfo_pts_secs(line), Some(0.8));
        assert_eq!(
            showinfo_pts_secs("[Parsed_showinfo_0 @ 0x1] [info] color_range:tv"),
            None
        );
        assert_eq!(
            strip_log_prefix("[h264 @ 0x1] [error] Invalid NAL unit size"),
            "Invalid NAL unit size"
        );
    }
}
