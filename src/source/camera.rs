//! Webcams through nokhwa (V4L2 on Linux). The only module that names `nokhwa`.
//!
//! Frames are converted to RGB here (MJPEG through the `image` crate, YUYV/NV12/grey by
//! hand), so nokhwa's own decoders are not needed. A camera that stops delivering frames
//! yields [`SourceError::CameraLost`]; the caller may call [`CameraSource::reopen`].

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use image::RgbImage;
use nokhwa::Camera;
use nokhwa::pixel_format::RgbFormat;
use nokhwa::utils::{
    ApiBackend, CameraFormat, CameraIndex, FrameFormat, RequestedFormat, RequestedFormatType,
    Resolution,
};

use super::{Frame, FrameSource, SourceError};

/// Which camera to open and how.
#[derive(Clone, Debug, PartialEq)]
pub struct CameraOptions {
    /// Camera index (`0` is the first) or a name as listed by `backcoach cameras`.
    pub camera: String,
    /// Requested frame width in pixels (the closest the camera offers is used).
    pub width: u32,
    /// Requested frame height in pixels.
    pub height: u32,
    /// Requested frames per second.
    pub fps: u32,
}

impl Default for CameraOptions {
    fn default() -> Self {
        CameraOptions {
            camera: "0".into(),
            width: 1280,
            height: 720,
            fps: 30,
        }
    }
}

/// A camera as listed by the system.
#[derive(Clone, Debug, PartialEq)]
pub struct CameraListing {
    /// Index or device id to pass to `--source`.
    pub index: String,
    /// Human-readable name.
    pub name: String,
}

/// Lists the connected cameras (an empty list when there are none).
pub fn list_cameras() -> Result<Vec<CameraListing>, SourceError> {
    let backend = nokhwa::native_api_backend().unwrap_or(ApiBackend::Auto);
    let cams = nokhwa::query(backend).map_err(|e| SourceError::CameraOpen {
        camera: "(list)".into(),
        message: e.to_string(),
    })?;
    Ok(cams
        .iter()
        .map(|c| CameraListing {
            index: c.index().to_string(),
            name: c.human_name(),
        })
        .collect())
}

/// A live webcam. Capture runs on its own thread (nokhwa's camera is not `Send`); the
/// newest frame wins, so a slow consumer never sees a backlog.
pub struct CameraSource {
    options: CameraOptions,
    slot: Arc<(Mutex<Slot>, Condvar)>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
    started: Instant,
    fps: f64,
    /// A frame has arrived since the camera was (re)opened: from then on a silence of
    /// [`CAMERA_LOST_AFTER`] means lost.
    seen_frame: bool,
}

#[derive(Default)]
struct Slot {
    frame: Option<Result<Frame, SourceError>>,
    ended: bool,
    /// Frames replaced before the consumer took them, since [`FrameSource::take_dropped`].
    dropped: u64,
}

impl Slot {
    /// Puts the newest capture in the slot; a frame still waiting there is dropped (and
    /// counted): the newest frame wins.
    fn put(&mut self, result: Result<Frame, SourceError>) {
        if matches!(self.frame, Some(Ok(_))) {
            self.dropped += 1;
        }
        self.ended = matches!(result, Err(SourceError::CameraLost { .. }));
        self.frame = Some(result);
    }
}

fn camera_index(spec: &str) -> Result<CameraIndex, SourceError> {
    if let Ok(i) = spec.parse::<u32>() {
        return Ok(CameraIndex::Index(i));
    }
    let cams = list_cameras()?;
    cams.iter()
        .find(|c| c.name == spec || c.index == spec)
        .map(|c| match c.index.parse::<u32>() {
            Ok(i) => CameraIndex::Index(i),
            Err(_) => CameraIndex::String(c.index.clone()),
        })
        .ok_or(SourceError::NoCamera)
}

fn open_camera(options: &CameraOptions) -> Result<Camera, SourceError> {
    let index = camera_index(&options.camera)?;
    let format = CameraFormat::new(
        Resolution::new(options.width, options.height),
        FrameFormat::MJPEG,
        options.fps,
    );
    let requested = RequestedFormat::new::<RgbFormat>(RequestedFormatType::Closest(format));
    let mut camera = Camera::new(index, requested).map_err(|e| {
        if list_cameras().map(|l| l.is_empty()).unwrap_or(true) {
            SourceError::NoCamera
        } else {
            SourceError::CameraOpen {
                camera: options.camera.clone(),
                message: e.to_string(),
            }
        }
    })?;
    camera.open_stream().map_err(|e| SourceError::CameraOpen {
        camera: options.camera.clone(),
        message: e.to_string(),
    })?;
    Ok(camera)
}

type Started = (
    Arc<(Mutex<Slot>, Condvar)>,
    Arc<AtomicBool>,
    JoinHandle<()>,
    f64,
);

