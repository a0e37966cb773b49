//! Pose engine: model contracts, a golden crop, real images and videos, and bad input.

use std::path::PathBuf;
use std::process::Command;

use backcoach::engine::{
    self, DETECTOR_CONTRACT, DETECTOR_FILE, EngineOptions, LANDMARK_CONTRACT, ModelKind,
    PoseEngine, Roi,
};
use backcoach::landmark::Landmark;
use backcoach::track::TrackReader;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn models() -> PathBuf {
    repo().join("models")
}

fn data(rel: &str) -> PathBuf {
    repo().join("tests/data").join(rel)
}

fn engine(kind: ModelKind) -> PoseEngine {
    PoseEngine::new(&EngineOptions {
        models_dir: Some(models()),
        model: kind,
        threads: 1,
        smoothing: false,
    })
    .expect("engine loads")
}

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_backcoach"))
}

#[test]
fn every_shipped_model_has_the_expected_interface() {
    let cases = [
        (DETECTOR_FILE, DETECTOR_CONTRACT),
        (ModelKind::Full.file_name(), LANDMARK_CONTRACT),
        (ModelKind::Lite.file_name(), LANDMARK_CONTRACT),
    ];
    for (file, contract) in cases {
        let session = engine::load_model(&models().join(file), 1, contract).expect(file);
        let (inputs, outputs) = engine::describe_session(&session);
        assert_eq!(inputs.len(), contract.0.len(), "{file}: {inputs:?}");
        assert_eq!(outputs.len(), contract.1.len(), "{file}: {outputs:?}");
        assert!(inputs[0].ends_with(":float32"), "{file}: {inputs:?}");
    }
}

#[test]
fn a_model_with_the_wrong_interface_is_refused() {
    let err = engine::load_model(&models().join(DETECTOR_FILE), 1, LANDMARK_CONTRACT)
        .expect_err("mismatch");
    let msg = err.to_string();
    assert!(
        msg.contains("wrong interface") && msg.contains("pose_detection.onnx"),
        "{msg}"
    );
}

#[derive(serde::Deserialize)]
struct Golden {
    #[serde(rename = "Identity")]
    identity: Vec<[f32; 5]>,
    #[serde(rename = "Identity_1")]
    pose_flag: serde_json::Value,
}

#[test]
fn full_model_reproduces_the_golden_crop() {
    let dir = models().join("convert");
    let golden: Golden = serde_json::from_str(
        &std::fs::read_to_string(dir.join("golden_full_landmarks.json")).expect("golden json"),
    )
    .expect("golden parses");
    let img = image::open(dir.join("golden_crop_256.png"))
        .expect("crop")
        .to_rgb8();
    let crop: Vec<f32> = img.as_raw().iter().map(|v| f32::from(*v) / 255.0).collect();
    // A region equal to the crop itself: decoded pixels are the model's crop units.
    let roi = Roi {
        center_x_px: 128.0,
        center_y_px: 128.0,
        width_px: 256.0,
        height_px: 256.0,
        rotation_rad: 0.0,
    };
    let out = engine(ModelKind::Full)
        .landmarks_for_crop(&crop, &roi)
        .expect("runs")
        .expect("decodes");
    let flag = golden
        .pose_flag
        .as_f64()
        .or_else(|| golden.pose_flag.get(0).and_then(|v| v.as_f64()));
    if let Some(flag) = flag {
        assert!((f64::from(out.pose.score) - flag).abs() < 1e-3);
    }
    const TOLERANCE_PX: f32 = 0.05;
    for lm in Landmark::ALL {
        let g = golden.identity[lm.index()];
        let p = out.pose.get(lm).expect("landmark");
        assert!(
            (p.x_px - g[0]).abs() < TOLERANCE_PX && (p.y_px - g[1]).abs() < TOLERANCE_PX,
            "{lm:?}: ({}, {}) vs golden ({}, {})",
            p.x_px,
            p.y_px,
            g[0],
            g[1]
        );
    }
}

