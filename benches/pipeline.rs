//! Per-stage benchmarks of the pose pipeline: decode, preprocess, inference, postprocess,
//! and a whole tracked frame. Run with `cargo bench`; the numbers quoted in BENCHMARKS.md
//! are criterion's medians on the 2-core CI machine.

use std::hint::black_box;
use std::path::PathBuf;

use backcoach::engine::{
    Border, DETECTOR_INPUT_SIZE, EngineOptions, LANDMARK_INPUT_SIZE, Letterbox, ModelKind,
    PoseEngine, Roi, anchors, crop_to_tensor, decode_detections,
};
use backcoach::smoothing::{LANDMARK_FILTER, PoseSmoother};
use backcoach::source::{FrameSource, VideoSource};
use criterion::{Criterion, criterion_group, criterion_main};

fn data(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(rel)
}

fn engine(model: ModelKind, threads: usize) -> PoseEngine {
    let options = EngineOptions {
        models_dir: Some(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("models")),
        model,
        threads,
        smoothing: true,
    };
    match PoseEngine::new(&options) {
        Ok(e) => e,
        Err(e) => panic!("cannot load the engine: {e}"),
    }
}

fn photo() -> image::RgbImage {
    match image::open(data("images/coco_000000000785.jpg")) {
        Ok(i) => i.to_rgb8(),
        Err(e) => panic!("test image: {e}"),
    }
}

fn bench_decode(c: &mut Criterion) {
    let mut group = c.benchmark_group("decode");
    group.sample_size(10);
    // 100 frames of 1080x1920 H.264 through the ffmpeg CLI, per whole clip.
    group.bench_function("video_1080x1920_100_frames", |b| {
        b.iter(|| {
            let mut src =
                VideoSource::open(&data("video/pose2sim_single_person_cam01.mp4")).expect("video");
            let mut n = 0;
            while let Some(f) = src.next_frame() {
                black_box(f.expect("frame"));
                n += 1;
            }
            assert_eq!(n, 100);
        })
    });
    group.finish();
}

fn bench_preprocess(c: &mut Criterion) {
    let img = photo();
    let mut group = c.benchmark_group("preprocess");
    let mut det = vec![0.0f32; DETECTOR_INPUT_SIZE * DETECTOR_INPUT_SIZE * 3];
    let letterbox = Letterbox::for_image(img.width(), img.height());
    group.bench_function("letterbox_224", |b| {
        b.iter(|| letterbox.fill_input(black_box(&img), &mut det))
    });
    let mut crop = vec![0.0f32; LANDMARK_INPUT_SIZE * LANDMARK_INPUT_SIZE * 3];
    let roi = Roi {
        center_x_px: 390.0,
        center_y_px: 220.0,
        width_px: 430.0,
        height_px: 430.0,
        rotation_rad: 0.2,
    };
    group.bench_function("rotated_crop_256", |b| {
        b.iter(|| {
            crop_to_tensor(
                black_box(&img),
                &roi,
                LANDMARK_INPUT_SIZE,
                1.0,
                0.0,
                Border::Replicate,
                &mut crop,
            )
        })
    });
    // A body region wider than the picture (a person filling a portrait frame, or near
    // its edge): most samples fall outside and take the border path.
    let edge = Roi {
        center_x_px: 300.0,
        center_y_px: 260.0,
        width_px: 900.0,
        height_px: 900.0,
        rotation_rad: 0.05,
    };
    group.bench_function("rotated_crop_256_edge", |b| {
        b.iter(|| {
            crop_to_tensor(
                black_box(&img),
                &edge,
                LANDMARK_INPUT_SIZE,
                1.0,
                0.0,
                Border::Replicate,
                &mut crop,
            )
        })
    });
    // A portrait camera frame (720x1280) whose pixels are not in the cache, as each new
    // frame from the decoder is not: eight frames (22 MB) taken in turn.
    let frames: Vec<image::RgbImage> = (0..8u8)
        .map(|k| image::RgbImage::from_fn(720, 1280, |x, y| image::Rgb([x as u8, y as u8, k])))
        .collect();
    let body = Roi {
        center_x_px: 360.0,
        center_y_px: 640.0,
        width_px: 1100.0,
        height_px: 1100.0,
        rotation_rad: 0.02,
    };
    let mut next = 0;
    group.bench_function("rotated_crop_256_720x1280_cold", |b| {
        b.iter(|| {
            next = (next + 1) % frames.len();
            crop_to_tensor(
                black_box(&frames[next]),
                &body,
                LANDMARK_INPUT_SIZE,
                1.0,
                0.0,
                Border::Replicate,
                &mut crop,
            )
        })
    });
    group.finish();
}