fn start_capture(options: &CameraOptions, started: Instant) -> Result<Started, SourceError> {
    let slot: Arc<(Mutex<Slot>, Condvar)> = Arc::default();
    let stop = Arc::new(AtomicBool::new(false));
    let (ready_tx, ready_rx) = std::sync::mpsc::sync_channel::<Result<f64, SourceError>>(1);
    let (slot2, stop2, opts) = (slot.clone(), stop.clone(), options.clone());
    let thread = std::thread::Builder::new()
        .name("camera".into())
        .spawn(move || {
            let mut camera = match open_camera(&opts) {
                Ok(c) => c,
                Err(e) => {
                    let _ = ready_tx.send(Err(e));
                    return;
                }
            };
            let _ = ready_tx.send(Ok(f64::from(camera.frame_rate().max(1))));
            let (lock, cvar) = &*slot2;
            while !stop2.load(Ordering::Relaxed) {
                let result = match camera.frame() {
                    Ok(buffer) => {
                        // The capture instant is the frame's time: the one clock read of
                        // a live source.
                        let t_secs = started.elapsed().as_secs_f64();
                        let res = buffer.resolution();
                        to_rgb(
                            buffer.source_frame_format(),
                            res.width(),
                            res.height(),
                            buffer.buffer(),
                        )
                        .map(|image| Frame {
                            t_secs,
                            image: Arc::new(image),
                        })
                    }
                    Err(e) => Err(SourceError::CameraLost {
                        camera: opts.camera.clone(),
                        message: e.to_string(),
                    }),
                };
                let lost = matches!(result, Err(SourceError::CameraLost { .. }));
                if let Ok(mut s) = lock.lock() {
                    s.put(result);
                }
                cvar.notify_all();
                if lost {
                    break;
                }
            }
            let _ = camera.stop_stream();
        })
        .map_err(|cause| SourceError::Io {
            what: "camera thread".into(),
            cause,
        })?;
    let fps = ready_rx.recv().map_err(|_| SourceError::CameraOpen {
        camera: options.camera.clone(),
        message: "the capture thread stopped".into(),
    })??;
    Ok((slot, stop, thread, fps))
}

impl CameraSource {
    /// Opens the camera and starts streaming.
    pub fn open(options: CameraOptions) -> Result<CameraSource, SourceError> {
        let started = Instant::now();
        let (slot, stop, thread, fps) = start_capture(&options, started)?;
        Ok(CameraSource {
            options,
            slot,
            stop,
            thread: Some(thread),
            started,
            fps,
            seen_frame: false,
        })
    }

    /// Tries to open the camera again after it was lost; time keeps running.
    pub fn reopen(&mut self) -> Result<(), SourceError> {
        self.shutdown();
        let (slot, stop, thread, fps) = start_capture(&self.options, self.started)?;
        self.slot = slot;
        self.stop = stop;
        self.thread = Some(thread);
        self.fps = fps;
        self.seen_frame = false;
        Ok(())
    }

