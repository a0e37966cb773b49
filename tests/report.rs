//! The progress report: figures checked against a history written with synthetic times,
//! the HTML checked as well-formed XML with no external references, the CLI's JSON and
//! HTML, and a render by headless Chromium (Debian's `chromium`) that must not be blank.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

use backcoach::history::{History, PainReport, PlannedExercise, RepRecord, SessionStatus};
use backcoach::i18n::Lang;
use backcoach::progress::{
    ProgressReport, ReportOptions, build_report, render_html, render_html_in, write_html_report,
};

/// 2026-01-05 00:00 UTC, a Monday: day 0 of the script.
const T0: f64 = 1_767_571_200.0;
const HOUR: f64 = 3600.0;
const DAY: f64 = 24.0 * HOUR;

fn at(day: f64, hour: f64) -> f64 {
    T0 + day * DAY + hour * HOUR
}

fn rep(n: u32, start: f64, secs: f64, faults: &[&str], partial: bool) -> RepRecord {
    RepRecord {
        rep_number: n,
        start_secs: start,
        end_secs: start + secs,
        phase_secs: vec![secs / 2.0, secs / 2.0],
        depth: Some(1.0),
        faults: faults.iter().map(|f| (*f).to_owned()).collect(),
        side: None,
        partial,
        form_score: None,
        form_notes: Vec::new(),
    }
}

fn plan(id: &str, sets: u32) -> Vec<PlannedExercise> {
    vec![PlannedExercise {
        exercise_id: id.to_owned(),
        sets,
        reps: 5,
    }]
}

/// One set of reps, each `(secs, faults, partial)`, starting at `t` (wall clock).
fn set_of(
    h: &mut History,
    session: backcoach::history::SessionId,
    id: &str,
    number: u32,
    t: f64,
    reps: &[(f64, &[&str], bool)],
) -> f64 {
    let set = h.start_set(session, id, number, 5, t).unwrap();
    let mut clock = 0.0;
    for (i, (secs, faults, partial)) in reps.iter().enumerate() {
        let r = rep(i as u32 + 1, clock, *secs, faults, *partial);
        clock += secs + 1.0;
        h.record_rep(set, &r, t + clock).unwrap();
    }
    h.end_set(set, t + clock).unwrap();
    t + clock
}

fn pain(t: f64, intensity: Option<u8>, location: &str) -> PainReport {
    PainReport {
        reported_unix_secs: t,
        intensity,
        location: location.to_owned(),
        session_id: None,
        exercise_id: None,
    }
}

const OK: &[&str] = &[];
const FAST: &[&str] = &["too_fast"];