fn coco_truth() -> Vec<(Landmark, [f32; 2])> {
    let json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(data("images/coco_000000000785.keypoints.json")).expect("truth"),
    )
    .expect("parses");
    let kps = json["keypoints"].as_object().expect("keypoints");
    kps.iter()
        .filter_map(|(name, v)| {
            let lm = Landmark::from_name(name)?;
            let x = v[0].as_f64()? as f32;
            let y = v[1].as_f64()? as f32;
            (v[2].as_f64()? > 0.0).then_some((lm, [x, y]))
        })
        .collect()
}

#[test]
fn finds_the_skier_within_a_fifth_of_the_torso() {
    let img = image::open(data("images/coco_000000000785.jpg"))
        .expect("image")
        .to_rgb8();
    let mut engine = engine(ModelKind::Full);
    let (frame, timings) = engine.process(&img, 0.0).expect("runs");
    assert!(timings.detector_ran);
    assert_eq!(frame.people_detected, Some(1));
    let pose = frame.pose.expect("a person");
    let truth = coco_truth();
    let get = |lm| {
        truth
            .iter()
            .find(|(l, _)| *l == lm)
            .map(|(_, p)| *p)
            .expect("truth point")
    };
    let ls = get(Landmark::LeftShoulder);
    let rh = get(Landmark::RightHip);
    let torso = ((ls[0] - rh[0]).powi(2) + (ls[1] - rh[1]).powi(2)).sqrt();
    let mut correct = 0;
    for (lm, t) in &truth {
        let p = pose.get(*lm).expect("landmark");
        let d = ((p.x_px - t[0]).powi(2) + (p.y_px - t[1]).powi(2)).sqrt();
        if d <= 0.2 * torso {
            correct += 1;
        }
    }
    let pck = correct as f32 / truth.len() as f32;
    assert!(pck >= 0.9, "PCK@0.2 = {pck}");
}

#[test]
fn an_empty_image_has_nobody() {
    let img = image::RgbImage::from_pixel(320, 240, image::Rgb([90, 90, 90]));
    let (frame, _) = engine(ModelKind::Lite).process(&img, 0.0).expect("runs");
    assert!(frame.pose.is_none());
    assert_eq!(frame.people_detected, Some(0));
}

#[test]
fn pose_command_tracks_a_real_video_with_its_timestamps() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = dir.path().join("track.jsonl");
    let status = bin()
        .args(["pose", "--model", "lite", "--threads", "1", "--out"])
        .arg(&out)
        .arg(data("video/pose2sim_single_person_cam01.mp4"))
        .status()
        .expect("runs");
    assert!(status.success());
    let frames = TrackReader::read_all(&out).expect("track reads back");
    assert_eq!(frames.len(), 100, "the clip has 100 frames");
    assert!(frames.windows(2).all(|w| w[1].t_secs > w[0].t_secs));
    // 60 fps stream: the last frame is at 99/60 s.
    let last = frames.last().expect("frames").t_secs;
    assert!((last - 99.0 / 60.0).abs() < 0.02, "last t = {last}");
    let with_person = frames.iter().filter(|f| f.pose.is_some()).count();
    assert!(with_person >= 95, "person in {with_person}/100 frames");
    assert_eq!(frames[0].image_size, [1080, 1920]);
}

#[test]
fn pose_stats_count_every_frame_with_the_apps_keys() {
    let dir = tempfile::tempdir().expect("tmp");
    let stats_path = dir.path().join("stats.json");
    let status = bin()
        .args([
            "pose",
            "--model",
            "lite",
            "--threads",
            "1",
            "--out",
            "/dev/null",
            "--stats",
        ])
        .arg(&stats_path)
        .arg(data("video/pose2sim_single_person_cam01.mp4"))
        .status()
        .expect("runs");
    assert!(status.success());
    let text = std::fs::read_to_string(&stats_path).expect("stats written");
    // The keys the live app's `--stats` writes, so the two compare key by key.
    let keys: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    for key in [
        "frames_offered",
        "frames_judged",
        "frames_dropped",
        "dropped_at",
        "inference_ms",
        "latency_ms",
        "fps_judged",
        "cpu_percent",
        "peak_rss_mb",
        "model",
    ] {
        assert!(keys.get(key).is_some(), "{key} missing: {text}");
    }
    let stats: backcoach::stats::StatsReport = serde_json::from_str(&text).expect("typed");
    // Headless and not paced: nothing is dropped.
    assert_eq!(stats.frames_offered, 100);
    assert_eq!(stats.frames_judged, 100);
    assert_eq!(stats.frames_dropped, 0);
    for p in [stats.inference_ms, stats.latency_ms] {
        assert!(p.p50 > 0.0 && p.p50 <= p.p95, "{text}");
    }
    assert!(stats.latency_ms.p50 >= stats.inference_ms.p50, "{text}");
    assert!(stats.cpu_percent > 0.0 && stats.fps_judged > 0.0, "{text}");
    assert_eq!(stats.model, "lite");
}

