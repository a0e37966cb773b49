//! `backcoach pose` and `backcoach cameras`.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::Context;
use backcoach::engine::{EngineOptions, ModelKind};
use backcoach::pipeline::{
    PipelineError, PipelineOptions, Sink, SourceSpec, StreamItem, open_pose_stream, run_to_sinks,
};
use backcoach::stats::{LiveCounters, cpu_secs};
use backcoach::track::TrackWriter;

/// Arguments of `backcoach pose`.
#[derive(Debug, clap::Args)]
pub struct PoseArgs {
    /// Webcam index (0), `camera:NAME`, a video file, an image, or a folder of images.
    input: String,
    /// Write the pose track (JSON Lines) here; `-` for stdout.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Write overlay PNGs (skeleton drawn on each frame): a folder, or a .png file for a
    /// single image.
    #[arg(long)]
    overlay: Option<PathBuf>,
    /// Landmark model.
    #[arg(long, value_enum, default_value_t = ModelKind::Full)]
    model: ModelKind,
    /// Folder with the .onnx models (default: the shipped `models/`).
    #[arg(long)]
    models_dir: Option<PathBuf>,
    /// Inference threads (0 = all cores).
    #[arg(long, default_value_t = 0)]
    threads: usize,
    /// Turn off landmark smoothing.
    #[arg(long)]
    no_smoothing: bool,
    /// Stop after this many frames (useful for webcams).
    #[arg(long)]
    max_frames: Option<u64>,
    /// Play a recording in real time, like a camera (late frames are dropped before
    /// inference, as the live app drops them).
    #[arg(long)]
    realtime: bool,
    /// Write what the run judged and how fast (the same JSON keys as the app's `--stats`;
    /// latency here is frame arrival → pose ready).
    #[arg(long)]
    stats: Option<PathBuf>,
}

/// Counts each item as judged, with its latency (the headless consumer of `--stats`).
struct StatsSink {
    counters: std::sync::Arc<LiveCounters>,
}

impl Sink for StatsSink {
    fn on_item(&mut self, item: &StreamItem) -> Result<(), PipelineError> {
        self.counters.judged();
        self.counters.latency(item.latency_ms);
        Ok(())
    }
}

struct TrackSink<W: std::io::Write> {
    writer: TrackWriter<W>,
}

impl<W: std::io::Write> Sink for TrackSink<W> {
    fn on_item(&mut self, item: &StreamItem) -> Result<(), PipelineError> {
        self.writer.write(&item.pose_frame)?;
        Ok(())
    }
    fn finish(&mut self) -> Result<(), PipelineError> {
        self.writer.flush()?;
        Ok(())
    }
}

struct OverlaySink {
    target: PathBuf,
    single_file: bool,
    index: u64,
}

impl Sink for OverlaySink {
    fn on_item(&mut self, item: &StreamItem) -> Result<(), PipelineError> {
        let Some(image) = &item.image else {
            return Ok(());
        };
        let mut canvas = (**image).clone();
        if let Some(pose) = &item.pose_frame.pose {
            backcoach::overlay::draw_pose(&mut canvas, pose);
        }
        let path = if self.single_file {
            self.target.clone()
        } else {
            self.target.join(format!("frame_{:06}.png", self.index))
        };
        self.index += 1;
        canvas.save(&path).map_err(|e| {
            PipelineError::Sink(format!("cannot write overlay {}: {e}", path.display()))
        })
    }
}

struct LimitSink {
    remaining: Option<u64>,
}