/// The scripted history (UTC days 0..7 from [`T0`]):
/// - day 0: knee-bend 2 sets of 5, set 2 has two too-fast reps (1.5 s), completed;
/// - day 1: hip-hinge, 5 reps of 5 s (one `head_forward`) and one partial, completed;
/// - day 2: rest;
/// - day 3: knee-bend, 3 reps, then a pain stop (6/10, "lower back, left");
/// - day 4: knee-bend, 2 reps of 3 s, never closed (interrupted);
/// - pain diary: 3 on day 0; 5 on day 4 08:00, day 5 12:00 (28 h), day 5 21:00 (37 h:
///   the 36-hour advice becomes due), day 6 09:00 (49 h); 3 on day 7 09:00.
fn scripted_history(dir: &Path) {
    let mut h = History::open(dir).unwrap();
    h.add_pain_report(&pain(at(0.0, 8.0), Some(3), "lower back"))
        .unwrap();

    let s1 = h
        .start_session(at(0.0, 9.0), &plan("knee-bend", 2))
        .unwrap();
    let t = set_of(
        &mut h,
        s1,
        "knee-bend",
        1,
        at(0.0, 9.0),
        &[(4.0, OK, false); 5],
    );
    let t = set_of(
        &mut h,
        s1,
        "knee-bend",
        2,
        t + 60.0,
        &[
            (4.0, OK, false),
            (1.5, FAST, false),
            (1.5, FAST, false),
            (4.0, OK, false),
            (4.0, OK, false),
        ],
    );
    h.end_session(s1, SessionStatus::Completed, t).unwrap();

    let s2 = h
        .start_session(at(1.0, 18.0), &plan("hip-hinge", 1))
        .unwrap();
    let t = set_of(
        &mut h,
        s2,
        "hip-hinge",
        1,
        at(1.0, 18.0),
        &[
            (5.0, OK, false),
            (5.0, &["head_forward"], false),
            (5.0, OK, false),
            (2.0, &["partial_rep"], true),
            (5.0, OK, false),
            (5.0, OK, false),
        ],
    );
    h.end_session(s2, SessionStatus::Completed, t).unwrap();

    let s3 = h
        .start_session(at(3.0, 9.0), &plan("knee-bend", 2))
        .unwrap();
    let t = set_of(
        &mut h,
        s3,
        "knee-bend",
        1,
        at(3.0, 9.0),
        &[(4.0, OK, false); 3],
    );
    h.end_session(s3, SessionStatus::StoppedForPain, t + 1.0)
        .unwrap();
    h.add_pain_report(&PainReport {
        session_id: Some(s3.0),
        exercise_id: Some("knee-bend".into()),
        ..pain(t + 1.0, Some(6), "lower back, left")
    })
    .unwrap();

    let s4 = h
        .start_session(at(4.0, 19.0), &plan("knee-bend", 1))
        .unwrap();
    let set = h.start_set(s4, "knee-bend", 1, 5, at(4.0, 19.0)).unwrap();
    h.record_rep(set, &rep(1, 0.0, 3.0, OK, false), at(4.0, 19.0) + 4.0)
        .unwrap();
    h.record_rep(set, &rep(2, 4.0, 3.0, OK, false), at(4.0, 19.0) + 8.0)
        .unwrap();

    for (day, hour) in [(4.0, 8.0), (5.0, 12.0), (5.0, 21.0), (6.0, 9.0)] {
        h.add_pain_report(&pain(at(day, hour), Some(5), "lower back"))
            .unwrap();
    }
    h.add_pain_report(&pain(at(7.0, 9.0), Some(3), "")).unwrap();
}

fn options(now: f64, since_days: Option<u32>) -> ReportOptions {
    ReportOptions {
        now_unix_secs: now,
        utc_offset_secs: 0,
        since_days,
        ..ReportOptions::default()
    }
}