    fn shutdown(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for CameraSource {
    fn drop(&mut self) {
        self.shutdown();
    }
}

impl FrameSource for CameraSource {
    fn next_frame(&mut self) -> Option<Result<Frame, SourceError>> {
        let (lock, cvar) = &*self.slot;
        let mut slot = lock.lock().ok()?;
        loop {
            if let Some(frame) = slot.frame.take() {
                self.seen_frame |= frame.is_ok();
                return Some(frame);
            }
            if slot.ended {
                return Some(Err(SourceError::CameraLost {
                    camera: self.options.camera.clone(),
                    message: "no more frames".into(),
                }));
            }
            let limit = if self.seen_frame {
                CAMERA_LOST_AFTER
            } else {
                CAMERA_FRAME_TIMEOUT
            };
            let (guard, timeout) = cvar.wait_timeout(slot, limit).ok()?;
            slot = guard;
            if timeout.timed_out() && slot.frame.is_none() {
                return Some(Err(SourceError::CameraLost {
                    camera: self.options.camera.clone(),
                    message: format!("no frame for {} s", limit.as_secs_f64()),
                }));
            }
        }
    }

    fn fps_hint(&self) -> Option<f64> {
        Some(self.fps)
    }

    fn frame_count_hint(&self) -> Option<u64> {
        None
    }

    fn is_live(&self) -> bool {
        true
    }

    fn take_dropped(&mut self) -> u64 {
        let (lock, _) = &*self.slot;
        lock.lock()
            .map(|mut s| std::mem::take(&mut s.dropped))
            .unwrap_or(0)
    }
}

/// A camera silent for this long before its first frame counts as lost (some take a
/// moment to start streaming).
pub const CAMERA_FRAME_TIMEOUT: Duration = Duration::from_secs(3);
/// A streaming camera silent for this long counts as lost: the user is told within a
/// second, not left wondering why the count stopped.
pub const CAMERA_LOST_AFTER: Duration = Duration::from_secs(1);

/// Converts a camera buffer to RGB.
fn to_rgb(
    format: FrameFormat,
    width: u32,
    height: u32,
    data: &[u8],
) -> Result<RgbImage, SourceError> {
    let unsupported = || SourceError::UnsupportedPixelFormat {
        format: format.to_string(),
    };
    let (w, h) = (width as usize, height as usize);
    match format {
        FrameFormat::MJPEG => image::load_from_memory_with_format(data, image::ImageFormat::Jpeg)
            .map(|i| i.to_rgb8())
            .map_err(|_| unsupported()),
        FrameFormat::RAWRGB => {
            RgbImage::from_raw(width, height, data.to_vec()).ok_or_else(unsupported)
        }
        FrameFormat::RAWBGR => {
            let mut v = data.to_vec();
            v.chunks_exact_mut(3).for_each(|p| p.swap(0, 2));
            RgbImage::from_raw(width, height, v).ok_or_else(unsupported)
        }
        FrameFormat::GRAY => {
            let v = data.iter().flat_map(|g| [*g, *g, *g]).collect();
            RgbImage::from_raw(width, height, v).ok_or_else(unsupported)
        }
        FrameFormat::YUYV => {
            if data.len() < w * h * 2 {
                return Err(unsupported());
            }
            let mut out = Vec::with_capacity(w * h * 3);
            for px in data[..w * h * 2].chunks_exact(4) {
                let (y0, u, y1, v) = (px[0], px[1], px[2], px[3]);
                out.extend_from_slice(&yuv_to_rgb(y0, u, v));
                out.extend_from_slice(&yuv_to_rgb(y1, u, v));
            }
            RgbImage::from_raw(width, height, out).ok_or_else(unsupported)
        }
        FrameFormat::NV12 => {
            if data.len() < w * h * 3 / 2 {
                return Err(unsupported());
            }
            let (luma, chroma) = data.split_at(w * h);
            let mut out = Vec::with_capacity(w * h * 3);
            for y in 0..h {
                for x in 0..w {
                    let c = (y / 2) * w + (x / 2) * 2;
                    out.extend_from_slice(&yuv_to_rgb(luma[y * w + x], chroma[c], chroma[c + 1]));
                }
            }
            RgbImage::from_raw(width, height, out).ok_or_else(unsupported)
        }
    }
}

/// BT.601 limited-range YUV to RGB.
fn yuv_to_rgb(y: u8, u: u8, v: u8) -> [u8; 3] {
    let c = (f32::from(y) - 16.0) * 1.164;
    let d = f32::from(u) - 128.0;
    let e = f32::from(v) - 128.0;
    let clamp = |x: f32| x.round().clamp(0.0, 255.0) as u8;
    [
        clamp(c + 1.596 * e),
        clamp(c - 0.392 * d - 0.813 * e),
        clamp(c + 2.017 * d),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(t_secs: f64) -> Result<Frame, SourceError> {
        Ok(Frame {
            t_secs,
            image: Arc::new(image::RgbImage::new(2, 2)),
        })
    }

    #[test]
    fn a_frame_replaced_before_it_was_taken_counts_as_dropped() {
        let mut slot = Slot::default();
        slot.put(frame(0.0));
        slot.put(frame(0.033));
        slot.put(frame(0.066));
        assert_eq!(slot.dropped, 2);
        assert!(matches!(slot.frame.take(), Some(Ok(f)) if f.t_secs == 0.066));
        // Taken, then a new one: nothing dropped.
        slot.put(frame(0.1));
        assert_eq!(slot.dropped, 2);
        slot.put(Err(SourceError::CameraLost {
            camera: "0".into(),
            message: "unplugged".into(),
        }));
        assert!(slot.ended);
        assert_eq!(slot.dropped, 3);
    }

    #[test]
    fn yuyv_grey_converts_to_grey() {
        let data = [128u8, 128, 128, 128];
        let img = to_rgb(FrameFormat::YUYV, 2, 1, &data).expect("converts");
        let p = img.get_pixel(0, 0).0;
        assert!(p[0] == p[1] && p[1] == p[2], "{p:?}");
    }

    #[test]
    fn short_buffers_are_errors_not_panics() {
        assert!(to_rgb(FrameFormat::YUYV, 4, 4, &[0u8; 3]).is_err());
        assert!(to_rgb(FrameFormat::NV12, 4, 4, &[0u8; 3]).is_err());
        assert!(to_rgb(FrameFormat::MJPEG, 4, 4, &[0u8; 3]).is_err());
    }
}