/// Two real people side by side: the COCO skier on the left, and the yoga pose photo,
/// larger and central, shifting right by `offset_px`.
fn two_people(offset_px: i64) -> image::RgbImage {
    let photo = image::open(data("images/coco_000000000785.jpg"))
        .expect("image")
        .to_rgb8();
    let person = image::imageops::crop_imm(&photo, 250, 20, 280, 390).to_image();
    let yoga = image::open(repo().join("tests/data/images/pexels_yoga_pose.jpg"))
        .expect("yoga")
        .to_rgb8();
    let small = image::imageops::resize(&yoga, 630, 420, image::imageops::FilterType::Triangle);
    let mut canvas = image::RgbImage::from_pixel(1000, 440, image::Rgb([235, 235, 240]));
    image::imageops::overlay(&mut canvas, &person, 60, 25);
    image::imageops::overlay(&mut canvas, &small, 360 + offset_px, 20);
    canvas
}

#[test]
fn the_main_subject_is_chosen_and_kept_when_two_people_are_in_view() {
    let mut engine = engine(ModelKind::Full);
    let mut counted_two = false;
    for i in 0..12 {
        let frame = two_people(i * 2);
        let (out, _) = engine
            .process(&frame, f64::from(i as i32) / 30.0)
            .expect("runs");
        counted_two |= out.people_detected == Some(2);
        let pose = out.pose.expect("the subject");
        let hip = pose.get(Landmark::LeftHip).expect("hip");
        // The subject is the larger, more central yoga pose (hips near x = 670 + offset),
        // never the skier on the left (hips near x = 240).
        assert!(
            (hip.x_px - (670.0 + 2.0 * i as f32)).abs() < 60.0,
            "frame {i}: hip at {}",
            hip.x_px
        );
    }
    assert!(counted_two, "the detector should count both people");
}

#[test]
fn a_video_with_several_people_runs_to_the_end() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = dir.path().join("track.jsonl");
    let status = bin()
        .args(["pose", "--model", "lite", "--threads", "1", "--out"])
        .arg(&out)
        .arg(data("video/sports2d_several_people_3s_640.mp4"))
        .status()
        .expect("runs");
    assert!(status.success());
    let frames = TrackReader::read_all(&out).expect("track");
    assert_eq!(frames.len(), 90);
}

fn run_err(args: &[&str], envs: &[(&str, &str)]) -> String {
    let mut cmd = bin();
    cmd.args(args);
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("runs");
    assert!(!out.status.success(), "{args:?} should fail");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(
        stderr.trim().lines().count(),
        1,
        "one-line message: {stderr}"
    );
    stderr
}