fn report_for(now: f64, since_days: Option<u32>) -> (tempfile::TempDir, ProgressReport) {
    let dir = tempfile::tempdir().unwrap();
    scripted_history(dir.path());
    let h = History::open(dir.path()).unwrap();
    let report = build_report(&h, &options(now, since_days)).unwrap();
    (dir, report)
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

#[test]
fn figures_match_the_history() {
    let (_dir, r) = report_for(at(7.0, 12.0), None);
    assert_eq!(r.first_date.as_deref(), Some("2026-01-05"));
    assert_eq!(r.last_date, "2026-01-12");

    let a = &r.adherence;
    assert_eq!(a.days_in_period, 8);
    assert_eq!(a.days_exercised, 4);
    assert_eq!(a.sessions, 4);
    assert_eq!(
        (
            a.sessions_completed,
            a.sessions_stopped_for_pain,
            a.sessions_ended_early,
            a.sessions_interrupted
        ),
        (2, 1, 0, 1)
    );
    assert_eq!(a.reps, 10 + 5 + 3 + 2);
    assert_eq!(a.current_streak_days, 0, "nothing on days 6 and 7");
    assert_eq!(a.longest_streak_days, 2);
    let days: Vec<(&str, u32, u32)> = a
        .days
        .iter()
        .map(|d| (d.date.as_str(), d.sessions, d.reps))
        .collect();
    assert_eq!(
        days,
        [
            ("2026-01-05", 1, 10),
            ("2026-01-06", 1, 5),
            ("2026-01-08", 1, 3),
            ("2026-01-09", 1, 2)
        ]
    );

    assert_eq!(r.exercises.len(), 2);
    let hinge = &r.exercises[0];
    assert_eq!(hinge.exercise_id, "hip-hinge");
    assert_eq!(
        (
            hinge.sessions,
            hinge.sets,
            hinge.reps,
            hinge.good_reps,
            hinge.partial_reps
        ),
        (1, 1, 5, 4, 1)
    );
    assert!(close(hinge.mean_rep_secs, 5.0));
    assert!(close(hinge.too_fast_share, 0.0));
    assert_eq!(hinge.faults.get("head_forward"), Some(&1));
    assert_eq!(
        hinge.faults.get("partial_rep"),
        None,
        "partials are not counted reps"
    );
    let knee = &r.exercises[1];
    assert_eq!(knee.exercise_id, "knee-bend");
    assert_eq!(
        (knee.sessions, knee.sets, knee.reps, knee.good_reps),
        (3, 4, 15, 13)
    );
    // 11 reps of 4 s, 2 of 1.5 s, 2 of 3 s.
    assert!(close(
        knee.mean_rep_secs,
        (11.0 * 4.0 + 2.0 * 1.5 + 2.0 * 3.0) / 15.0
    ));
    assert!(close(knee.too_fast_share, 2.0 / 15.0));
    assert_eq!(knee.faults.get("too_fast"), Some(&2));

    let first = &r.tempo[0];
    assert_eq!((first.exercise_id.as_str(), first.reps), ("knee-bend", 10));
    assert!(close(first.mean_rep_secs, (8.0 * 4.0 + 2.0 * 1.5) / 10.0));
    assert!(close(first.too_fast_share, 0.2));
    assert!(close(first.fault_share, 0.2));
    assert_eq!(r.tempo.len(), 4);
    assert!(close(r.tempo[1].fault_share, 0.2), "one head_forward in 5");
}

#[test]
fn pain_diary_stops_and_the_36_hour_rule() {
    let (_dir, r) = report_for(at(7.0, 12.0), None);
    let p = &r.pain;
    assert_eq!(p.reports.len(), 7);
    assert_eq!(p.max_intensity, Some(6));
    assert_eq!(p.latest_intensity, Some(3));
    assert!(!p.advice_due_now, "the intensity changed on day 7");
    assert_eq!(
        p.same_intensity_events.len(),
        1,
        "{:?}",
        p.same_intensity_events
    );
    let e = &p.same_intensity_events[0];
    assert_eq!(e.reported_unix_secs, at(5.0, 21.0), "at 37 h, not at 28 h");
    assert_eq!(e.intensity, 5);
    assert_eq!(e.since_unix_secs, at(4.0, 8.0));
    assert!((e.hours - 37.0).abs() < 1e-9);
    assert_eq!(e.local_time, "2026-01-10 21:00");

    assert_eq!(r.pain_stops.len(), 1);
    let s = &r.pain_stops[0];
    assert_eq!(s.exercise_id.as_deref(), Some("knee-bend"));
    assert_eq!((s.sets_of_exercise, s.reps_before), (1, 3));
    assert_eq!(
        (s.intensity, s.location.as_str()),
        (Some(6), "lower back, left")
    );
    assert!(s.local_time.starts_with("2026-01-08 09:"));

    // Seen on day 6 at 10:00, the advice is due (49 h of 5/10) and the later report
    // does not exist yet.
    let (_dir, r) = report_for(at(6.0, 10.0), None);
    assert!(r.pain.advice_due_now);
    assert_eq!(r.pain.latest_intensity, Some(5));
    assert_eq!(r.pain.reports.len(), 6);
}

#[test]
fn since_days_keeps_the_last_days_and_the_rule_sees_the_whole_diary() {
    // The last 2 days: day 6 and day 7. The run of 5/10 started on day 4, so the 36-hour
    // event on day 5 is outside; nothing new becomes due on day 6.
    let (_dir, r) = report_for(at(7.0, 12.0), Some(2));
    assert_eq!(r.first_date.as_deref(), Some("2026-01-11"));
    assert_eq!(r.adherence.days_in_period, 2);
    assert_eq!(r.adherence.sessions, 0);
    assert!(r.exercises.is_empty());
    assert_eq!(r.pain.reports.len(), 2);
    assert!(r.pain.same_intensity_events.is_empty());
    // The last 4 days include day 5's event and day 4's interrupted session.
    let (_dir, r) = report_for(at(7.0, 12.0), Some(4));
    assert_eq!(r.pain.same_intensity_events.len(), 1);
    assert_eq!(r.adherence.sessions, 1);
    assert_eq!(r.adherence.sessions_interrupted, 1);
    assert_eq!(r.adherence.days_exercised, 1);
}

#[test]
fn local_dates_follow_the_utc_offset() {
    let dir = tempfile::tempdir().unwrap();
    scripted_history(dir.path());
    let h = History::open(dir.path()).unwrap();
    // UTC-10: day 1's 18:00 UTC session is 08:00 local on the same date; day 0's 09:00
    // session is 23:00 on the day before.
    let r = build_report(
        &h,
        &ReportOptions {
            utc_offset_secs: -10 * 3600,
            ..options(at(7.0, 12.0), None)
        },
    )
    .unwrap();
    assert_eq!(r.adherence.days[0].date, "2026-01-04");
    assert_eq!(r.adherence.days[1].date, "2026-01-06");
    assert_eq!(
        r.pain.same_intensity_events[0].local_time,
        "2026-01-10 11:00"
    );
}

// --- The HTML ---------------------------------------------------------------------

/// Parses the document as XML (the page is written in XHTML syntax) and returns the
/// element names in order.
fn parse_xml(html: &str) -> Vec<String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(html);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<String> = Vec::new();
    let mut names = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
                for attr in e.attributes() {
                    attr.unwrap();
                }
                names.push(name.clone());
                stack.push(name);
            }
            Ok(Event::Empty(e)) => {
                for attr in e.attributes() {
                    attr.unwrap();
                }
                names.push(String::from_utf8(e.name().as_ref().to_vec()).unwrap());
            }
            Ok(Event::End(_)) => {
                stack.pop();
            }
            Ok(Event::Text(t)) => {
                t.decode().unwrap();
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("not well-formed at byte {}: {e}", reader.buffer_position()),
        }
    }
    assert!(stack.is_empty(), "unclosed elements: {stack:?}");
    names
}

