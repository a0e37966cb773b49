//! Frame sources: webcam, video file, still images, all behind one trait.
//!
//! A source yields [`Frame`]s in time order. `t_secs` is the frame's time since the start
//! of the source: the stream's own timestamps for video, the capture time for a camera,
//! `index / IMAGE_SEQUENCE_FPS` for image sequences. Only [`camera`] names `nokhwa`.

pub mod camera;
pub mod images;
pub mod video;

use std::path::PathBuf;
use std::sync::Arc;

use image::RgbImage;

pub use camera::{CameraOptions, CameraSource, list_cameras};
pub use images::ImageSource;
pub use video::{DecodeOptions, VideoSource};

/// One decoded RGB frame.
#[derive(Clone, Debug)]
pub struct Frame {
    /// Seconds since the start of the source.
    pub t_secs: f64,
    /// The pixels, shared so the UI and the pose stage can both hold them.
    pub image: Arc<RgbImage>,
}

/// Something that yields frames.
pub trait FrameSource: Send {
    /// The next frame; `None` at the end of the source. After an error the source may be
    /// able to continue (a camera that returns), so callers decide whether to stop.
    fn next_frame(&mut self) -> Option<Result<Frame, SourceError>>;

    /// Nominal frames per second, when known.
    fn fps_hint(&self) -> Option<f64>;

    /// Total number of frames, when known (videos, image folders).
    fn frame_count_hint(&self) -> Option<u64>;

    /// `true` for live sources (cameras), whose frames arrive in real time.
    fn is_live(&self) -> bool {
        false
    }

    /// Frames the source let go since the last call because the consumer had not taken
    /// them yet (a camera's newest-wins slot); 0 for sources that never drop.
    fn take_dropped(&mut self) -> u64 {
        0
    }
}

impl SourceError {
    /// `true` when the input ended early but the frames before the error are good (a cut
    /// or damaged video): consumers use them and show the message as a warning.
    pub fn is_partial_input(&self) -> bool {
        matches!(
            self,
            SourceError::TruncatedVideo { .. } | SourceError::EndsEarly { .. }
        )
    }
}

/// Failures of a frame source. Each message says what to do.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    /// The input path does not exist.
    #[error("{path}: no such file or folder. Check the path.")]
    NotFound {
        /// The missing path.
        path: PathBuf,
    },
    /// A folder holds no images.
    #[error("{path}: the folder has no .png or .jpg images. Point to a folder of images.")]
    EmptyFolder {
        /// The folder.
        path: PathBuf,
    },
    /// An image could not be decoded.
    #[error("{path}: cannot decode the image ({message}). Use a PNG or JPEG file.")]
    BadImage {
        /// The image file.
        path: PathBuf,
        /// Decoder message.
        message: String,
    },
    /// ffmpeg/ffprobe are not installed.
    #[error("{tool} was not found. Install ffmpeg (e.g. `sudo apt-get install ffmpeg`).")]
    FfmpegMissing {
        /// `ffmpeg` or `ffprobe`.
        tool: &'static str,
    },
    /// ffprobe/ffmpeg cannot read the file as a video.
    #[error(
        "{path}: cannot read it as a video ({message}). Check that the file is a playable video."
    )]
    BadVideo {
        /// The video file.
        path: PathBuf,
        /// What ffprobe/ffmpeg said.
        message: String,
    },
    /// The video ended before all announced frames were read.
    #[error("{path}: the video is truncated after {frames_read} frames (decoder said: {message}).")]
    TruncatedVideo {
        /// The video file.
        path: PathBuf,
        /// Frames that were decoded.
        frames_read: u64,
        /// The decoder's last words.
        message: String,
    },
    /// The decoded frames cover less than the duration the container promises: a copy
    /// that did not finish, or a recording still being written. The frames read were
    /// delivered before this error.
    #[error(
        "{path}: read {read_secs:.1} s of {promised_secs:.1} s: the file ends early ({frames_read} frames). Only the part that was read is judged; copy the whole file again, or wait until the recording is finished."
    )]
    EndsEarly {
        /// The video file.
        path: PathBuf,
        /// Seconds of video decoded.
        read_secs: f64,
        /// Seconds the container promised.
        promised_secs: f64,
        /// Frames decoded.
        frames_read: u64,
    },
    /// No camera is connected.
    #[error("No camera found. Connect a webcam, or run with --source VIDEO_OR_TRACK.")]
    NoCamera,
    /// The camera could not be opened.
    #[error(
        "Cannot open camera {camera}: {message}. Close other apps using it, or pick another with --source."
    )]
    CameraOpen {
        /// Index or name.
        camera: String,
        /// Backend message.
        message: String,
    },
    /// The camera stopped delivering frames (e.g. it was unplugged).
    #[error(
        "Camera {camera} stopped sending frames ({message}). Check the cable; the coach resumes when it returns."
    )]
    CameraLost {
        /// Index or name.
        camera: String,
        /// Backend message.
        message: String,
    },
    /// A frame in a pixel format we cannot convert.
    #[error("camera frame in unsupported format {format}")]
    UnsupportedPixelFormat {
        /// The format's name.
        format: String,
    },
    /// Reading from a subprocess failed.
    #[error("I/O error reading {what}: {cause}")]
    Io {
        /// What was being read.
        what: String,
        /// The error.
        cause: std::io::Error,
    },
}