#[test]
fn bad_input_gets_a_clear_one_line_message() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    let img = data("images/coco_000000000785.jpg");
    let img = img.to_str().expect("utf8");

    let msg = run_err(&["pose", "/nonexistent/clip.mp4"], &[]);
    assert!(
        msg.contains("/nonexistent/clip.mp4") && msg.contains("no such file"),
        "{msg}"
    );

    std::fs::create_dir(d.join("empty")).expect("mkdir");
    let msg = run_err(&["pose", d.join("empty").to_str().expect("utf8")], &[]);
    assert!(msg.contains("no .png or .jpg images"), "{msg}");

    std::fs::write(d.join("notes.mp4"), "not a video").expect("write");
    let msg = run_err(&["pose", d.join("notes.mp4").to_str().expect("utf8")], &[]);
    assert!(
        msg.contains("notes.mp4") && msg.contains("cannot read it as a video"),
        "{msg}"
    );

    let video = std::fs::read(data("video/pose2sim_single_person_cam01.mp4")).expect("video");
    std::fs::write(d.join("cut.mp4"), &video[..video.len() / 2]).expect("write");
    let msg = run_err(&["pose", d.join("cut.mp4").to_str().expect("utf8")], &[]);
    assert!(msg.contains("cut.mp4"), "{msg}");

    std::fs::write(d.join("broken.jpg"), "not an image").expect("write");
    let msg = run_err(&["pose", d.join("broken.jpg").to_str().expect("utf8")], &[]);
    assert!(
        msg.contains("broken.jpg") && msg.contains("cannot decode"),
        "{msg}"
    );

    // Models: missing and corrupt.
    std::fs::create_dir(d.join("models")).expect("mkdir");
    let models_dir = d.join("models");
    let models_arg = models_dir.to_str().expect("utf8");
    let msg = run_err(&["pose", "--models-dir", models_arg, img], &[]);
    assert!(
        msg.contains("pose_detection.onnx") && msg.contains("missing"),
        "{msg}"
    );
    std::fs::write(models_dir.join("pose_detection.onnx"), b"garbage").expect("write");
    let msg = run_err(&["pose", "--models-dir", models_arg, img], &[]);
    assert!(
        msg.contains("pose_detection.onnx") && msg.contains("damaged"),
        "{msg}"
    );

    // ONNX Runtime: missing and not a library.
    let msg = run_err(
        &["pose", img],
        &[("ORT_DYLIB_PATH", "/nonexistent/libonnxruntime.so")],
    );
    assert!(
        msg.contains("ONNX Runtime") && msg.contains("ORT_DYLIB_PATH"),
        "{msg}"
    );
    let fake = d.join("libonnxruntime.so");
    std::fs::write(&fake, b"not a library").expect("write");
    let msg = run_err(
        &["pose", img],
        &[("ORT_DYLIB_PATH", fake.to_str().expect("utf8"))],
    );
    assert!(msg.contains("cannot load ONNX Runtime"), "{msg}");

    // ffmpeg missing from PATH.
    let msg = run_err(
        &["pose", "tests/data/video/pose2sim_single_person_cam01.mp4"],
        &[("PATH", "/nonexistent")],
    );
    assert!(
        msg.contains("ffprobe was not found") && msg.contains("apt-get install ffmpeg"),
        "{msg}"
    );
}

#[test]
fn overlay_images_are_written() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = dir.path().join("overlay.png");
    let status = bin()
        .args(["pose", "--model", "lite", "--overlay"])
        .arg(&out)
        .arg(data("images/coco_000000000785.jpg"))
        .status()
        .expect("runs");
    assert!(status.success());
    let img = image::open(&out).expect("png").to_rgb8();
    assert_eq!(img.dimensions(), (640, 425));
    // The skeleton is drawn: some orange joint pixels exist.
    assert!(img.pixels().any(|p| p.0 == [255, 140, 0]));
}

/// Mean over landmarks of the standard deviation of (x, y) across frames, in pixels.
fn jitter_px(frames: &[backcoach::pose::Pose]) -> f32 {
    let mut total = 0.0;
    for lm in Landmark::ALL {
        let pts: Vec<[f32; 2]> = frames
            .iter()
            .filter_map(|p| p.get(lm).map(|q| [q.x_px, q.y_px]))
            .collect();
        let n = pts.len() as f32;
        let mean = pts
            .iter()
            .fold([0.0, 0.0], |a, p| [a[0] + p[0] / n, a[1] + p[1] / n]);
        let var = pts
            .iter()
            .map(|p| (p[0] - mean[0]).powi(2) + (p[1] - mean[1]).powi(2))
            .sum::<f32>()
            / n;
        total += var.sqrt();
    }
    total / Landmark::ALL.len() as f32
}