fn assert_self_contained(html: &str) {
    let lower = html.to_ascii_lowercase();
    for banned in [
        "http://", "https://", "src=", "<script", "<link", "url(", "@import", "href=",
    ] {
        assert!(!lower.contains(banned), "the report contains {banned:?}");
    }
}

#[test]
fn html_is_well_formed_self_contained_and_has_every_section() {
    let (_dir, r) = report_for(at(7.0, 12.0), None);
    let html = render_html(&r);
    let names = parse_xml(&html);
    assert_self_contained(&html);
    assert_eq!(names.first().map(String::as_str), Some("html"));
    assert!(!r.programme.is_empty());
    assert_eq!(
        names.iter().filter(|n| *n == "svg").count(),
        4 + r.programme.len(),
        "pain, reps, tempo, too fast, one programme chart per exercise"
    );
    for heading in [
        "Pain diary",
        "36-hour rule",
        "Pain stops",
        "Adherence",
        "Exercises",
        "Tempo and faults over time",
    ] {
        assert!(
            html.contains(&format!(">{heading}</h")),
            "missing {heading}"
        );
    }
    assert!(html.contains("@page { size: A4"));
    assert!(html.contains("lower back, left"));
    assert!(html.contains("too fast (2)"));
}

#[test]
fn user_text_is_escaped_and_an_empty_history_still_renders() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = History::open(dir.path()).unwrap();
    let report = build_report(&h, &options(at(0.0, 12.0), Some(7))).unwrap();
    let html = render_html(&report);
    parse_xml(&html);
    assert!(html.contains("No pain reports in this period."));
    h.add_pain_report(&pain(
        at(0.0, 8.0),
        Some(4),
        "<script>\"&'</script> https://x",
    ))
    .unwrap();
    let html = render_html(&build_report(&h, &options(at(0.0, 12.0), Some(7))).unwrap());
    parse_xml(&html);
    assert!(!html.contains("<script"));
    assert!(html.contains("&lt;script&gt;&quot;&amp;&#39;&lt;/script&gt;"));
}