/// Runs `backcoach pose`.
pub fn run(args: PoseArgs) -> anyhow::Result<()> {
    let spec = SourceSpec::parse(&args.input);
    if let SourceSpec::Track(p) = &spec {
        anyhow::bail!(
            "{} is already a pose track; give a video, image, folder or webcam index",
            p.display()
        );
    }
    let options = PipelineOptions {
        engine: EngineOptions {
            models_dir: args.models_dir.clone(),
            model: args.model,
            threads: args.threads,
            smoothing: !args.no_smoothing,
        },
        keep_images: args.overlay.is_some(),
        realtime: args.realtime,
        every_frame: false,
        counters: args.stats.as_ref().map(|_| Default::default()),
        model_preference: None,
    };
    let started = std::time::Instant::now();
    let cpu_at_start = cpu_secs().0;
    let mut stream = open_pose_stream(&spec, &options)?;

    let mut track_sink_file = None;
    let mut track_sink_stdout = None;
    match &args.out {
        Some(p) if p == Path::new("-") => {
            track_sink_stdout = Some(TrackSink {
                writer: TrackWriter::new(std::io::BufWriter::new(std::io::stdout().lock())),
            });
        }
        Some(p) => {
            track_sink_file = Some(TrackSink {
                writer: TrackWriter::create(p)
                    .with_context(|| format!("cannot create {}", p.display()))?,
            });
        }
        None => {}
    }
    let mut overlay_sink = match &args.overlay {
        Some(target) => {
            let single_file = target
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("png"));
            if !single_file {
                std::fs::create_dir_all(target)
                    .with_context(|| format!("cannot create {}", target.display()))?;
            }
            Some(OverlaySink {
                target: target.clone(),
                single_file,
                index: 0,
            })
        }
        None => None,
    };
    let mut sinks: Vec<&mut dyn Sink> = Vec::new();
    if let Some(s) = track_sink_file.as_mut() {
        sinks.push(s);
    }
    if let Some(s) = track_sink_stdout.as_mut() {
        sinks.push(s);
    }
    if let Some(s) = overlay_sink.as_mut() {
        sinks.push(s);
    }
    let mut stats_sink = options
        .counters
        .clone()
        .map(|counters| StatsSink { counters });
    if let Some(s) = stats_sink.as_mut() {
        sinks.push(s);
    }

    let progress = if std::io::stderr().is_terminal() {
        let bar = match stream.frame_count_hint() {
            Some(n) => indicatif::ProgressBar::new(n),
            None => indicatif::ProgressBar::new_spinner(),
        };
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} frames {per_sec} {eta}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        Some(bar)
    } else {
        None
    };
    let mut limit = LimitSink {
        remaining: args.max_frames,
    };
    let mut limited = LimitedStream {
        inner: stream.as_mut(),
        limit: &mut limit,
    };
    let stats = run_to_sinks(&mut limited, &mut sinks, |n| {
        if let Some(bar) = &progress {
            bar.set_position(n);
        }
    })?;
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    let secs = started.elapsed().as_secs_f64();
    if let Some(w) = &stats.warning {
        eprintln!("warning: {w} The decoded frames were kept.");
    }
    eprintln!(
        "{} frames ({} with a person) in {:.2} s: {:.1} frames/s; per frame: preprocess {:.2} ms, inference {:.2} ms, postprocess {:.2} ms",
        stats.frames,
        stats.frames_with_person,
        secs,
        stats.frames as f64 / secs.max(1e-9),
        stats.timings_total.preprocess_ms / stats.frames.max(1) as f32,
        stats.timings_total.inference_ms / stats.frames.max(1) as f32,
        stats.timings_total.postprocess_ms / stats.frames.max(1) as f32,
    );
    if let (Some(path), Some(counters)) = (&args.stats, &options.counters) {
        counters
            .report(args.model.name(), secs, cpu_secs().0 - cpu_at_start)
            .write(path)?;
    }
    Ok(())
}

struct LimitedStream<'a> {
    inner: &'a mut dyn backcoach::pipeline::PoseStream,
    limit: &'a mut LimitSink,
}

impl backcoach::pipeline::PoseStream for LimitedStream<'_> {
    fn next_item(&mut self) -> Option<Result<StreamItem, PipelineError>> {
        if let Some(n) = &mut self.limit.remaining {
            if *n == 0 {
                return None;
            }
            *n -= 1;
        }
        self.inner.next_item()
    }
    fn fps_hint(&self) -> Option<f64> {
        self.inner.fps_hint()
    }
    fn frame_count_hint(&self) -> Option<u64> {
        self.inner.frame_count_hint()
    }
    fn is_live(&self) -> bool {
        self.inner.is_live()
    }
}

/// Runs `backcoach cameras`.
pub fn list_cameras() -> anyhow::Result<()> {
    let cams = backcoach::source::list_cameras()?;
    if cams.is_empty() {
        outln!("No camera found. Connect a webcam, or use a video: backcoach --source VIDEO")?;
    }
    for c in cams {
        outln!("{}\t{}", c.index, c.name)?;
    }
    Ok(())
}