#[test]
fn smoothing_calms_a_still_person() {
    // A still person filmed by a noisy sensor: the same photo with fresh pixel noise and a
    // one-pixel shake each frame.
    let photo = image::open(data("images/coco_000000000785.jpg"))
        .expect("image")
        .to_rgb8();
    let mut seed = 12345u32;
    let mut noise = move || {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        (seed % 17) as i16 - 8
    };
    let frames: Vec<image::RgbImage> = (0..24)
        .map(|i| {
            let dx = (i % 3) as u32;
            let mut f = image::imageops::crop_imm(&photo, dx, 0, 636, 425).to_image();
            for p in f.pixels_mut() {
                for c in &mut p.0 {
                    *c = (i16::from(*c) + noise()).clamp(0, 255) as u8;
                }
            }
            f
        })
        .collect();
    let run = |smoothing: bool| {
        let mut engine = PoseEngine::new(&EngineOptions {
            models_dir: Some(models()),
            model: ModelKind::Full,
            threads: 0,
            smoothing,
        })
        .expect("engine");
        let poses: Vec<_> = frames
            .iter()
            .enumerate()
            .map(|(i, f)| {
                engine
                    .process(f, i as f64 / 30.0)
                    .expect("runs")
                    .0
                    .pose
                    .expect("person")
            })
            .collect();
        jitter_px(&poses[6..])
    };
    let raw = run(false);
    let smoothed = run(true);
    eprintln!("still-person jitter: raw {raw:.2} px, smoothed {smoothed:.2} px");
    assert!(smoothed < raw * 0.5, "raw {raw} px, smoothed {smoothed} px");
}

#[test]
fn variable_frame_rate_video_keeps_each_frames_own_time() {
    use backcoach::source::{FrameSource, VideoSource};
    let dir = tempfile::tempdir().expect("tmp");
    let clip = dir.path().join("vfr.mp4");
    // 30 frames at 30 fps, then 10 frames at 10 fps: 40 frames over 1.9 s (nominal rate
    // 22.2 fps, which would put the last frame at 1.76 s).
    let status = std::process::Command::new("ffmpeg")
        .args(["-v", "error", "-y", "-f", "lavfi", "-i"])
        .arg("testsrc=size=160x120:rate=30")
        .args([
            "-t",
            "2",
            "-vf",
            "setpts='if(lt(N,30),N/30,1+(N-30)/10)/TB'",
        ])
        .args(["-fps_mode", "vfr", "-c:v", "libx264", "-pix_fmt", "yuv420p"])
        .arg(&clip)
        .status()
        .expect("ffmpeg runs");
    assert!(status.success());
    let mut src = VideoSource::open(&clip).expect("opens");
    let mut times = Vec::new();
    while let Some(frame) = src.next_frame() {
        times.push(frame.expect("frame").t_secs);
    }
    assert_eq!(times.len(), 40);
    for (i, t) in times.iter().enumerate() {
        let want = if i < 30 {
            i as f64 / 30.0
        } else {
            1.0 + (i - 30) as f64 / 10.0
        };
        assert!((t - want).abs() < 1e-3, "frame {i}: {t} s, want {want} s");
    }
}

#[test]
fn people_are_told_apart_by_their_hips() {
    use backcoach::engine::{SAME_PERSON_FRACTION, count_people};
    // One body seen three times (two scales, a tile): hips within a quarter region.
    let one = [
        ([400.0, 300.0], 500.0),
        ([430.0, 260.0], 440.0),
        ([395.0, 200.0], 520.0),
    ];
    assert_eq!(count_people(&one), 1);
    // Two people side by side, hips most of a region apart.
    let side = 500.0;
    let two = [
        ([400.0, 300.0], side),
        ([400.0 + 0.7 * side, 300.0], side),
        ([410.0, 280.0], side),
    ];
    assert_eq!(count_people(&two), 2);
    // The boundary.
    let near = [
        ([0.0, 0.0], side),
        ([(SAME_PERSON_FRACTION - 0.01) * side, 0.0], side),
    ];
    assert_eq!(count_people(&near), 1);
    assert_eq!(count_people(&[]), 0);
}