/// The English headings of the page (`<h1>`, `<h2>`, `<h3>`).
const ENGLISH_HEADINGS: [&str; 9] = [
    "Exercise and pain record",
    "At a glance",
    "Pain diary",
    "36-hour rule",
    "Reports",
    "Pain stops",
    "Adherence",
    "Exercises",
    "Tempo and faults over time",
];

#[test]
fn the_english_page_has_its_headings_and_lang_en() {
    let (_dir, r) = report_for(at(7.0, 12.0), None);
    let html = render_html(&r);
    assert_eq!(html, render_html_in(&r, Lang::En));
    assert!(html.contains("<html lang=\"en\">"));
    for heading in ENGLISH_HEADINGS {
        assert!(
            html.contains(&format!(">{heading}</h")),
            "missing {heading}"
        );
    }
    assert!(html.contains("<th>when</th>") && html.contains("days exercised"));
    assert!(
        html.contains("<td class=\"n\">3.5</td>"),
        "the decimal point"
    );
}

#[test]
fn the_danish_page_is_danish_and_still_well_formed() {
    let (_dir, r) = report_for(at(7.0, 12.0), None);
    let html = render_html_in(&r, Lang::Da);
    let names = parse_xml(&html);
    assert_self_contained(&html);
    assert_eq!(
        names.iter().filter(|n| *n == "svg").count(),
        4 + r.programme.len()
    );
    assert!(html.contains("<html lang=\"da\">"), "lang=da");
    for heading in [
        "Træning og smertedagbog",
        "Overblik",
        "Smertedagbog",
        "36-timersreglen",
        "Registreringer",
        "Smertestop",
        "Regelmæssighed",
        "Øvelser",
        "Tempo og fejl over tid",
    ] {
        assert!(
            html.contains(&format!(">{heading}</h")),
            "missing {heading}"
        );
    }
    for heading in ENGLISH_HEADINGS {
        assert!(
            !html.contains(&format!(">{heading}<")),
            "English left: {heading}"
        );
    }
    for words in [
        "dage med træning",
        "gentagelser",
        "smertestop",
        "<th>tidspunkt</th>",
        "for hurtigt (2)",
        "<td class=\"n\">3,5</td>",
        "<title>backcoach-rapport 2026-01-12</title>",
        "<td>Knæbøjning</td>",
    ] {
        assert!(html.contains(words), "missing {words:?}");
    }
    // Exercises by their names in the page's language, never by id.
    assert!(!html.contains(">knee-bend<"), "an id on the page");
    let english = render_html_in(&r, Lang::En);
    assert!(english.contains("<td>Knee bend</td>"));
    assert!(!english.contains(">knee-bend<"), "an id on the page");
    for english in [
        "days exercised",
        "reps counted",
        "<th>when</th>",
        "too fast (2)",
    ] {
        assert!(!html.contains(english), "English left: {english:?}");
    }
    // The user's own words and the exercise ids stay as they are.
    assert!(html.contains("lower back, left"));
}

#[test]
fn an_empty_danish_page_says_so_in_danish_and_the_file_follows_the_options() {
    let dir = tempfile::tempdir().unwrap();
    let h = History::open(dir.path()).unwrap();
    let path = dir.path().join("rapport.html");
    let options = ReportOptions {
        lang: Lang::Da,
        ..options(at(0.0, 12.0), Some(7))
    };
    let report = write_html_report(&h, &options, &path).unwrap();
    let html = std::fs::read_to_string(&path).unwrap();
    assert_eq!(html, render_html_in(&report, Lang::Da));
    parse_xml(&html);
    assert!(html.contains("Ingen smerteregistreringer i perioden."));
    assert!(html.contains("(7 dage)"), "the period in Danish");
    assert!(!html.contains("No pain reports"));
}

// --- The CLI and Chromium -------------------------------------------------------------

/// `backcoach ARGS` in UTC with no locale variables (so the page is in English unless
/// `--lang` says otherwise).
fn backcoach(args: &[&str]) -> std::process::Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_backcoach"));
    command.args(args).env("TZ", "UTC");
    for key in ["LC_ALL", "LC_MESSAGES", "LANGUAGE", "LANG"] {
        command.env_remove(key);
    }
    command.output().unwrap()
}