fn bench_inference(c: &mut Criterion) {
    let img = photo();
    let mut group = c.benchmark_group("inference");
    group.sample_size(30);
    for threads in [1usize, 0] {
        let label = if threads == 0 {
            "all_cores"
        } else {
            "1_thread"
        };
        let mut full = engine(ModelKind::Full, threads);
        let mut timings = Default::default();
        group.bench_function(format!("detector_{label}"), |b| {
            b.iter(|| black_box(full.detect(&img, &mut timings).expect("detect")))
        });
        let roi = full.detect(&img, &mut timings).expect("detect")[0].roi();
        group.bench_function(format!("landmarks_full_{label}"), |b| {
            b.iter(|| black_box(full.landmarks(&img, &roi, &mut timings).expect("landmarks")))
        });
        let mut lite = engine(ModelKind::Lite, threads);
        group.bench_function(format!("landmarks_lite_{label}"), |b| {
            b.iter(|| black_box(lite.landmarks(&img, &roi, &mut timings).expect("landmarks")))
        });
    }
    group.finish();
}

fn bench_postprocess(c: &mut Criterion) {
    let mut group = c.benchmark_group("postprocess");
    let anchors = anchors();
    let letterbox = Letterbox::for_image(1280, 720);
    // 40 candidates above threshold in one cluster, the rest far below: a typical frame.
    let mut logits = vec![-10.0f32; anchors.len()];
    let mut regressors = vec![0.0f32; anchors.len() * 12];
    for i in 0..40 {
        logits[1600 + i] = 2.0 + i as f32 * 0.01;
        regressors[(1600 + i) * 12 + 2] = 60.0;
        regressors[(1600 + i) * 12 + 3] = 60.0;
    }
    group.bench_function("detections_decode_nms", |b| {
        b.iter(|| {
            black_box(decode_detections(
                &regressors,
                &logits,
                &anchors,
                &letterbox,
            ))
        })
    });
    let img = photo();
    let mut e = engine(ModelKind::Full, 0);
    let (frame, _) = e.process(&img, 0.0).expect("process");
    let pose = frame.pose.expect("person");
    let mut smoother = PoseSmoother::new(LANDMARK_FILTER);
    let mut t = 0.0;
    group.bench_function("one_euro_33_landmarks", |b| {
        b.iter(|| {
            t += 1.0 / 30.0;
            black_box(smoother.apply(t, &pose))
        })
    });
    group.finish();
}

fn bench_end_to_end(c: &mut Criterion) {
    let img = photo();
    let mut group = c.benchmark_group("frame");
    group.sample_size(30);
    for model in [ModelKind::Full, ModelKind::Lite] {
        let mut e = engine(model, 0);
        let mut t = 0.0;
        group.bench_function(format!("tracked_frame_{model:?}").to_lowercase(), |b| {
            b.iter(|| {
                // A steady stream: tracking, one landmark inference per frame (the detector
                // recount runs once per second of stream time).
                t += 1.0 / 30.0;
                black_box(e.process(&img, t).expect("process"))
            })
        });
    }
    group.finish();
}

/// The voice sink's cost per UI frame: the planner with nothing new (most frames), with a
/// counted rep (a catalogue lookup and formatting), and a whole minute of a set.
fn bench_voice(c: &mut Criterion) {
    use backcoach::i18n::Lang;
    use backcoach::session::{EventKind, SessionEvent};
    use backcoach::voice::{VoiceOptions, VoicePlanner};
    let options = VoiceOptions {
        enabled: true,
        tempo_calls: true,
        rate: 1.0,
        lang: Lang::Da,
    };
    let mut group = c.benchmark_group("voice");
    group.bench_function("planner_frame_no_events", |b| {
        let mut planner = VoicePlanner::new();
        let mut t = 0.0;
        b.iter(|| {
            t += 1.0 / 60.0;
            black_box(planner.update(t, &[], &options))
        })
    });
    group.bench_function("planner_frame_with_a_rep", |b| {
        let mut planner = VoicePlanner::new();
        let mut t = 0.0;
        let mut n = 0;
        b.iter(|| {
            t += 3.0;
            n = n % 8 + 1;
            let events = [SessionEvent {
                t_secs: t,
                kind: EventKind::Rep {
                    number: n,
                    target: 8,
                    too_fast: false,
                },
            }];
            black_box(planner.update(t, &events, &options))
        })
    });
    group.bench_function("one_minute_set_at_60_fps", |b| {
        b.iter(|| {
            let mut planner = VoicePlanner::new();
            let mut said = 0;
            for frame in 0..3600u32 {
                let t = f64::from(frame) / 60.0;
                let mut events = Vec::new();
                if frame % 180 == 0 {
                    events.push(SessionEvent {
                        t_secs: t,
                        kind: EventKind::Phase {
                            name: "Bøj".into(),
                            min_secs: 1.2,
                            calls: true,
                        },
                    });
                }
                if frame % 180 == 179 {
                    events.push(SessionEvent {
                        t_secs: t,
                        kind: EventKind::Rep {
                            number: frame / 180 % 8 + 1,
                            target: 8,
                            too_fast: false,
                        },
                    });
                }
                said += planner.update(t, &events, &options).len();
            }
            black_box(said)
        })
    });
    group.finish();
}

criterion_group!(
    benches,
    bench_decode,
    bench_preprocess,
    bench_inference,
    bench_postprocess,
    bench_end_to_end,
    bench_voice
);
criterion_main!(benches);