#[test]
fn cli_writes_json_and_html() {
    let dir = tempfile::tempdir().unwrap();
    scripted_history(dir.path());
    let data = dir.path().to_str().unwrap();
    let now = format!("{}", at(7.0, 12.0));
    // `report --format json` with these extra arguments, parsed.
    let json_report = |extra: &[&str]| -> ProgressReport {
        let mut args = vec![
            "report",
            "--data-dir",
            data,
            "--format",
            "json",
            "--now",
            &now,
        ];
        args.extend_from_slice(extra);
        let out = backcoach(&args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let from_cli = json_report(&[]);
    let (_other, direct) = report_for(at(7.0, 12.0), None);
    assert_eq!(from_cli, direct);
    assert!(!from_cli.programme.is_empty());

    // --lang names the programme's exercises and words its reasons; nothing else changes.
    let danish = json_report(&["--lang", "da"]);
    for (da, en) in danish.programme.iter().zip(&from_cli.programme) {
        assert_eq!((&da.id, &da.points), (&en.id, &en.points));
        assert_ne!(da.name, en.name, "{}", da.id);
    }
    assert_eq!(
        ProgressReport {
            programme: Vec::new(),
            ..danish
        },
        ProgressReport {
            programme: Vec::new(),
            ..from_cli.clone()
        }
    );

    let html_path = dir.path().join("out.html");
    let started = std::time::Instant::now();
    let out = backcoach(&[
        "report",
        "--data-dir",
        data,
        "--since",
        "30",
        "--now",
        &now,
        "--out",
        html_path.to_str().unwrap(),
    ]);
    eprintln!(
        "report CLI took {:.0} ms",
        started.elapsed().as_secs_f64() * 1e3
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = std::fs::read_to_string(&html_path).unwrap();
    parse_xml(&html);
    assert_self_contained(&html);
    assert!(html.contains("(30 days)"));
    assert!(
        html.contains("<html lang=\"en\">"),
        "the environment has no locale"
    );

    let out = backcoach(&[
        "report",
        "--data-dir",
        data,
        "--now",
        &now,
        "--lang",
        "da",
        "--out",
        html_path.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = std::fs::read_to_string(&html_path).unwrap();
    parse_xml(&html);
    assert!(html.contains("<html lang=\"da\">") && html.contains(">Smertedagbog</h2>"));
    let out = backcoach(&["report", "--data-dir", data, "--lang", "de"]);
    assert!(!out.status.success(), "--lang de is refused");

    // No history: an error that says so, and no database is created.
    let empty = tempfile::tempdir().unwrap();
    let out = backcoach(&["report", "--data-dir", empty.path().to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no history"));
    assert_eq!(std::fs::read_dir(empty.path()).unwrap().count(), 0);
    let out = backcoach(&["report", "--data-dir", data, "--since", "0"]);
    assert!(!out.status.success(), "--since 0 is refused");
}

/// Debian's Chromium, if installed.
fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser"]
        .into_iter()
        .map(|name| PathBuf::from("/usr/bin").join(name))
        .find(|p| p.is_file())
}

#[test]
fn chromium_renders_a_page_that_is_not_blank() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "chromium is missing on CI (.ci/run installs it)"
        );
        eprintln!("skipped: chromium not installed (apt-get install chromium)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    scripted_history(dir.path());
    let h = History::open(dir.path()).unwrap();
    let report = build_report(&h, &options(at(7.0, 12.0), None)).unwrap();
    let page = dir.path().join("report.html");
    std::fs::write(&page, render_html(&report)).unwrap();
    let png = dir.path().join("report.png");
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--screenshot={}", png.display()))
        .arg("--window-size=1240,1754")
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    assert!(
        png.is_file(),
        "chromium wrote no screenshot: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let image = image::open(&png).unwrap().to_rgb8();
    assert_eq!(image.dimensions(), (1240, 1754));
    let inked = image
        .pixels()
        .filter(|p| p.0.iter().any(|&c| c < 200))
        .count();
    let share = inked as f64 / f64::from(image.width() * image.height());
    eprintln!(
        "non-white share of the rendered report: {:.1}%",
        share * 100.0
    );
    assert!(
        share > 0.02,
        "the page looks blank ({:.2}% ink)",
        share * 100.0
    );
    // Red pain marks (the pain chart) are on the page.
    let red = image
        .pixels()
        .filter(|p| p.0[0] > 150 && p.0[1] < 90 && p.0[2] < 90)
        .count();
    assert!(red > 100, "no pain chart marks found ({red} red pixels)");
    if let Some(keep) = std::env::var_os("BACKCOACH_KEEP_REPORT_PNG") {
        let keep = PathBuf::from(keep);
        std::fs::copy(&png, &keep).unwrap();
        std::fs::copy(&page, keep.with_extension("html")).unwrap();
    }
}

#[test]
fn a_long_diary_lists_the_most_recent_reports_and_charts_all() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = History::open(dir.path()).unwrap();
    for day in 0..40 {
        h.add_pain_report(&pain(
            at(f64::from(day), 8.0),
            Some((day % 7) as u8),
            "back",
        ))
        .unwrap();
    }
    let report = build_report(&h, &options(at(40.0, 0.0), None)).unwrap();
    assert_eq!(
        report.pain.reports.len(),
        40,
        "the figures keep every report"
    );
    let html = render_html(&report);
    parse_xml(&html);
    assert!(html.contains("The 30 most recent of 40 reports"));
    assert!(html.contains("2026-02-13 08:00"), "the newest is listed");
    assert!(
        !html.contains("<td>2026-01-05 08:00</td>"),
        "the oldest is only charted"
    );
}

#[test]
fn the_trend_shows_the_mean_form_score_per_session() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = History::open(dir.path()).unwrap();
    for (day, scores) in [(0.0, [60.0, 70.0]), (2.0, [80.0, 90.0])] {
        let s = h
            .start_session(at(day, 9.0), &plan("deep-squat", 1))
            .unwrap();
        let set = h.start_set(s, "deep-squat", 1, 5, at(day, 9.0)).unwrap();
        for (i, score) in scores.iter().enumerate() {
            let mut r = rep(i as u32 + 1, 5.0 * i as f64, 4.0, OK, false);
            r.form_score = Some(*score);
            h.record_rep(set, &r, at(day, 9.1)).unwrap();
        }
        h.end_set(set, at(day, 9.2)).unwrap();
        h.end_session(s, SessionStatus::Completed, at(day, 9.2))
            .unwrap();
    }
    // The score is stored and read back.
    let stored = h.reps(None).unwrap();
    assert_eq!(stored[0].rep.form_score, Some(60.0));
    let report = build_report(&h, &options(at(3.0, 12.0), None)).unwrap();
    let means: Vec<Option<f64>> = report.tempo.iter().map(|t| t.mean_form_score).collect();
    assert_eq!(means, [Some(65.0), Some(85.0)]);
    let html = render_html(&report);
    assert!(html.contains("Form score per session"), "{html}");
}

mod programme_sim;

/// The 60-day programme history, reported at the end of its last day, in `lang`.
fn programme_report(lang: Lang) -> (tempfile::TempDir, programme_sim::Simulated, ProgressReport) {
    let dir = tempfile::tempdir().unwrap();
    let start =
        backcoach::programme::day_of_date(chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap());
    let sim = programme_sim::simulate(dir.path(), start);
    let now = programme_sim::unix(start, programme_sim::DAYS - 1, 6.0 * HOUR);
    let options = ReportOptions {
        lang,
        ..options(now, None)
    };
    let report = build_report(&History::open(dir.path()).unwrap(), &options).unwrap();
    (dir, sim, report)
}

#[test]
fn the_programme_is_in_the_json_with_its_changes() {
    use programme_sim::{MISSED, PAIN_REPORT_DAY, STOPPED};
    let (_dir, sim, report) = programme_report(Lang::En);
    let date = |d: i64| backcoach::progress::date_of_day(sim.start_day + d);
    let json: serde_json::Value = serde_json::to_value(&report).unwrap();
    let programme = json["programme"].as_array().unwrap();
    assert_eq!(programme.len(), report.programme.len());
    assert!(programme.len() >= 4, "{}", programme.len());
    let knee = programme.iter().find(|e| e["id"] == STOPPED).unwrap();
    assert_eq!(knee["name"], "Standing knee raise");
    for key in ["id", "name", "points", "events"] {
        assert!(knee.get(key).is_some(), "{key}");
    }
    let point = &knee["points"][0];
    for key in ["date", "sets", "reps"] {
        assert!(point.get(key).is_some(), "point {key}");
    }
    let events = knee["events"].as_array().unwrap();
    let find = |kind: &str, d: i64| {
        events
            .iter()
            .find(|e| e["kind"] == kind && e["date"] == date(d).as_str())
            .unwrap_or_else(|| panic!("no {kind} on day {d}: {events:#?}"))
    };
    let stop = find("back_off", sim.pain_stop_day + 1);
    assert_eq!(stop["cause"], "pain_stop");
    assert_eq!(stop["reason_code"], "pain_stop");
    assert_eq!(stop["cause_date"], date(sim.pain_stop_day).as_str());
    assert!(
        stop["reason"]
            .as_str()
            .unwrap()
            .contains("after a pain stop"),
        "{stop}"
    );
    find("missed_week", MISSED.end() + 1);
    assert!(events.iter().any(|e| e["kind"] == "step_up"));
    assert!(events.iter().any(|e| e["kind"] == "override"));
    assert!(events.iter().any(|e| e["kind"] == "override_cleared"));
    // The diary's report backed off every exercise done that day.
    for id in &sim.done[&PAIN_REPORT_DAY] {
        let e = programme.iter().find(|e| e["id"] == id.as_str()).unwrap();
        let backed = e["events"].as_array().unwrap().iter().any(|v| {
            v["kind"] == "back_off"
                && v["cause"] == "pain_report"
                && v["date"] == date(PAIN_REPORT_DAY + 1).as_str()
        });
        assert!(backed, "{id}");
    }
    // Names and reasons in the report's language; the rest the same.
    let (_dir, _, danish) = programme_report(Lang::Da);
    let knee_da = danish.programme.iter().find(|e| e.id == STOPPED).unwrap();
    assert_eq!(knee_da.name, "Stående knæløft");
    let knee_en = report.programme.iter().find(|e| e.id == STOPPED).unwrap();
    assert_eq!(knee_da.points, knee_en.points);
    assert_eq!(knee_da.events.len(), knee_en.events.len());
}

#[test]
fn the_programme_section_has_charts_markers_legend_and_changes_in_words() {
    let (_dir, sim, report) = programme_report(Lang::En);
    for (lang, heading, legend, words, name) in [
        (
            Lang::En,
            "<h2>Programme</h2>",
            "back-off after a pain stop",
            "back off to 2 × ",
            "Standing knee raise",
        ),
        (
            Lang::Da,
            "<h2>Program</h2>",
            "trin ned efter et smertestop",
            "ned til 2 × ",
            "Stående knæløft",
        ),
    ] {
        let html = render_html_in(&report, lang);
        assert!(html.contains(heading), "{lang}");
        assert!(html.contains(legend), "{lang}");
        assert!(html.contains(words), "{lang}");
        assert!(html.contains(name), "{lang}");
        for glyph in ["▲", "▼", "◆", "●", "○"] {
            assert!(html.contains(glyph), "{lang}: {glyph}");
        }
        // One chart per exercise, titled with its name.
        let charts = html.matches("aria-label=\"").count();
        assert!(charts >= report.programme.len(), "{lang}");
        // Well-formed.
        assert!(parse_xml(&html).iter().any(|n| n == "ul"), "{lang}");
    }
    // The pain stop in words, with its date.
    let html = render_html_in(&report, Lang::En);
    let stop = backcoach::progress::date_of_day(sim.start_day + sim.pain_stop_day);
    let day: u32 = stop[8..].parse().unwrap();
    assert!(
        html.contains(&format!("after a pain stop on {day} ")),
        "{stop}"
    );
    if let Ok(path) = std::env::var("BACKCOACH_PROGRAMME_REPORT") {
        std::fs::write(&path, &html).unwrap();
        std::fs::write(format!("{path}.da.html"), render_html_in(&report, Lang::Da)).unwrap();
    }
}
